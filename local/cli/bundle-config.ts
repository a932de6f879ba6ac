/**
 * Imports a config file without a TypeScript loader, for the compiled command (bin/compiled-package.mjs), as Vite loads
 * its config: the file and the modules it imports by path are bundled by esbuild into one module, each keeping its own
 * `import.meta.url`/`dirname`/`filename`; packages stay imports, and `appsync-local` is the compiled package the command
 * runs, so the config's sidecars and the stack share one copy of it.
 */
import { build, type Plugin } from 'esbuild';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withSourceLocation } from '../bin/compiled-package.mjs';

const PACKAGE_NAME = 'appsync-local';

function configModules(packageEntry: string): Plugin {
  return {
    name: 'appsync-local-config',
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point' || args.path.startsWith('.') || args.path.startsWith('/')) return undefined;
        return { path: args.path === PACKAGE_NAME ? packageEntry : args.path, external: true };
      });
      builder.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => ({
        contents: withSourceLocation(readFileSync(args.path, 'utf8'), args.path),
        loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js',
      }));
    },
  };
}

/**
 * The config module, bundled to a file where its package imports resolve as from the config (the project's
 * `node_modules/.cache/appsync-local`, or beside the config when it has no node_modules), imported, then removed.
 * @throws when a module it imports cannot be loaded without a TypeScript loader (a package that ships TypeScript)
 */
export async function importBundledConfig(path: string, packageEntry: string): Promise<unknown> {
  const dir = dirname(path);
  const outDir = existsSync(join(dir, 'node_modules')) ? join(dir, 'node_modules', '.cache', 'appsync-local') : dir;
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.mjs`);
  try {
    await build({ entryPoints: [path], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent', plugins: [configModules(packageEntry)] });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(outfile, { force: true });
  }
}
