import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire, isBuiltin } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFunctions } from './bundle-function.ts';

const require = createRequire(import.meta.url);
const functionEntry = (name: string) => join(import.meta.dirname, '..', '..', 'functions', name, 'index.ts');
const sendOtpEmailEntry = functionEntry('send-otp-email');
const serveJwksEntry = functionEntry('serve-jwks');

describe('bundleFunctions', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'otp-function-code-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes one whole ES module per function with its source map (mappings, no sources), the AWS SDK inside', () => {
    bundleFunctions({ 'send-otp-email': sendOtpEmailEntry, 'serve-jwks': serveJwksEntry }, outDir);
    // Each bundle stands alone: nothing split out into a shared chunk.
    expect(readdirSync(outDir).sort()).toEqual(['send-otp-email', 'serve-jwks']);
    expect(readFileSync(join(outDir, 'serve-jwks', 'index.mjs'), 'utf8')).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
    const code = readFileSync(join(outDir, 'send-otp-email', 'index.mjs'), 'utf8');
    expect(existsSync(join(outDir, 'send-otp-email', 'index.mjs.map'))).toBe(true);
    expect(code.startsWith("import { createRequire } from 'node:module';")).toBe(true);
    // Nothing left for the runtime to resolve but Node's own modules: the SDK is inside.
    const specifiers = [...code.matchAll(/(?:\bfrom|\bimport|\brequire)\s*\(?\s*["']([^"']+)["']/g)].map((match) => match[1]!);
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers.filter((specifier) => specifier.startsWith('.'))).toEqual([]);
    // Left out: what no node_modules here holds (the SDK's optional SigV4a signers, which it requires in a try).
    const resolvable = (specifier: string) => {
      try {
        return Boolean(require.resolve(specifier));
      } catch {
        return false;
      }
    };
    expect(specifiers.filter((specifier) => !isBuiltin(specifier) && resolvable(specifier))).toEqual([]);
    expect(code).toContain('SendEmail');
    const map = JSON.parse(readFileSync(join(outDir, 'send-otp-email', 'index.mjs.map'), 'utf8')) as { sources: string[]; sourcesContent?: unknown };
    expect(map.sources.some((source) => source.includes('send-otp-email'))).toBe(true);
    expect(map.sourcesContent).toBeUndefined();
    expect(code).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
    // Running the bundle is the end-to-end suites' job: the local stack runs exactly this file.
  });
});
