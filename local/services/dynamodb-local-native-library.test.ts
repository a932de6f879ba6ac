import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeLibraryFlags } from './dynamodb-local-native-library.ts';

describe('nativeLibraryFlags', () => {
  const libDir = mkdtempSync(join(tmpdir(), 'sqlite-lib-'));
  writeFileSync(join(libDir, 'libsqlite4java-linux-amd64.so'), '');
  afterAll(() => rmSync(libDir, { recursive: true, force: true }));

  it("points DynamoDB Local at the release folder's copy of the library for this platform", () => {
    expect(nativeLibraryFlags(libDir, 'linux', 'x64')).toEqual([
      `-Djava.library.path=${libDir}`,
      `-Dorg.sqlite.lib.path=${libDir}`,
      '-Dorg.sqlite.lib.name=libsqlite4java-linux-amd64.so',
    ]);
  });

  it('leaves the choice to DynamoDB Local where the folder has no copy, or the platform none at all', () => {
    expect(nativeLibraryFlags(libDir, 'linux', 'arm64')).toEqual([`-Djava.library.path=${libDir}`]);
    expect(nativeLibraryFlags(libDir, 'freebsd', 'x64')).toEqual([`-Djava.library.path=${libDir}`]);
  });
});
