/** Watches the stack's sources under a root folder and hands debounced batches of changed paths to a callback. */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import { createChangeBatcher } from './change-batcher.ts';
import { isStackSource } from './watched-paths.ts';

/** A running source watcher. */
export interface SourceTreeWatcher {
  /** Resolves once no batch is pending or running. */
  idle(): Promise<void>;
  /** Stops watching; a batch already running finishes first. */
  stop(): Promise<void>;
}

/**
 * Watches `sources` under `rootDir` (folders recursively); `onBatch` gets the changed paths (relative to rootDir)
 * once `debounceMs` passed without another change. Batches never overlap.
 */
export function watchSourceTree(
  rootDir: string,
  sources: readonly string[],
  debounceMs: number,
  onBatch: (paths: string[]) => Promise<void>,
): SourceTreeWatcher {
  const batcher = createChangeBatcher({ debounceMs, run: onBatch });
  const onChange = (path: string) => {
    if (isStackSource(path, sources)) batcher.add(path);
  };
  const watchers: FSWatcher[] = [];
  const watchedFolders = new Set<string>();
  const watchFolder = (folder: string, recursive: boolean) => {
    if (watchedFolders.has(`${folder}:${recursive}`)) return;
    watchedFolders.add(`${folder}:${recursive}`);
    try {
      watchers.push(watch(join(rootDir, folder), { recursive }, (_event, name) => name && onChange(join(folder, name))));
    } catch {
      // A missing folder (e.g. no functions/ yet) is nothing to watch.
    }
  };
  for (const source of sources) {
    if (isDirectory(join(rootDir, source))) watchFolder(source, true);
    // A file's folder, not the file: editors replace files on save, which ends a watch on the old file.
    else watchFolder(dirname(source), false);
  }
  return {
    idle: () => batcher.idle(),
    async stop() {
      for (const watcher of watchers) watcher.close();
      batcher.cancel();
      await batcher.idle();
    },
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
