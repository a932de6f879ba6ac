import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Build output, dependencies, state and tests: never an input of what an app deploys. */
const SKIPPED = /(^|\/)(node_modules|generated|cdk\.out|\.local|dist|\.git)(\/|$)|\.test\.[cm]?[jt]sx?$/;

/**
 * A hash of every input of `cdk synth` — the files under `sources` (relative to `rootDir`) and anything else that
 * shapes the output (`inputs`: context, command) — so a start can reuse the assembly it synthesized last time when
 * nothing changed (synthesis is most of a cold start).
 */
export function sourceFingerprint(rootDir: string, sources: readonly string[], inputs: unknown): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ inputs, node: process.version }));
  for (const file of sources.flatMap((source) => filesUnder(rootDir, source)).sort()) {
    hash.update(`\0${file}\0`);
    hash.update(readFileSync(join(rootDir, file)));
  }
  return hash.digest('hex');
}

function filesUnder(rootDir: string, path: string): string[] {
  const absolute = join(rootDir, path);
  let entries;
  try {
    entries = readdirSync(absolute, { withFileTypes: true, recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A plain file (a schema, the lock) rather than a folder; a source that does not exist adds nothing.
    if (code === 'ENOTDIR') return [path];
    if (code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(rootDir, join(entry.parentPath, entry.name)))
    .filter((file) => !SKIPPED.test(file));
}
