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
import { readJsonCache, writeJsonCache } from '../../util/json-file-cache.ts';

/** Beside the other tool caches, ignored by git. */
export const CODE_RESULT_CACHE_DIR = resolve(import.meta.dirname, '..', '..', '..', 'node_modules', '.cache', 'appsync-local', 'compiled-code');
/** The results held in memory (oldest dropped first): a watch session compiles every edit anew. */
const MEMORY_ENTRIES = 512;

export class CodeResultCache {
  private readonly memory = new Map<string, unknown>();

  /**
   * @param options.dir - the folder of the disk cache, or undefined for memory only
   * @param options.fingerprint - what else the results depend on (the compiler's own code and versions): a change
   *   makes every key new, so a result of an older compiler is never used
   */
  constructor(private readonly options: { dir: string | undefined; fingerprint: string }) {}

  /** `compute()`'s result for `code`, computed once; a throw is not kept (the next call computes again). */
  get<T>(kind: string, code: string, compute: () => T): T {
    const key = createHash('sha256').update(this.options.fingerprint).update('\0').update(kind).update('\0').update(code).digest('hex');
    let value = this.memory.get(key) as T | undefined;
    if (value === undefined && this.options.dir) value = readJsonCache<T>(this.options.dir, key);
    if (value === undefined) {
      value = compute();
      if (this.options.dir) writeJsonCache(this.options.dir, key, value);
    }
    this.memory.delete(key);
    this.memory.set(key, value);
    if (this.memory.size > MEMORY_ENTRIES) this.memory.delete(this.memory.keys().next().value!);
    return value;
  }
}

/** The compiler's files and the versions of what it runs: the results depend on nothing else. */
function compilerFingerprint(): string {
  const hash = createHash('sha256');
  const require = createRequire(import.meta.url);
  for (const name of ['esbuild', 'acorn']) hash.update(`${name}@${(require(`${name}/package.json`) as { version: string }).version}\0`);
  for (const file of ['compile-module.ts', 'instrument.ts', 'module-imports.ts', 'source-map-lookup.ts', 'code-result-cache.ts']) {
    hash.update(readFileSync(join(import.meta.dirname, file))).update('\0');
  }
  return hash.digest('hex');
}

let shared: CodeResultCache | undefined;

/** The cache the runtime compiles through (created on first use). */
export function codeResultCache(): CodeResultCache {
  shared ??= new CodeResultCache({ dir: CODE_RESULT_CACHE_DIR, fingerprint: compilerFingerprint() });
  return shared;
}
