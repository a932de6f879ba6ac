/**
 * The local SNS inside the local stack (local/fixtures/sms/sms.template.json): a stack function publishes with AWS's
 * client through `AWS_ENDPOINT_URL_SNS` and its own credentials, an AppSync HTTP data source signed for
 * sns.<region>.amazonaws.com reaches it through the endpoint override, and both texts land in `GET {smsUrl}/store`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../stack.ts';
import { testDynamoDbLocal } from '../../test-support/dynamodb-local.ts';
import type { InboxSnapshot } from './inbox.ts';

const INVALID = '+15550100400';
let stack: LocalStack;
let stateDir: string;

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'sms-stack-'));
  stack = await startLocalStack({
    template: join(import.meta.dirname, '../../fixtures/sms/sms.template.json'),
    stateDir,
    ses: false,
    sms: { invalidNumbers: [INVALID] },
    dynamodbLocal: testDynamoDbLocal,
  });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

async function mutation(field: string, phoneNumber: string, text: string): Promise<{ data: Record<string, string | null> | null; errors?: { message: string; errorType: string }[] }> {
  const response = await fetch(stack.endpoints.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': stack.endpoints.apiKey ?? '' },
    body: JSON.stringify({ query: `mutation($p: String!, $t: String!) { ${field}(phoneNumber: $p, text: $t) }`, variables: { p: phoneNumber, t: text } }),
  });
  return response.json() as Promise<{ data: Record<string, string | null> | null }>;
}

async function inbox(): Promise<InboxSnapshot> {
  return (await (await fetch(`${stack.endpoints.smsUrl}/store`)).json()) as InboxSnapshot;
}

describe('SMS through the local stack', () => {
  it('lists the local SNS in the endpoints and starts it beside DynamoDB Local and the synth', () => {
    expect(stack.endpoints.smsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stack.endpoints.smsUrl).toBe(stack.sms?.url);
    expect(stack.startup.sms).toBeGreaterThanOrEqual(0);
  });

  it("delivers a function's Publish (AWS_ENDPOINT_URL_SNS, the function's own credentials) to the inbox", async () => {
    const answer = await mutation('sendFromFunction', '+4915112345678', '123456 is your Fixture code.');
    const messageId = answer.data?.sendFromFunction;
    expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await inbox()).messages).toContainEqual(
      expect.objectContaining({ messageId, phoneNumber: '+4915112345678', message: '123456 is your Fixture code.', senderId: 'Fixture', smsType: 'Transactional' }),
    );
  });

  it("gives the function SNS's refusal of an invalid number as the SDK's error", async () => {
    const answer = await mutation('sendFromFunction', INVALID, 'never sent');
    expect(answer.errors?.[0]).toMatchObject({ errorType: 'Lambda:Unhandled', message: `Invalid parameter: PhoneNumber Reason: ${INVALID} is not valid to publish to` });
    expect((await inbox()).messages.map((message) => message.message)).not.toContain('never sent');
  });

  it('delivers through an AppSync HTTP data source signed for sns.<region>.amazonaws.com, via the endpoint override', async () => {
    const answer = await mutation('sendFromAppSync', '+33612345678', 'from a resolver');
    expect(answer.errors).toBeUndefined();
    expect((await inbox()).messages).toContainEqual(
      expect.objectContaining({ messageId: answer.data?.sendFromAppSync, phoneNumber: '+33612345678', message: 'from a resolver', senderId: null }),
    );
  });
});
