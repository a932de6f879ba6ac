/** Watches the stack's sources under a root folder and hands debounced batches of changed paths to a callback. */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { createChangeBatcher } from './change-batcher.ts';
import { isStackSource, WATCHED_FOLDERS } from './watched-paths.ts';

/** A running source watcher. */
export interface SourceTreeWatcher {
  /** Resolves once no batch is pending or running. */
  idle(): Promise<void>;
  /** Stops watching; a batch already running finishes first. */
  stop(): Promise<void>;
}

/**
 * Watches `rootDir`'s resolvers/, functions/, infra/ (recursively) and schema.graphql; `onBatch` gets the changed
 * paths (relative to rootDir) once `debounceMs` passed without another change. Batches never overlap.
 */
export function watchSourceTree(rootDir: string, debounceMs: number, onBatch: (paths: string[]) => Promise<void>): SourceTreeWatcher {
  const batcher = createChangeBatcher({ debounceMs, run: onBatch });
  const onChange = (path: string) => {
    if (isStackSource(path)) batcher.add(path);
  };
  const watchers: FSWatcher[] = [];
  for (const folder of WATCHED_FOLDERS) {
    try {
      watchers.push(watch(join(rootDir, folder), { recursive: true }, (_event, name) => name && onChange(join(folder, name))));
    } catch {
      // A missing folder (e.g. no functions/) is nothing to watch.
    }
  }
  // The root itself, not schema.graphql: editors replace files on save, which ends a watch on the old file.
  watchers.push(watch(rootDir, (_event, name) => name && onChange(name)));
  return {
    idle: () => batcher.idle(),
    async stop() {
      for (const watcher of watchers) watcher.close();
      batcher.cancel();
      await batcher.idle();
    },
  };
}
