import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ResultCache } from './result-cache.ts';

const dir = mkdtempSync(join(tmpdir(), 'result-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the cache of results by code hash', () => {
  it('computes a result once per code, then serves it from memory and, in a new process, from disk', () => {
    const compute = vi.fn((code: string) => ({ length: code.length }));
    const first = new ResultCache({ dir, fingerprint: 'compiler 1' });
    expect(first.get('module', 'export const a = 1;', () => compute('export const a = 1;'))).toEqual({ length: 19 });
    expect(first.get('module', 'export const a = 1;', () => compute('again'))).toEqual({ length: 19 });
    expect(compute).toHaveBeenCalledTimes(1);

    // As a new process with an empty memory: read from the disk, computed by no one.
    const next = new ResultCache({ dir, fingerprint: 'compiler 1' });
    expect(next.get('module', 'export const a = 1;', () => compute('again'))).toEqual({ length: 19 });
    expect(compute).toHaveBeenCalledTimes(1);
    // Another kind of result, other code, or another compiler: computed.
    expect(next.get('imports', 'export const a = 1;', () => compute('x'))).toEqual({ length: 1 });
    expect(next.get('module', 'export const a = 2;', () => compute('yy'))).toEqual({ length: 2 });
    expect(new ResultCache({ dir, fingerprint: 'compiler 2' }).get('module', 'export const a = 1;', () => compute('zzz'))).toEqual({ length: 3 });
    expect(compute).toHaveBeenCalledTimes(4);
  });

  it('keeps no failure, and computes again over an unreadable file', () => {
    const cache = new ResultCache({ dir, fingerprint: 'failures' });
    expect(() => cache.get('module', 'broken', () => { throw new Error('syntax error'); })).toThrow('syntax error');
    expect(cache.get('module', 'broken', () => 'compiled after the fix')).toBe('compiled after the fix');

    for (const file of readdirSync(dir)) writeFileSync(join(dir, file), '{ not json');
    expect(new ResultCache({ dir, fingerprint: 'failures' }).get('module', 'broken', () => 'computed again')).toBe('computed again');
  });
});
