/**
 * The package compiled to JavaScript for the `appsync-local` command, so that a start loads plain modules instead of
 * compiling TypeScript through tsx's loader thread as it goes (measured on a 2-core machine: warm restarts of the
 * product's stack 2.3–2.9 s with tsx, 1.6–2.0 s compiled).
 *
 * Plain JavaScript, as it runs before any TypeScript loader. The output mirrors the sources' folders under
 * `dist/<fingerprint>/` (a fingerprint of every source's content, the package's folder, the builder and esbuild), so
 * stale output is never run: a changed source makes a new folder. Each module keeps its source's `import.meta.url`,
 * `dirname` and `filename`, so the files it reads beside itself, and the packages it resolves, are found as from the
 * sources.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const PACKAGE_DIR = resolve(import.meta.dirname, '..');
/** Bumped when the output's shape changes, so older output is not reused. */
const BUILDER_VERSION = '2';
/** Folders with no module the command runs (tests' fixtures) or that are not sources. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'fixtures']);
/** Output no start has used for this long is removed (a running stack may still import lazily from its own). */
const UNUSED_FOR_MS = 24 * 60 * 60 * 1000;
// Not right after a quote: a string that names them (as esbuild's define keys do) stays as it is.
const IMPORT_META = /(?<!['"`])\bimport\.meta\.(url|dirname|filename)\b/g;

/** Every TypeScript module of the package the command may load (tests excluded), sorted. */
function sourceFiles(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) sourceFiles(path, found);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) {
      found.push(path);
    }
  }
  return found.sort();
}

/** The source with `import.meta.url`, `.dirname` and `.filename` replaced by the source file's own. */
export function withSourceLocation(code, path) {
  const values = { url: pathToFileURL(path).href, dirname: dirname(path), filename: path };
  return code.replace(IMPORT_META, (_match, name) => JSON.stringify(values[name]));
}

/** esbuild's resolution for one module compiled alone: every import stays an import, `.ts` ones renamed to `.js`. */
const keepImports = {
  name: 'appsync-local-keep-imports',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (!/^\.\.?\//.test(args.path)) return { path: args.path, external: true };
      // Another compiled module, or a file that is not compiled (it stays where it is: imported by its URL).
      if (args.path.endsWith('.ts')) return { path: `${args.path.slice(0, -3)}.js`, external: true };
      return { path: pathToFileURL(resolve(args.resolveDir, args.path)).href, external: true };
    });
    builder.onLoad({ filter: /\.ts$/ }, (args) => ({ contents: withSourceLocation(readFileSync(args.path, 'utf8'), args.path), loader: 'ts' }));
  },
};

async function compileInto(outdir, files, packageDir) {
  // Loaded only to compile (~45 ms): a start whose sources are already compiled needs only its version.
  const { build } = await import('esbuild');
  await build({
    entryPoints: files,
    outdir,
    outbase: packageDir,
    // One module per entry, all of its imports external: a per-file compile whose import paths esbuild rewrites.
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    plugins: [keepImports],
  });
}

function removeUnused(root, keep) {
  for (const name of readdirSync(root)) {
    if (name === keep) continue;
    const path = join(root, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > UNUSED_FOR_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another start removed it first.
    }
  }
}

/**
 * The compiled package, compiling it first when its sources changed; undefined when it cannot be compiled here (a
 * read-only install, a source esbuild refuses, a root outside the package): the command then runs the sources through
 * tsx, as before.
 * @param options.packageDir - the sources (default: this package); options.root - where output goes (default: its dist/)
 * @returns the output folder, and the file URLs of the command's entry (`cli/main.js`) and of the package's (`index.js`)
 */
export async function compiledPackage({ packageDir = PACKAGE_DIR, root = join(packageDir, 'dist') } = {}) {
  // Compiled modules resolve packages from where they are: outside the package they would find none of its own.
  if (relative(packageDir, resolve(root)).startsWith('..')) return undefined;
  try {
    const files = sourceFiles(packageDir);
    const esbuildVersion = createRequire(import.meta.url)('esbuild/package.json').version;
    // The package's own folder too: each module's location is compiled into it, so a package copied or moved
    // elsewhere with its dist/ must not run output that reads beside the old sources.
    const hash = createHash('sha256').update(`${BUILDER_VERSION}\0${esbuildVersion}\0${packageDir}\0`);
    for (const file of files) hash.update(`${relative(packageDir, file)}\0`).update(readFileSync(file)).update('\0');
    const fingerprint = hash.digest('hex').slice(0, 16);
    const outdir = join(root, fingerprint);
    const urls = { dir: outdir, cli: pathToFileURL(join(outdir, 'cli', 'main.js')).href, index: pathToFileURL(join(outdir, 'index.js')).href };
    try {
      const now = new Date();
      utimesSync(outdir, now, now);
      return urls;
    } catch {
      // Not compiled yet for these sources.
    }
    mkdirSync(root, { recursive: true });
    // Written aside and renamed into place: a reader never sees a half-written folder, and of two concurrent first
    // starts, the second rename fails and that start uses the first one's identical output.
    const temporary = join(root, `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await compileInto(temporary, files, packageDir);
      writeFileSync(join(temporary, 'SOURCES'), `${files.length} modules compiled from ${packageDir}\n`);
      try {
        renameSync(temporary, outdir);
      } catch (error) {
        if (!['EEXIST', 'ENOTEMPTY', 'EPERM'].includes(error.code)) throw error;
      }
    } finally {
      rmSync(temporary, { recursive: true, force: true });
    }
    removeUnused(root, fingerprint);
    return urls;
  } catch {
    return undefined;
  }
}
