/**
 * What compiling a piece of APPSYNC_JS code yields (its import scan, its CommonJS body), kept by hash of the code in
 * memory and on disk. Parsing, transforming and instrumenting the product's resolvers was most of an engine's start
 * (0.3 s of a warm restart's 0.5 s engine phase, CPU profile), and the same code was compiled again at its first
 * request and by every other stack a test worker starts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { ResultCache } from '../../util/result-cache.ts';

/** Beside the other tool caches, ignored by git. */
export const CODE_RESULT_CACHE_DIR = resolve(import.meta.dirname, '..', '..', '..', 'node_modules', '.cache', 'appsync-local', 'compiled-code');

/** The compiler's files and the versions of what it runs: the results depend on nothing else. */
function compilerFingerprint(): string {
  const hash = createHash('sha256');
  const require = createRequire(import.meta.url);
  for (const name of ['esbuild', 'acorn']) hash.update(`${name}@${(require(`${name}/package.json`) as { version: string }).version}\0`);
  for (const file of ['compile-module.ts', 'instrument.ts', 'module-imports.ts', 'source-map-lookup.ts']) {
    hash.update(readFileSync(join(import.meta.dirname, file))).update('\0');
  }
  return hash.digest('hex');
}

let shared: ResultCache | undefined;

/** The cache the runtime compiles through (created on first use). */
export function codeResultCache(): ResultCache {
  shared ??= new ResultCache({ dir: CODE_RESULT_CACHE_DIR, fingerprint: compilerFingerprint() });
  return shared;
}
