import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFunction } from './bundle-function.ts';

const sendOtpEmailEntry = join(import.meta.dirname, '..', '..', 'functions', 'send-otp-email', 'index.ts');

describe('bundleFunction', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'otp-function-code-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes one ES module with its source map, leaving the AWS SDK to the runtime', () => {
    bundleFunction(sendOtpEmailEntry, outDir);
    const code = readFileSync(join(outDir, 'index.mjs'), 'utf8');
    expect(existsSync(join(outDir, 'index.mjs.map'))).toBe(true);
    expect(code.startsWith("import { createRequire } from 'node:module';")).toBe(true);
    expect(code).toMatch(/from\s*"@aws-sdk\/client-ses"/);
    expect(code).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
    // Running the bundle is the end-to-end suites' job: the local stack runs exactly this file.
  });
});
