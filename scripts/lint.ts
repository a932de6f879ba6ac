/**
 * `npm run lint`: `eslint .` with eslint's cache, so that a second run re-lints only what changed — without ever
 * reusing a result that a change could have altered.
 *
 * ESLint's cache keys each file's result on that file's content (and the config). That holds for the per-file rules,
 * not for the type-aware APPSYNC_JS rules: their result for a resolver also depends on the files it imports, on the
 * compiler options and on the packages' types. So the files of the typed program (tsconfig.appsync.json's roots, the
 * files eslint.config.js lints with type information) get a cache of their own whose file name carries a hash of
 * everything that program reads from the repository: each root and every repository file it imports, transitively,
 * as the compiler resolves them; both tsconfigs; eslint.config.js; package-lock.json (the packages' types, the
 * compiler's lib files, the plugins' versions). Any change there starts that cache afresh; the rest of the repository
 * keeps its own cache (keyed on eslint.config.js and the lockfile, since ESLint's own config hash does not see a
 * plugin's code). The caches live in node_modules/.cache/otp-appsync (not in git, gone in a fresh clone: CI lints
 * from scratch). `--no-cache` lints without them; `--fix` applies fixes as `eslint --fix` does.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'otp-appsync');
/** The program eslint.config.js gives the type-aware rules. */
const TYPED_TSCONFIG = 'tsconfig.appsync.json';
/** Read by every lint result besides the linted file itself. */
const SHARED_INPUTS = ['eslint.config.js', 'package-lock.json'];

export interface TypedProgram {
  /** Absolute paths of the program's root files: the files linted with type information. */
  roots: string[];
  /** Absolute paths of every file of the program outside node_modules (roots and what they import), sorted. */
  sources: string[];
  /** Absolute paths of the tsconfig files the program's options come from. */
  configs: string[];
}

/**
 * The typed program's files as the compiler finds them: the tsconfig's roots and, transitively, every import that
 * resolves to a file outside node_modules (packages are pinned by the lockfile, which is hashed whole). Only the import
 * statements are scanned (ts.preProcessFile), so this costs milliseconds where building the program costs seconds.
 */
export function typedProgram(tsconfigPath: string): TypedProgram {
  const configs: string[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfigPath, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${tsconfigPath}`);
  if (parsed.errors.length > 0) throw new Error(ts.formatDiagnostics(parsed.errors, formatHost));
  // The tsconfig and each one it extends.
  configs.push(resolve(tsconfigPath));
  const configFile = parsed.options.configFile as ts.TsConfigSourceFile | undefined;
  for (const extended of configFile?.extendedSourceFiles ?? []) configs.push(resolve(extended));

  const roots = parsed.fileNames.map((file) => resolve(file));
  // Shared across the files: they import the same few folders and packages.
  const resolutionCache = ts.createModuleResolutionCache(dirname(resolve(tsconfigPath)), (name) => name, parsed.options);
  const seen = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const reference of info.referencedFiles) pending.push(resolve(dirname(file), reference.fileName));
    for (const imported of info.importedFiles) {
      const resolved = ts.resolveModuleName(imported.fileName, file, parsed.options, ts.sys, resolutionCache).resolvedModule;
      if (resolved && !resolved.isExternalLibraryImport) pending.push(resolve(resolved.resolvedFileName));
    }
  }
  return { roots, sources: [...seen].sort(), configs: [...new Set(configs)].sort() };
}

/** A hash of the files' paths (relative to ROOT) and contents; a missing file counts as such. */
export function hashFiles(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    hash.update(`${relative(ROOT, file)}\0`);
    let content: Buffer | string;
    try {
      content = readFileSync(file);
    } catch {
      content = '\0missing';
    }
    hash.update(createHash('sha256').update(content).digest());
  }
  return hash.digest('hex').slice(0, 16);
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: () => ROOT,
  getNewLine: () => '\n',
};

/** A glob matching exactly this path (relative to ROOT): our resolver file names contain `[` and `]`. */
function literalGlob(file: string): string {
  return relative(ROOT, file).replace(/[\\*?[\]{}()!+@]/g, '\\$&');
}

/** The cache file for one part; older ones of that part (other hashes) are removed so they do not pile up. */
function cacheFile(part: string, hash: string): string {
  mkdirSync(CACHE_DIR, { recursive: true });
  const name = `eslint-${part}-${hash}.json`;
  for (const old of readdirSync(CACHE_DIR)) {
    if (old.startsWith(`eslint-${part}-`) && old !== name) rmSync(join(CACHE_DIR, old), { force: true });
  }
  return join(CACHE_DIR, name);
}

/** Lints what `eslint .` lints, with the same config, through the two caches (or none). */
export async function lint(args: readonly string[]): Promise<{ results: ESLint.LintResult[]; formatter: ESLint.LoadedFormatter }> {
  const unknown = args.filter((arg) => arg !== '--fix' && arg !== '--no-cache');
  if (unknown.length > 0) throw new Error(`unknown argument(s): ${unknown.join(' ')} (accepted: --fix, --no-cache)`);
  const fix = args.includes('--fix');
  const cache = !args.includes('--no-cache');
  const shared = SHARED_INPUTS.map((file) => join(ROOT, file));
  const program = typedProgram(join(ROOT, TYPED_TSCONFIG));

  const typedKey = (of: TypedProgram) => hashFiles([...of.sources, ...of.configs, ...shared]);
  const typedCache = cache ? cacheFile('typed', typedKey(program)) : undefined;

  const common = { cwd: ROOT, fix, cacheStrategy: 'content' as const };
  const typed = new ESLint({
    ...common,
    cache,
    cacheLocation: typedCache,
    // Roots that the config ignores (generated code) are skipped silently, as `eslint .` skips them.
    warnIgnored: false,
  });
  const rest = new ESLint({
    ...common,
    cache,
    cacheLocation: cache ? cacheFile('files', hashFiles(shared)) : undefined,
    ignorePatterns: program.roots.map(literalGlob),
  });
  // One after the other: the typed part builds a TypeScript program, the rest is many small files.
  const typedResults = await typed.lintFiles(program.roots);
  // A file the program reads that changed while it was being linted: its results may have seen either version, so they
  // are not kept under the key of the version hashed before.
  if (typedCache && typedKey(typedProgram(join(ROOT, TYPED_TSCONFIG))) !== typedKey(program)) rmSync(typedCache, { force: true });
  const results = [...typedResults, ...(await rest.lintFiles(['.']))];
  if (fix) await ESLint.outputFixes(results);
  return { results, formatter: await rest.loadFormatter('stylish') };
}

async function main(args: readonly string[]): Promise<number> {
  const { results, formatter } = await lint(args);
  const output = await formatter.format(results);
  if (output) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  return results.some((result) => result.errorCount > 0 || result.fatalErrorCount > 0) ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
