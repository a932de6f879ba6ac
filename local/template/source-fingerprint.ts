import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What a synthesized assembly depends on besides the CDK context: the app, everything it bundles, and the lock. */
const SOURCES = ['infra', 'resolvers', 'functions', 'schema.graphql', 'package-lock.json'];
const SKIPPED = /(^|\/)(node_modules|generated)(\/|$)|\.test\.ts$/;

/**
 * A hash of every input of `cdk synth` — the sources under `repoRoot` and the context — so a start can reuse the
 * assembly it synthesized last time when nothing changed (synthesis is most of a cold start).
 */
export function sourceFingerprint(repoRoot: string, context: Record<string, string>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ context, node: process.version }));
  for (const file of SOURCES.flatMap((source) => filesUnder(repoRoot, source)).sort()) {
    hash.update(`\0${file}\0`);
    hash.update(readFileSync(join(repoRoot, file)));
  }
  return hash.digest('hex');
}

function filesUnder(repoRoot: string, path: string): string[] {
  const absolute = join(repoRoot, path);
  let entries;
  try {
    entries = readdirSync(absolute, { withFileTypes: true, recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A plain file (schema.graphql, the lock) rather than a folder; a source that does not exist adds nothing.
    if (code === 'ENOTDIR') return [path];
    if (code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)))
    .filter((file) => !SKIPPED.test(file));
}
