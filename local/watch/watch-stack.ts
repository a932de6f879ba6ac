/**
 * Hot reload for `npm start`: when a source of the stack changes (resolvers/, schema.graphql, functions/, infra/),
 * re-synthesize the CDK app, re-read the template and swap the new API into the running engine; restart the function
 * runners and stream pollers only when the Lambda side changed. DynamoDB Local and SES keep running (and their data).
 * A failed synth or code check keeps the old version running and prints the error.
 */
import { resolve } from 'node:path';
import type { ApiConfig, LocalStackConfig } from '../config.ts';
import type { RunningFunctions } from '../start-functions.ts';
import type { LocalValues } from '../template/local-values.ts';
import { readStack } from '../template/read-stack.ts';
import { synthesize } from '../template/synth.ts';
import { functionsChanged } from './functions-changed.ts';
import { watchSourceTree } from './watch-source-tree.ts';
import { WATCHED_FILES, WATCHED_FOLDERS } from './watched-paths.ts';

/** What the watcher reloads and how. */
export interface WatchStackOptions {
  /** Repository root (holds resolvers/, functions/, infra/, schema.graphql). @default this repository */
  rootDir?: string;
  /** The cloud assembly folder the stack was synthesized into (re-synthesized in place). */
  assemblyDir: string;
  stackName: string;
  context?: Record<string, string>;
  /** The same values the first readStack got (see stableLocalValues), so keys and secrets stay the same. */
  localValues: LocalValues;
  /** The configuration running now. */
  config: LocalStackConfig;
  appsync: { reload(api: ApiConfig): void };
  functions: RunningFunctions;
  /** Starts the functions of a new configuration (the stack's startFunctions with its options). */
  startFunctions(config: LocalStackConfig): Promise<RunningFunctions>;
  log(line: string): void;
  /** @default 300 */
  debounceMs?: number;
  /**
   * Produces the new configuration; tests replace it.
   * @default re-synthesize into assemblyDir (template/synth.ts), then readStack with localValues
   */
  loadConfig?: () => Promise<LocalStackConfig>;
}

/** A running watcher. */
export interface StackWatcher {
  /** Runs a reload now, as if `paths` had changed (also what the file watcher calls). */
  reload(paths: string[]): Promise<void>;
  /** Resolves once no reload is pending or running. */
  idle(): Promise<void>;
  /** Stops watching, and stops the function runners it restarted (the stack stops the original ones). */
  stop(): Promise<void>;
}

/** local/watch/../.. */
const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

function synthesizeAndRead(options: WatchStackOptions): () => Promise<LocalStackConfig> {
  return async () => {
    await synthesize({ outDir: options.assemblyDir, context: options.context });
    return readStack(options.assemblyDir, options.stackName, options.localValues);
  };
}

/** Starts watching; returns at once. */
export function watchLocalStack(options: WatchStackOptions): StackWatcher {
  let config = options.config;
  let functions = options.functions;
  const loadConfig = options.loadConfig ?? synthesizeAndRead(options);

  async function reload(paths: string[]): Promise<void> {
    const started = performance.now();
    options.log(`[watch] ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ` and ${paths.length - 3} more` : ''} changed: reloading`);
    let next: LocalStackConfig;
    try {
      next = await loadConfig();
      const [api] = next.apis;
      if (!api) throw new Error(`The synthesized stack ${options.stackName} has no AppSync API.`);
      // Throws on a bad schema or code that breaks the APPSYNC_JS rules; the old API keeps serving.
      options.appsync.reload(api);
    } catch (error) {
      options.log(`[watch] reload failed, the previous version keeps running:\n${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (JSON.stringify(next.tables) !== JSON.stringify(config.tables)) {
      options.log('[watch] table definitions changed: restart npm start to recreate the tables (data would be lost)');
    }
    if (functionsChanged(config, next)) {
      await functions.stop();
      try {
        functions = await options.startFunctions(next);
        options.log('[watch] functions restarted');
      } catch (error) {
        // config stays the old one, so the next change tries to start them again.
        options.log(`[watch] functions failed to start: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
    }
    config = next;
    options.log(`[watch] reloaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const sources = watchSourceTree(options.rootDir ?? REPO_ROOT, options.debounceMs ?? 300, reload);
  options.log(`[watch] watching ${[...WATCHED_FOLDERS, ...WATCHED_FILES].join(', ')} (npm start -- --no-watch to turn off)`);

  return {
    reload,
    idle: () => sources.idle(),
    async stop() {
      await sources.stop();
      if (functions !== options.functions) await functions.stop();
    },
  };
}
