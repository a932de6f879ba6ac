import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync, type WriteFileOptions } from 'node:fs';

/**
 * Writes a file whole or not at all: written beside it, then renamed over it, so a reader (another start, a
 * concurrent process) never sees half of it. A failed write leaves no temporary file behind.
 */
export function writeFileWhole(path: string, content: string | Uint8Array, options?: WriteFileOptions): void {
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, content, options);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
