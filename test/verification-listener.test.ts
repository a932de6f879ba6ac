/**
 * The example consumer (examples/verification-listener.ts) run exactly as a user runs it — tsx, a child process, the
 * stack's endpoints file — prints each verified session as one JSON line, and says clearly when it is refused.
 * The shared stack writes no `.local/endpoints.json`, so each listener gets its own file through ENDPOINTS_FILE.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtpEndpoints } from './support/otp-stack.ts';
import { GenerateOtpDocument, GenerateSmsOtpDocument, VerificationDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { graphql } from './support/graphql-client.ts';
import { codeIn, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { codeInText, uniqueMobile, waitForText } from './support/sms-inbox.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const dir = mkdtempSync(join(tmpdir(), 'verification-listener-'));

/** A running listener: what it has printed so far and how it ended. */
interface Listener {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];

/** Starts the example with `endpointsFile` as its endpoints and `args` on its command line, as `npm run listen` does. */
function startListener(endpointsFile: OtpEndpoints, args: string[]): Listener {
  const file = join(dir, `endpoints-${children.length}.json`);
  writeFileSync(file, JSON.stringify(endpointsFile));
  // No GRAPHQL_URL from the caller's shell: that would point the listener at AWS instead of the file.
  const { GRAPHQL_URL: _ignored, ...env } = process.env;
  const child = spawn('node_modules/.bin/tsx', ['examples/verification-listener.ts', ...args], {
    env: { ...env, ENDPOINTS_FILE: file },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Polls `check` until it returns a value, failing with what the listener printed when `timeoutMs` passes. */
async function waitFor<T>(listener: Listener, what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms; stderr: ${listener.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

afterAll(async () => {
  // SIGTERM reaches tsx, which passes it on to the listener (it unsubscribes and exits 0).
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    }),
  );
  rmSync(dir, { recursive: true, force: true });
});

describe('the verification listener example', () => {
  const email = uniqueEmail('listener');
  let listener: Listener;

  beforeAll(async () => {
    // Filtered to this test's address: other suites verify sessions on the same stack at the same time.
    listener = startListener(endpoints, [email]);
    await waitFor(listener, 'subscription', () => (listener.stderr().includes('Subscribed') ? true : undefined), 60_000);
  });

  it('prints one JSON line with the sessionId, email and verifiedAt of a verified session', async () => {
    const generated = await graphql(endpoints, GenerateOtpDocument, { email });
    const sessionId = generated.body.data!.generateOtp!.sessionId;
    const code = codeIn(await waitForEmail(endpoints, email));
    const verified = await graphql(endpoints, VerifyOtpDocument, { sessionId, code });
    expect(verified.body.data?.verifyOtp).toMatchObject({ verified: true });

    // The event travels table stream → Lambda → publish mutation → real-time: seconds on a busy machine.
    const line = await waitFor(listener, 'event line', () => listener.stdout().split('\n').find((l) => l.includes(sessionId)), 40_000);
    const event = JSON.parse(line) as Record<string, unknown>;
    const state = await graphql(endpoints, VerificationDocument, { sessionId }, { iam: endpoints.iam, region: endpoints.region });
    // Only the event's fields, exactly the stored verification time.
    expect(event).toEqual({ sessionId, email, phoneNumber: null, verifiedAt: state.body.data!.verification!.verifiedAt });
    expect(listener.stdout().trim().split('\n')).toEqual([line]);
    // Stdout is for events only; the code never appears anywhere the listener writes.
    expect(listener.stdout() + listener.stderr()).not.toContain(code);
  }, 60_000);

  it('prints an SMS session\'s verification, filtered on its number, with email null', async () => {
    const phoneNumber = uniqueMobile('GB');
    const byNumber = startListener(endpoints, [phoneNumber]);
    await waitFor(byNumber, 'subscription', () => (byNumber.stderr().includes('Subscribed') ? true : undefined), 60_000);
    const generated = await graphql(endpoints, GenerateSmsOtpDocument, { phoneNumber });
    const sessionId = generated.body.data!.generateSmsOtp!.sessionId;
    const code = codeInText(await waitForText(endpoints, phoneNumber));
    expect((await graphql(endpoints, VerifyOtpDocument, { sessionId, code })).body.data?.verifyOtp).toMatchObject({ verified: true });

    const line = await waitFor(byNumber, 'event line', () => byNumber.stdout().split('\n').find((l) => l.includes(sessionId)), 40_000);
    const state = await graphql(endpoints, VerificationDocument, { sessionId }, { iam: endpoints.iam, region: endpoints.region });
    expect(JSON.parse(line)).toEqual({ sessionId, email: null, phoneNumber, verifiedAt: state.body.data!.verification!.verifiedAt });
    expect(byNumber.stdout().trim().split('\n')).toEqual([line]);
    // The email listener above is filtered on its address: an SMS verification is not its event.
    expect(listener.stdout()).not.toContain(sessionId);
    expect(byNumber.stdout() + byNumber.stderr()).not.toContain(code);
  }, 90_000);

  it('is refused with a clear message and a non-zero exit when its IAM credentials are wrong', async () => {
    const forged = { ...endpoints, iam: { accessKeyId: endpoints.iam.accessKeyId, secretAccessKey: 'not-the-secret' } };
    const refused = startListener(forged, []);
    const exitCode = await Promise.race([
      refused.exited,
      new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 45_000)),
    ]);
    expect(exitCode, `stderr: ${refused.stderr()}`).toBe(1);
    // AppSync's own words for a bad signature, not a JSON dump.
    expect(refused.stderr()).toMatch(/^Subscription failed: Connection failed: .*UnauthorizedException$/m);
    expect(refused.stderr()).not.toContain('Subscribed');
    expect(refused.stdout()).toBe('');
  }, 60_000);
});
