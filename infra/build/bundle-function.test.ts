import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire, isBuiltin } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFunction } from './bundle-function.ts';

const require = createRequire(import.meta.url);
const sendOtpEmailEntry = join(import.meta.dirname, '..', '..', 'functions', 'send-otp-email', 'index.ts');

describe('bundleFunction', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'otp-function-code-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes one ES module with its source map (mappings, no sources), the AWS SDK inside', () => {
    bundleFunction(sendOtpEmailEntry, outDir);
    const code = readFileSync(join(outDir, 'index.mjs'), 'utf8');
    expect(existsSync(join(outDir, 'index.mjs.map'))).toBe(true);
    expect(code.startsWith("import { createRequire } from 'node:module';")).toBe(true);
    // Nothing left for the runtime to resolve but Node's own modules: the SDK is inside.
    const specifiers = [...code.matchAll(/(?:\bfrom|\bimport|\brequire)\s*\(?\s*["']([^"']+)["']/g)].map((match) => match[1]!);
    expect(specifiers.length).toBeGreaterThan(0);
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
    const map = JSON.parse(readFileSync(join(outDir, 'index.mjs.map'), 'utf8')) as { sources: string[]; sourcesContent?: unknown };
    expect(map.sources.some((source) => source.includes('send-otp-email'))).toBe(true);
    expect(map.sourcesContent).toBeUndefined();
    expect(code).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
    // Running the bundle is the end-to-end suites' job: the local stack runs exactly this file.
  });
});
