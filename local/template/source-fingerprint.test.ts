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

const SOURCES = ['app', 'resolvers', 'lambda', 'schema.graphql', 'package-lock.json'];

describe('sourceFingerprint', () => {
  write('app/main.ts', 'app');
  write('resolvers/Query.a.ts', 'resolver');
  write('schema.graphql', 'type Query { a: String }');
  write('package-lock.json', '{}');
  write('README.md', 'not a source');

  it('changes when a listed source or an input changes, and only then', () => {
    const fingerprint = (inputs: unknown = {}) => sourceFingerprint(root, SOURCES, inputs);
    const first = fingerprint();
    expect(fingerprint()).toBe(first);
    expect(fingerprint({ codeTtlSeconds: '3' })).not.toBe(first);

    write('resolvers/Query.a.test.ts', 'a test is not an input of synth');
    write('resolvers/generated/schema.ts', 'generated from schema.graphql, which is hashed');
    write('resolvers/node_modules/x/index.js', 'a dependency folder inside a source');
    write('README.md', 'edited, but not a listed source');
    expect(fingerprint()).toBe(first);

    write('resolvers/Query.a.ts', 'resolver, edited');
    const edited = fingerprint();
    expect(edited).not.toBe(first);
    write('lambda/new-function/index.ts', 'a new file in a listed folder that did not exist before');
    expect(fingerprint()).not.toBe(edited);
  });
});
