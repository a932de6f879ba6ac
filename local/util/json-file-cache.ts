/** Results kept as JSON files under a cache folder, by key: what the code checks and the compiler keep across runs. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The value stored under `key`, or undefined when there is none or it cannot be read (then it is computed again). */
export function readJsonCache<T>(dir: string, key: string): T | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Stores `value` under `key`; a failure (a read-only checkout) only means it is computed again next time. */
export function writeJsonCache(dir: string, key: string, value: unknown): void {
  try {
    mkdirSync(dir, { recursive: true });
    // Write then rename: a concurrent reader never sees half a file.
    const temporary = join(dir, `${key}.${process.pid}.tmp`);
    writeFileSync(temporary, JSON.stringify(value));
    renameSync(temporary, join(dir, `${key}.json`));
  } catch {
    // The cache is an optimisation.
  }
}
