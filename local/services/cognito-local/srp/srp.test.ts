/**
 * The server half against AWS's own client half: amazon-cognito-identity-js's AuthenticationHelper (what
 * CognitoUser.authenticateUser runs) derives the password key from our B and salt, signs as CognitoUser does, and
 * our check accepts exactly the right password.
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createPasswordVerifier, passwordMatches } from './password-verifier.ts';
import { N, parseHex } from './srp-group.ts';
import { claimSignature, passwordKey, serverEphemeral, signatureMatches } from './srp-server.ts';
import { formatSrpTimestamp, isSrpTimestamp } from './srp-timestamp.ts';

/** The parts of the client's (untyped) helper this test drives. */
interface ClientBigInteger {
  toString(radix: number): string;
}
interface ClientHelper {
  getLargeAValue(callback: (error: unknown, value: ClientBigInteger) => void): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverB: ClientBigInteger,
    salt: ClientBigInteger,
    callback: (error: unknown, key: Uint8Array) => void,
  ): void;
}
const require = createRequire(import.meta.url);
const { AuthenticationHelper } = require('amazon-cognito-identity-js') as { AuthenticationHelper: new (poolName: string) => ClientHelper };
const { default: BigInteger } = require('amazon-cognito-identity-js/lib/BigInteger.js') as {
  default: new (value: string, radix: number) => ClientBigInteger;
};

const POOL_NAME = 'Q1w2E3r4T';
const USER = 'alice';

/** One client sign-in proof for `password` against a server holding `stored`, as CognitoUser computes it. */
async function clientProof(stored: { salt: string; verifier: string }, password: string) {
  const client = new AuthenticationHelper(POOL_NAME);
  const A = await new Promise<ClientBigInteger>((resolve) => client.getLargeAValue((_, value) => resolve(value)));
  const verifier = parseHex(stored.verifier)!;
  const ephemeral = serverEphemeral(verifier);
  const clientKey = await new Promise<Uint8Array>((resolve, reject) =>
    client.getPasswordAuthenticationKey(USER, password, new BigInteger(ephemeral.B.toString(16), 16), new BigInteger(stored.salt, 16), (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
  const secretBlock = Buffer.from('opaque secret block');
  const timestamp = formatSrpTimestamp(new Date());
  const signature = createHmac('sha256', Buffer.from(clientKey))
    .update(Buffer.concat([Buffer.from(POOL_NAME), Buffer.from(USER), secretBlock, Buffer.from(timestamp)]))
    .digest('base64');
  const serverKey = passwordKey(parseHex(A.toString(16))!, ephemeral, verifier);
  return { signature, expected: claimSignature(serverKey!, POOL_NAME, USER, secretBlock, timestamp) };
}

describe("Cognito's SRP with AWS's client helper", () => {
  it('accepts the proof of the right password', async () => {
    const stored = createPasswordVerifier(POOL_NAME, USER, 'Corr3ct-horse!');
    const { signature, expected } = await clientProof(stored, 'Corr3ct-horse!');
    expect(signatureMatches(signature, expected)).toBe(true);
  });

  it('refuses the proof of another password', async () => {
    const stored = createPasswordVerifier(POOL_NAME, USER, 'Corr3ct-horse!');
    const { signature, expected } = await clientProof(stored, 'Corr3ct-horse?');
    expect(signatureMatches(signature, expected)).toBe(false);
  });

  it('never keeps the password: the verifier differs per salt, and only the right password matches it', () => {
    const one = createPasswordVerifier(POOL_NAME, USER, 'pw-1');
    const two = createPasswordVerifier(POOL_NAME, USER, 'pw-1');
    expect(one.verifier).not.toBe(two.verifier);
    expect(passwordMatches(one, POOL_NAME, USER, 'pw-1')).toBe(true);
    expect(passwordMatches(one, POOL_NAME, USER, 'pw-2')).toBe(false);
    // The verifier binds the user and the pool too.
    expect(passwordMatches(one, POOL_NAME, 'bob', 'pw-1')).toBe(false);
    expect(passwordMatches(one, 'OtherPool', USER, 'pw-1')).toBe(false);
  });

  it('refuses A ≡ 0 mod N (a client that would force S = 0)', () => {
    const verifier = parseHex(createPasswordVerifier(POOL_NAME, USER, 'pw').verifier)!;
    expect(passwordKey(0n, serverEphemeral(verifier), verifier)).toBeNull();
    expect(passwordKey(N, serverEphemeral(verifier), verifier)).toBeNull();
    expect(passwordKey(2n * N, serverEphemeral(verifier), verifier)).toBeNull();
  });

  it("formats and checks the clients' timestamp form", () => {
    expect(formatSrpTimestamp(new Date(Date.UTC(2024, 2, 5, 9, 7, 2)))).toBe('Tue Mar 5 09:07:02 UTC 2024');
    expect(isSrpTimestamp('Tue Mar 5 09:07:02 UTC 2024')).toBe(true);
    expect(isSrpTimestamp('Tue Mar 05 09:07:02 UTC 2024')).toBe(true);
    expect(isSrpTimestamp('Wed Mar 5 09:07:02 UTC 2024')).toBe(false);
    expect(isSrpTimestamp('2024-03-05T09:07:02Z')).toBe(false);
  });
});
