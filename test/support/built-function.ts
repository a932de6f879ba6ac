import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentStoreAssets } from '../../infra/lib/package-assets.ts';

/**
 * A copy, in a new temporary folder, of a function's code as the construct deploys it: the asset store's current
 * build, which vitest's global set-up made (test/support/build-construct-assets.ts). The caller removes the folder.
 */
export function copyBuiltFunction(name: string): string {
  const assets = currentStoreAssets();
  if (!assets) throw new Error('The construct\'s assets are not built: run the tests through vitest (its global set-up builds them).');
  const codeDir = mkdtempSync(join(tmpdir(), `${name}-`));
  cpSync(join(assets, 'functions', name), codeDir, { recursive: true });
  return codeDir;
}
