import { createServer, type Server } from 'node:http';
import { KMSClient, VerifyMacCommand, KMSInvalidMacException } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_MAC_ALGORITHM, codeMacMessage } from '../../infra/model/index.ts';
import { CREDENTIALS, REGION, startTestKms, type TestKms } from '../../local/services/kms-local/test-kms.ts';
import { KMS_CLIENT_RETRY_CONFIG } from './clients.ts';
import { macOtpCode } from './code-mac.ts';
import { CodeMacError } from './errors.ts';

// macOtpCode against the local KMS (local/services/kms-local), through @aws-sdk/client-kms as the function calls it.

const SESSION = '6f1c0000-0000-4000-8000-000000000000';
const OTHER_SESSION = '7a2d0000-0000-4000-8000-000000000000';

let local: TestKms;
let client: KMSClient;
let codeKey: string;

beforeAll(async () => {
  local = await startTestKms();
  client = new KMSClient({ endpoint: local.kms.url, region: REGION, credentials: { ...CREDENTIALS } });
  codeKey = local.keys.CodeKey!.arn;
});
afterAll(async () => {
  client?.destroy();
  await local?.kms.stop();
});

const verifies = async (keyId: string, sessionId: string, code: string, mac: string): Promise<boolean> => {
  const Message = new TextEncoder().encode(codeMacMessage(sessionId, code));
  try {
    const answer = await client.send(new VerifyMacCommand({ KeyId: keyId, MacAlgorithm: CODE_MAC_ALGORITHM, Message, Mac: Buffer.from(mac, 'base64') }));
    return answer.MacValid === true;
  } catch (error) {
    if (error instanceof KMSInvalidMacException) return false;
    throw error;
  }
};

describe('macOtpCode', () => {
  it('has KMS make an HMAC_SHA_256 MAC of sessionId + code, and names the key by its ARN', async () => {
    const made = await macOtpCode(client, codeKey, SESSION, '042917');
    expect(made.keyId).toBe(codeKey);
    expect(Buffer.from(made.mac, 'base64')).toHaveLength(32);
    expect(await verifies(codeKey, SESSION, '042917', made.mac)).toBe(true);
    // Deterministic: the same code of the same session gets the same MAC (what verifyOtp's condition relies on).
    expect((await macOtpCode(client, codeKey, SESSION, '042917')).mac).toBe(made.mac);
  });

  it('binds the MAC to the session, the code and the key', async () => {
    const made = await macOtpCode(client, codeKey, SESSION, '042917');
    expect(await verifies(codeKey, SESSION, '042918', made.mac)).toBe(false);
    expect(await verifies(codeKey, OTHER_SESSION, '042917', made.mac)).toBe(false);
    const created = await local.call('CreateKey', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const otherKey = (created.body.KeyMetadata as { Arn: string }).Arn;
    expect(await verifies(otherKey, SESSION, '042917', made.mac)).toBe(false);
    // A key given by alias is stored by its ARN: the session names the key itself, whatever the alias points to later.
    expect((await macOtpCode(client, 'alias/otp-code', SESSION, '042917')).keyId).toBe(codeKey);
  });

  it('turns every KMS failure into a CodeMacError that names the error, never the code or the message', async () => {
    const created = await local.call('CreateKey', { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const disabled = (created.body.KeyMetadata as { KeyId: string }).KeyId;
    await local.call('DisableKey', { KeyId: disabled });
    const failures = [
      [disabled, 'DisabledException'],
      ['arn:aws:kms:eu-west-1:000000000000:key/00000000-0000-4000-8000-000000000000', 'NotFoundException'],
      [local.keys.TokenKey!.arn, 'InvalidKeyUsageException'],
    ] as const;
    for (const [keyId, name] of failures) {
      const error = await macOtpCode(client, keyId, SESSION, '042917').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CodeMacError);
      expect((error as CodeMacError).reason).toBe(name);
      expect((error as CodeMacError).message).not.toMatch(/042917|6f1c0000/);
    }
  });
});

describe('the KMS client of the function', () => {
  let throttling: Server;
  let requests = 0;

  beforeAll(async () => {
    throttling = createServer((request, response) => {
      requests += 1;
      request.resume();
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end('{"__type":"ThrottlingException","message":"Rate exceeded"}');
    });
    await new Promise<void>((resolve) => throttling.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => throttling.close(() => resolve())));

  it('retries throttling a bounded number of times, then fails with a CodeMacError (the record is retried)', async () => {
    const address = throttling.address() as { port: number };
    const throttled = new KMSClient({ ...KMS_CLIENT_RETRY_CONFIG, endpoint: `http://127.0.0.1:${address.port}`, region: REGION, credentials: { ...CREDENTIALS } });
    try {
      const error = await macOtpCode(throttled, codeKey, SESSION, '042917').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CodeMacError);
      expect((error as CodeMacError).reason).toBe('ThrottlingException');
      expect(requests).toBe(KMS_CLIENT_RETRY_CONFIG.maxAttempts);
    } finally {
      throttled.destroy();
    }
  }, 20_000);
});
