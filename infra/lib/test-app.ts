import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type AppProps } from 'aws-cdk-lib/core';

/** The folders testApp made, until removeTestAppFolders removes them. */
const folders = new Set<string>();

/**
 * An App for the construct's unit tests, without the CDK's built-in CloudFormation validation. That validation
 * cannot fail a test (the CDK turns its errors into warnings unless an app opts in) yet it cost most of these tests'
 * CPU: ~4 s to start its engine in every test worker, then 0.4–2 s per synthesized stack (13 of the 24 CPU seconds
 * of infra/lib's tests). nag.test.ts keeps it on, made strict, on the stack that deploys.
 *
 * Without `outdir`, the app synthesizes into a temporary folder that removeTestAppFolders removes (vitest's set-up,
 * test/support/remove-test-apps.ts, calls it after each test file). The CDK's own temporary folder for an App without
 * `outdir` is never removed: every `npm test` left about 180 of them, 190 MB, in the system's temporary folder.
 */
export function testApp(props: AppProps = {}): App {
  const outdir = props.outdir ?? mkdtempSync(join(tmpdir(), 'otp-test-app-'));
  if (!props.outdir) folders.add(outdir);
  return new App({ ...props, outdir, builtinCloudFormationValidation: false });
}

/** Removes the folders of the apps testApp made without `outdir`. */
export function removeTestAppFolders(): void {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders.clear();
}
