import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileWhole } from './write-whole.ts';

const dir = mkdtempSync(join(tmpdir(), 'write-whole-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileWhole', () => {
  it('replaces the file with the new content and the given mode, leaving nothing beside it', () => {
    const path = join(dir, 'state.json');
    writeFileSync(path, 'old');
    writeFileWhole(path, '{"new":true}', { mode: 0o600 });
    expect(readFileSync(path, 'utf8')).toBe('{"new":true}');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('throws when the file cannot be replaced, and leaves no temporary file', () => {
    // A folder where the file would go: the rename fails after the temporary file was written.
    const occupied = join(dir, 'occupied');
    mkdirSync(occupied);
    writeFileSync(join(occupied, 'inside'), '');
    expect(() => writeFileWhole(occupied, 'x')).toThrow();
    expect(readdirSync(dir).sort()).toEqual(['occupied', 'state.json']);
    expect(readdirSync(occupied)).toEqual(['inside']);
  });
});
