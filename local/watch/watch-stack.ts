/**
 * Hot reload: when a source of the stack changes, rebuild it (re-synthesize the CDK app or re-read the template), swap
 * each API's new definition into its running engine, and restart the function runners and stream pollers only when
 * the Lambda side changed. DynamoDB Local and SES keep running (and their data). A failed build or code check keeps
 * the old version running and prints the error.
 */
import type { ApiConfig, StackDescription } from '../stack-description.ts';
import type { RunningFunctions } from '../start-functions.ts';
import { functionsChanged } from './functions-changed.ts';
import { watchSourceTree } from './watch-source-tree.ts';

/** What the watcher reloads and how. */
export interface WatchStackOptions {
  /** The app's folder; `sources` are relative to it. */
  rootDir: string;
  /** Files and folders whose changes rebuild the stack. */
  sources: readonly string[];
  /** Builds the new configuration (with the same local values as the first read, so keys and secrets stay). */
  loadConfig(): Promise<StackDescription>;
  /** The configuration running now. */
  config: StackDescription;
  /** The running engines, by their API's logical id. */
  apis: ReadonlyMap<string, { reload(api: ApiConfig): void }>;
  functions: RunningFunctions;
  /** Starts the functions of a new configuration (the stack's startFunctions with its options). */
  startFunctions(config: StackDescription): Promise<RunningFunctions>;
  log(line: string): void;
  /** @default 300 */
  debounceMs?: number;
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

/** Starts watching; returns at once. */
export function watchLocalStack(options: WatchStackOptions): StackWatcher {
  let config = options.config;
  let functions = options.functions;

  async function reload(paths: string[]): Promise<void> {
    const started = performance.now();
    options.log(`[watch] ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ` and ${paths.length - 3} more` : ''} changed: reloading`);
    let next: StackDescription;
    try {
      next = await options.loadConfig();
      const added = next.apis.filter((api) => !options.apis.has(api.logicalId)).map((api) => api.name);
      if (added.length > 0) throw new Error(`New AppSync API ${added.join(', ')}: restart to serve it.`);
      // A reload throws on a bad schema or code that breaks the APPSYNC_JS rules; that API keeps serving its old version.
      for (const api of next.apis) options.apis.get(api.logicalId)?.reload(api);
    } catch (error) {
      options.log(`[watch] reload failed, the previous version keeps running:\n${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (JSON.stringify(next.tables) !== JSON.stringify(config.tables)) {
      options.log('[watch] table definitions changed: restart to recreate the tables (data would be lost)');
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

  const sources = watchSourceTree(options.rootDir, options.sources, options.debounceMs ?? 300, reload);
  options.log(`[watch] watching ${options.sources.join(', ')} (--no-watch to turn off)`);

  return {
    reload,
    idle: () => sources.idle(),
    async stop() {
      await sources.stop();
      if (functions !== options.functions) await functions.stop();
    },
  };
}
