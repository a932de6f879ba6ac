/** The product's resolvers evaluated alone through AppSync's EvaluateCode API (AWS's SDK client, the local engine). */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { codeEvaluator, resolverCode } from './support/evaluate-code.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const env = { TABLE_NAME: 'otp-table', OTP_TTL_SECONDS: '300', OTP_DEFAULT_AUDIENCE: 'otp-api' };
const evaluator = codeEvaluator(await sharedEndpoints());
afterAll(() => evaluator.destroy());

describe('EvaluateCode on the project resolvers', () => {
  const generateOtp = resolverCode('Mutation.generateOtp.[table].ts');
  const verifyOtpBefore = resolverCode('Mutation.verifyOtp/resolver.ts');

  it("generateOtp's request writes a PENDING session with PutItem", async () => {
    const output = await evaluator.evaluate(generateOtp, 'request', { arguments: { email: 'Someone@Example.com' }, env, stash: {} });
    expect(output.error).toBeUndefined();
    const request = output.result as Record<string, unknown>;
    const puts = [request, ...((request.transactItems as Record<string, unknown>[] | undefined) ?? [])].filter(
      (item) => item.operation === 'PutItem',
    );
    const session = puts.find((item) => (item.attributeValues as Record<string, unknown> | undefined)?.status !== undefined);
    const stash = output.stash as { sessionId: string; expiresAt: number; nowSeconds: number };
    expect(session?.attributeValues).toMatchObject({
      sessionId: { S: stash.sessionId },
      email: { S: 'someone@example.com' },
      status: { S: 'PENDING' },
      expiresAt: { N: stash.expiresAt },
    });
    expect(stash.expiresAt - stash.nowSeconds).toBe(300);
  });

  it("verifyOtp's before handler stashes the session id and the time, never the code (KMS checks it later)", async () => {
    const sessionId = randomUUID();
    const output = await evaluator.evaluate(verifyOtpBefore, 'request', { arguments: { sessionId, code: '123456' }, env, stash: {} });
    expect(output.error).toBeUndefined();
    expect(Object.keys(output.stash).sort()).toEqual(['nowIso', 'nowSeconds', 'sessionId']);
    expect(output.stash.sessionId).toBe(sessionId);
    expect(JSON.stringify(output.stash)).not.toContain('123456');
  });

  it('reports util.error as the evaluation error', async () => {
    const output = await evaluator.evaluate(verifyOtpBefore, 'request', { arguments: { sessionId: randomUUID(), code: 'abc' }, env, stash: {} });
    expect(output.error).toContain('The code must be 4 to 10 digits.');
    expect(output.result).toBeUndefined();
  });
});
