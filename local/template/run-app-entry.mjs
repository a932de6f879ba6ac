/**
 * The synth's child process for an app given as its TypeScript entry (app-entry.ts):
 * `node --enable-source-maps run-app-entry.mjs <entry> <outfile>` compiles the entry into `outfile` and runs it.
 *
 * Compiled here, not in the command's process: esbuild's plugins below run on the event loop of the process that
 * builds, and the command's is busy loading the stack's modules while the synth runs beside them (a first start's
 * compile took 1.6 s there instead of 0.5 s). Plain JavaScript: it runs before any TypeScript loader.
 */
import { readFileSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * Each module keeps its own location — `import.meta.url`, `dirname` and `filename`, and CommonJS-style `__dirname`
 * and `__filename` — since apps find their assets by it. Replaced in the syntax tree (esbuild's define), so a
 * string that mentions `import.meta.url` stays as it is.
 */
const ownLocation = {
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
const installedPackagesExternal = {
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

const [entry, outfile] = process.argv.slice(2);
// The entry and the files it imports by path become one module, with an inline source map (this process runs with
// `--enable-source-maps`: the app's errors and the CDK's construct traces name its own files and lines).
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
await import(pathToFileURL(outfile).href);
