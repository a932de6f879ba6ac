/**
 * Results computed from a piece of text (APPSYNC_JS code: its lint findings, its compiled module), kept by hash of the
 * text in memory and as JSON files on disk, so that a new process finds what an earlier one computed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileWhole } from './write-whole.ts';

/** The results held in memory (oldest dropped first): a watch session computes every edit anew. */
const MEMORY_ENTRIES = 512;

export class ResultCache {
  private readonly memory = new Map<string, unknown>();

  /**
   * @param options.dir - the folder of the disk cache, or undefined for memory only
   * @param options.fingerprint - what else the results depend on (the tool's own code and versions): a change makes
   *   every key new, so a result of an older tool is never used
   */
  constructor(private readonly options: { dir: string | undefined; fingerprint: string }) {}

  /** The key (and file name, with `.json`) of `kind`'s result for `text`. */
  keyOf(kind: string, text: string): string {
    return createHash('sha256').update(this.options.fingerprint).update('\0').update(kind).update('\0').update(text).digest('hex');
  }

  /** `compute()`'s result for `text`, computed once; a throw is not kept (the next call computes again). */
  get<T>(kind: string, text: string, compute: () => T): T {
    const key = this.keyOf(kind, text);
    let value = this.memory.get(key) as T | undefined;
    if (value === undefined && this.options.dir) value = readJson<T>(this.options.dir, key);
    if (value === undefined) {
      value = compute();
      if (this.options.dir) writeJson(this.options.dir, key, value);
    }
    this.memory.delete(key);
    this.memory.set(key, value);
    if (this.memory.size > MEMORY_ENTRIES) this.memory.delete(this.memory.keys().next().value!);
    return value;
  }
}

/** The value stored under `key`, or undefined when there is none or it cannot be read (then it is computed again). */
function readJson<T>(dir: string, key: string): T | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Stores `value` under `key`; a failure (a read-only checkout) only means it is computed again next time. */
function writeJson(dir: string, key: string, value: unknown): void {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileWhole(join(dir, `${key}.json`), JSON.stringify(value));
  } catch {
    // The cache is an optimisation.
  }
}
