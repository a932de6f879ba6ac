import type { LocalStackOptions } from '../stack.ts';

/**
 * A project's settings for `appsync-local start`, the default export of `appsync-local.config.ts` (or `.mjs`/`.js`)
 * in the folder it runs in. Command-line options win over it.
 *
 * @example
 * // appsync-local.config.ts
 * import { defineConfig } from 'appsync-local';
 * export default defineConfig({ app: 'npx tsx bin/app.ts', sources: ['bin', 'lib', 'resolvers', 'schema.graphql'] });
 */
export interface AppSyncLocalConfig extends Omit<LocalStackOptions, 'stateDir' | 'log' | 'onFatal'> {
  /** Shown in the ready message. @default 'appsync-local' */
  name?: string;
  /** Working folder for the synthesized app, data and failure records. @default '.local' */
  stateDir?: string;
  /** Where the endpoints are written once everything serves (removed on shutdown). @default '<stateDir>/endpoints.json' */
  endpointsFile?: string;
}

/** Types a config file's default export (an identity function, as Vite's and Vitest's). */
export function defineConfig(config: AppSyncLocalConfig): AppSyncLocalConfig {
  return config;
}
