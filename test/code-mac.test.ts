/**
 * verifyOtp checks a code with KMS VerifyMac, through the local stack: against each code the session stores, with the
 * key that code names (so codes MAC'd under a key the service has since rotated away from still verify), and never
 * for a MAC made for another session or under another key. Sessions are written straight into the table with MACs
 * the local KMS made, as the email function writes them (`emailedAt` set, so the function leaves them alone).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CODES_PER_SESSION, PENDING_STATUS, POLICY_DEFAULTS, sessionPk, type SessionItem, type StoredCodes } from '../infra/model/index.ts';
import { GenerateOtpDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { codeMacOf, createMacKey, localKms } from './support/code-macs.ts';
import { graphql } from './support/graphql-client.ts';
import { codeIn, uniqueEmail, waitForEmail } from './support/inbox.ts';
import { findTableName, localDynamoDb, SessionTable } from './support/table.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const kms = localKms(endpoints);
const dynamodb: DynamoDBClient = localDynamoDb(endpoints);
const table = new SessionTable(endpoints);
afterAll(() => {
  kms.destroy();
  dynamodb.destroy();
  table.close();
});

/** The key the stack MACs new codes with (read from a session it emailed) and a key it never used. */
let serviceKey: string;
let otherKey: string;

beforeAll(async () => {
  const email = uniqueEmail('mac-key');
  const generated = await graphql(endpoints, GenerateOtpDocument, { email });
  const sessionId = generated.body.data?.generateOtp?.sessionId ?? '';
  await waitForEmail(endpoints, email);
  const [stored] = Object.values((await table.session(sessionId))?.codes ?? {});
  serviceKey = stored?.keyId ?? '';
  otherKey = await createMacKey(kms);
});

const newCode = () => String(randomInt(0, 10 ** POLICY_DEFAULTS.codeLength)).padStart(POLICY_DEFAULTS.codeLength, '0');
const verify = (sessionId: string, code: string) => graphql(endpoints, VerifyOtpDocument, { sessionId, code });

/** Writes an emailed PENDING session holding `codes` (MAC → key and issue time), as the email function leaves one. */
async function seedSession(sessionId: string, codes: StoredCodes): Promise<string> {
  const email = uniqueEmail('seeded').toLowerCase();
  const nowSeconds = Math.floor(Date.now() / 1000);
  const item: SessionItem = {
    pk: sessionPk(sessionId),
    sessionId,
    email,
    mailbox: email,
    status: PENDING_STATUS,
    attempts: 0,
    createdAt: new Date().toISOString(),
    expiresAt: nowSeconds + POLICY_DEFAULTS.codeTtlSeconds,
    emailedAt: new Date().toISOString(),
    codes,
  };
  await dynamodb.send(new PutItemCommand({ TableName: await findTableName(dynamodb), Item: marshall(item) }));
  return sessionId;
}

/** A stored code: the MAC KMS makes for `code` of `sessionId` under `keyId`, stored as naming `storedKeyId`. */
async function storedCode(keyId: string, sessionId: string, code: string, storedKeyId = keyId): Promise<StoredCodes> {
  return { [await codeMacOf(kms, keyId, sessionId, code)]: { keyId: storedKeyId, issuedAt: Math.floor(Date.now() / 1000) } };
}

describe('verifyOtp checks codes with KMS VerifyMac', () => {
  it('uses a KMS key of its own for new codes', () => {
    expect(serviceKey).toMatch(/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/);
    expect(otherKey).not.toBe(serviceKey);
  });

  it('verifies a code MAC\'d under a key the service no longer uses: the key its session names (a rotation)', async () => {
    const sessionId = randomUUID();
    const code = newCode();
    await seedSession(sessionId, await storedCode(otherKey, sessionId, code));
    expect((await verify(sessionId, code)).body.data?.verifyOtp).toMatchObject({ verified: true, status: 'VERIFIED' });
  });

  it('never verifies a MAC made for another session, or stored as made by another key: a counted wrong code', async () => {
    const code = newCode();
    const forOtherSession = randomUUID();
    const stolen = await seedSession(randomUUID(), await storedCode(serviceKey, forOtherSession, code));
    const sessionId = randomUUID();
    await seedSession(sessionId, await storedCode(otherKey, sessionId, code, serviceKey));
    for (const id of [stolen, sessionId]) {
      expect((await verify(id, code)).body.data?.verifyOtp).toEqual({ verified: false, status: 'INVALID_CODE', attemptsRemaining: 4, token: null });
      expect(await table.session(id)).toMatchObject({ attempts: 1, status: 'PENDING' });
    }
  });

  it(`checks each of the up to ${MAX_CODES_PER_SESSION} codes a session holds: any of them verifies, a wrong one is one attempt`, async () => {
    const codes = Array.from({ length: MAX_CODES_PER_SESSION }, newCode);
    const withCodes = async () => {
      const sessionId = randomUUID();
      const stored = await Promise.all(codes.map((code, index) => storedCode(index === 0 ? otherKey : serviceKey, sessionId, code)));
      await seedSession(sessionId, Object.assign({}, ...stored) as StoredCodes);
      return sessionId;
    };
    for (const code of codes) {
      const sessionId = await withCodes();
      expect((await verify(sessionId, code)).body.data?.verifyOtp, code).toMatchObject({ verified: true, status: 'VERIFIED' });
    }
    const sessionId = await withCodes();
    const wrong = codes.includes('000000') ? '999999' : '000000';
    expect((await verify(sessionId, wrong)).body.data?.verifyOtp).toMatchObject({ verified: false, status: 'INVALID_CODE', attemptsRemaining: 4 });
    expect((await table.session(sessionId))?.attempts).toBe(1);
  });

  it('fails closed when KMS cannot check a stored code (its key is unknown to KMS): an error, the attempt counted', async () => {
    const sessionId = randomUUID();
    const code = newCode();
    const unknownKey = serviceKey.replace(/key\/.*$/, 'key/00000000-0000-4000-8000-000000000000');
    await seedSession(sessionId, await storedCode(serviceKey, sessionId, code, unknownKey));
    const answer = await verify(sessionId, code);
    expect(answer.body.data?.verifyOtp ?? null).toBeNull();
    expect(answer.body.errors?.[0]).toMatchObject({ errorType: 'InternalFailure', message: 'The code could not be checked.' });
    expect(JSON.stringify(answer.body)).not.toContain(code);
    expect(await table.session(sessionId)).toMatchObject({ attempts: 1, status: 'PENDING' });
  });

  it('never verifies a hash stored before codes were MAC\'d by KMS', async () => {
    const legacy = { ['ab'.repeat(32)]: Math.floor(Date.now() / 1000) } as unknown as StoredCodes;
    const sessionId = await seedSession(randomUUID(), legacy);
    expect((await verify(sessionId, newCode())).body.data?.verifyOtp).toMatchObject({ verified: false, status: 'INVALID_CODE' });
  });

  it('verifies the emailed code end to end (GenerateMac in the function, VerifyMac in the API)', async () => {
    const email = uniqueEmail('mac-flow');
    const sessionId = (await graphql(endpoints, GenerateOtpDocument, { email })).body.data?.generateOtp?.sessionId ?? '';
    const code = codeIn(await waitForEmail(endpoints, email));
    expect((await verify(sessionId, code)).body.data?.verifyOtp).toMatchObject({ verified: true, status: 'VERIFIED' });
  });
});
