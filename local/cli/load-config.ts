/** Finds and loads the project's config file, and lays the command line over it. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StartArguments } from './args.ts';
import type { AppSyncLocalConfig } from './config.ts';

/** Looked for in the working folder, in this order, when no --config is given. */
export const CONFIG_FILES = ['appsync-local.config.ts', 'appsync-local.config.mjs', 'appsync-local.config.js'];

/**
 * The config file's default export, or an empty config when there is none. Relative paths in it resolve against its folder.
 * @param packageEntry - the compiled package's entry when the command runs compiled (no TypeScript loader): the config
 *   is bundled to import it (bundle-config.ts); when that fails (it imports a package that ships TypeScript), tsx loads
 *   the config as before
 */
export async function loadConfigFile(file: string | undefined, cwd: string, packageEntry?: string): Promise<{ config: AppSyncLocalConfig; dir: string }> {
  const path = file ? resolve(cwd, file) : CONFIG_FILES.map((name) => resolve(cwd, name)).find((candidate) => existsSync(candidate));
  if (!path) return { config: {}, dir: cwd };
  if (!existsSync(path)) throw new Error(`Config file ${path} does not exist.`);
  const module = (await importConfig(path, packageEntry)) as { default?: unknown };
  if (!module.default || typeof module.default !== 'object') throw new Error(`${path} has no default export (export default defineConfig({ … })).`);
  return { config: module.default as AppSyncLocalConfig, dir: resolve(path, '..') };
}

async function importConfig(path: string, packageEntry: string | undefined): Promise<unknown> {
  if (packageEntry) {
    try {
      return await (await import('./bundle-config.ts')).importBundledConfig(path, packageEntry);
    } catch {
      // Through tsx, which reports the config's own errors as before. tsImport loads the modules anew under URLs of
      // its own: Node keeps a module that failed to load (a package's .ts file without a loader) failed at its URL.
      return (await import('tsx/esm/api')).tsImport(pathToFileURL(path).href, import.meta.url);
    }
  }
  return import(pathToFileURL(path).href);
}

/** The config with the command line's settings over it. A --app or --template replaces the config's app source. */
export function mergeConfig(config: AppSyncLocalConfig, args: StartArguments): AppSyncLocalConfig {
  const { overrides } = args;
  const source = overrides.app || overrides.template ? { app: overrides.app, template: overrides.template } : {};
  return {
    ...config,
    ...overrides,
    ...source,
    ports: { ...config.ports, ...overrides.ports },
    context: { ...config.context, ...overrides.context },
    watch: args.watch ?? config.watch ?? true,
    sidecars: args.noSidecars ? [] : config.sidecars,
  };
}
