/**
 * A CDK app given as its TypeScript entry file (`app: 'bin/app.ts'`) rather than a command: the synth compiles it
 * with esbuild and runs the result with plain `node`, as Vite runs a TypeScript config.
 *
 * Why: through a TypeScript loader (`node --import tsx bin/app.ts`), every module the app requires — aws-cdk-lib's
 * hundreds — passes the loader's resolve hooks. This project's app, synthesized 4 times each way, alternating on a
 * 2-core machine: 2.6 s through tsx, 2.0 s compiled (the compile: ~80 ms), the same template, assets and tree.
 * An app that calls `require()` itself (CommonJS-style TypeScript) keeps a command: the compiled module is ESM.
 */
import type { Plugin } from 'esbuild';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The entry file `app` names, when it names a TypeScript file rather than a command. */
export function typeScriptAppEntry(app: string, appDir: string): string | undefined {
  if (/\s/.test(app) || !/\.[cm]?ts$/.test(app)) return undefined;
  const path = resolve(appDir, app);
  return existsSync(path) ? path : undefined;
}

/**
 * Each module keeps its own location — `import.meta.url`, `dirname` and `filename`, and CommonJS-style `__dirname`
 * and `__filename` — since apps find their assets by it. Replaced in the syntax tree (esbuild's define), so a
 * string that mentions `import.meta.url` stays as it is.
 */
const ownLocation: Plugin = {
  name: 'appsync-local-app-location',
  setup(builder) {
    builder.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
      const { code } = await builder.esbuild.transform(readFileSync(args.path, 'utf8'), {
        loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js',
        format: 'esm',
        sourcefile: args.path,
        sourcemap: 'inline',
        define: {
          'import.meta.url': JSON.stringify(pathToFileURL(args.path).href),
          'import.meta.dirname': JSON.stringify(dirname(args.path)),
          'import.meta.filename': JSON.stringify(args.path),
          __dirname: JSON.stringify(dirname(args.path)),
          __filename: JSON.stringify(args.path),
        },
      });
      return { contents: code, loader: 'js' };
    });
  },
};

/**
 * Installed packages stay imports (node loads them from node_modules, as from the entry); a linked package whose
 * files live outside any node_modules (a workspace's own, which may ship TypeScript) is compiled in like the app.
 */
const installedPackagesExternal: Plugin = {
  name: 'appsync-local-app-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === installedPackagesExternal) return undefined;
      const found = await builder.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: installedPackagesExternal,
      });
      if (found.errors.length > 0 || found.external || found.path.split(sep).includes('node_modules')) return { path: args.path, external: true };
      return found;
    });
  },
};

/** Where the compiled app goes: where its imports of packages resolve as from the entry, outside the app's sources. */
function outputFolder(entry: string): string {
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'appsync-local');
    if (dirname(dir) === dir) return dirname(entry);
  }
}

/**
 * Compiles the entry and the files it imports by path into one module, with an inline source map (the app runs with
 * `--enable-source-maps`: its errors and the CDK's construct traces name its own files and lines).
 * @returns the module's path; the caller removes it.
 */
export async function compileAppEntry(entry: string): Promise<string> {
  // Loaded here, not with the module: every start imports the synth, and one that reuses its last synth compiles nothing.
  const { build } = await import('esbuild');
  const outDir = outputFolder(entry);
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `.${basename(entry)}.${process.pid}-${randomBytes(4).toString('hex')}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'silent',
    plugins: [installedPackagesExternal, ownLocation],
  });
  return outfile;
}
