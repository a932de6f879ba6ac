import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceFingerprint } from './source-fingerprint.ts';

const root = mkdtempSync(join(tmpdir(), 'fingerprint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('sourceFingerprint', () => {
  write('infra/bin/app.ts', 'app');
  write('resolvers/Query.a.ts', 'resolver');
  write('schema.graphql', 'type Query { a: String }');
  write('package-lock.json', '{}');

  it('changes when a source or the context changes, and only then', () => {
    const first = sourceFingerprint(root, {});
    expect(sourceFingerprint(root, {})).toBe(first);
    expect(sourceFingerprint(root, { codeTtlSeconds: '3' })).not.toBe(first);

    write('resolvers/Query.a.test.ts', 'a test is not an input of synth');
    write('resolvers/generated/schema.ts', 'generated from schema.graphql, which is hashed');
    expect(sourceFingerprint(root, {})).toBe(first);

    write('resolvers/Query.a.ts', 'resolver, edited');
    const edited = sourceFingerprint(root, {});
    expect(edited).not.toBe(first);
    write('functions/new-function/index.ts', 'new');
    expect(sourceFingerprint(root, {})).not.toBe(edited);
  });
});
