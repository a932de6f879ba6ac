/**
 * Step-up identity rules (caller.ts): in Node, and through the engine's APPSYNC_JS runtime with generateOtp's and
 * 9-signToken's bundles and the identities AppSync hands a resolver (user pool ID and access tokens, IAM, API key).
 */
import { describe, expect, it } from 'vitest';
import { userPoolIdentity } from '../../local/appsync/auth/identity.ts';
import { loadModule } from '../../local/appsync/runtime/load-module.ts';
import type { ResolverContext } from '../../local/appsync/runtime/types.ts';
import { bundleResolver, resolversDir } from '../build.ts';
import {
  EMAIL_REQUIRED_MESSAGE,
  ID_TOKEN_REQUIRED_MESSAGE,
  NOT_OWN_EMAIL_MESSAGE,
  callerSub,
  chooseDestination,
  mayVerify,
  signedInUser,
  verifierCondition,
  type SignedInUser,
} from './caller.ts';
import { countAttemptRequest } from './count-attempt.ts';
import { tokenClaims } from './token-claims.ts';

const SUB = '0c8e5a4e-6f1a-4a39-9d53-3f0d1c2b7a10';
const OTHER_SUB = '7d1f3b22-91c4-4d8e-b0a5-5e6f7a8b9c0d';
const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_LocalPool';

/** The claims of a Cognito ID token (token_use id: email and email_verified present). */
function idClaims(email = 'Bob.Smith@Example.com', sub = SUB): Record<string, unknown> {
  return { sub, iss: ISSUER, aud: 'client', token_use: 'id', 'cognito:username': sub, email, email_verified: true };
}
/** The claims of a Cognito access token: no email, whatever the user's attributes. */
function accessClaims(sub = SUB): Record<string, unknown> {
  return { sub, iss: ISSUER, client_id: 'client', token_use: 'access', username: sub, scope: 'aws.cognito.signin.user.admin' };
}
/** ctx.identity as the engine (and AppSync) builds it for a user-pool caller. */
const poolIdentity = (claims: Record<string, unknown>) => userPoolIdentity(claims, '127.0.0.1', 'ALLOW') as never;
const iamIdentity = {
  accountId: '000000000000',
  cognitoIdentityPoolId: null,
  cognitoIdentityId: null,
  cognitoIdentityAuthType: null,
  cognitoIdentityAuthProvider: null,
  sourceIp: ['127.0.0.1'],
  username: 'AIDALOCAL',
  userArn: 'arn:aws:iam::000000000000:user/local',
} as never;
const USER_POOL = 'User Pool Authorization';

describe('signedInUser', () => {
  it('reads the sub and the normalized email of an ID token', () => {
    expect(signedInUser(USER_POOL, poolIdentity(idClaims()))).toEqual({ sub: SUB, email: 'bob.smith@example.com', idToken: true });
  });

  it('has no email for an access token', () => {
    expect(signedInUser(USER_POOL, poolIdentity(accessClaims()))).toEqual({ sub: SUB, email: null, idToken: false });
  });

  it('is nobody for API-key and IAM callers, and for a pool identity without a sub', () => {
    expect(signedInUser('API Key Authorization', null)).toBeNull();
    expect(signedInUser('IAM Authorization', iamIdentity)).toBeNull();
    // Claims that look like a user under another auth type are not a signed-in user.
    expect(signedInUser('IAM Authorization', poolIdentity(idClaims()))).toBeNull();
    expect(signedInUser(USER_POOL, poolIdentity({ ...idClaims(), sub: undefined }))).toBeNull();
    expect(signedInUser(USER_POOL, poolIdentity({ ...idClaims(), sub: '' }))).toBeNull();
    expect(callerSub('API Key Authorization', null)).toBeNull();
    expect(callerSub(USER_POOL, poolIdentity(idClaims()))).toBe(SUB);
  });
});

describe('chooseDestination', () => {
  const user: SignedInUser = { sub: SUB, email: 'bob.smith+work@gmail.com', idToken: true };

  it('requires an email from API-key and IAM callers', () => {
    expect(chooseDestination(undefined, null)).toEqual({ ok: false, errorType: 'BadRequest', message: EMAIL_REQUIRED_MESSAGE });
    expect(chooseDestination(null, null)).toMatchObject({ ok: false, errorType: 'BadRequest' });
    expect(chooseDestination(' Ann@Example.com ', null)).toEqual({ ok: true, email: 'ann@example.com' });
    expect(chooseDestination(`${'a'.repeat(65)}@example.com`, null)).toMatchObject({ ok: false, errorType: 'BadRequest' });
  });

  it("sends a signed-in user's code to their token's email and binds the session to them", () => {
    expect(chooseDestination(undefined, user)).toEqual({ ok: true, email: 'bob.smith+work@gmail.com', userSub: SUB });
    expect(chooseDestination(null, user)).toEqual({ ok: true, email: 'bob.smith+work@gmail.com', userSub: SUB });
  });

  it('lets them name their own mailbox in any form, and still sends to the token\'s address', () => {
    for (const own of ['bob.smith+work@gmail.com', 'BOB.SMITH+WORK@GMAIL.COM', 'bobsmith@gmail.com', 'b.o.b.smith+x@googlemail.com']) {
      expect(chooseDestination(own, user), own).toEqual({ ok: true, email: 'bob.smith+work@gmail.com', userSub: SUB });
    }
  });

  it('refuses another mailbox as Unauthorized', () => {
    for (const other of ['alice@gmail.com', 'bob.smith@example.com', 'bob.smith.work@gmail.com', 'bobsmith@gmail.co']) {
      expect(chooseDestination(other, user), other).toEqual({ ok: false, errorType: 'Unauthorized', message: NOT_OWN_EMAIL_MESSAGE });
    }
  });

  it('refuses an access token (no email claim) with BadRequest naming the ID token, even with the right email', () => {
    const access: SignedInUser = { sub: SUB, email: null, idToken: false };
    expect(chooseDestination(undefined, access)).toEqual({ ok: false, errorType: 'BadRequest', message: ID_TOKEN_REQUIRED_MESSAGE });
    expect(chooseDestination('bob.smith+work@gmail.com', access)).toMatchObject({ ok: false, errorType: 'BadRequest' });
    // An ID token of a user without an email attribute cannot step up either.
    expect(chooseDestination(undefined, { sub: SUB, email: null, idToken: true })).toMatchObject({ ok: false, errorType: 'BadRequest' });
  });
});

describe('mayVerify and verifierCondition', () => {
  it('binds a step-up session to its user and leaves other sessions open to any caller', () => {
    expect(mayVerify({ userSub: SUB }, SUB)).toBe(true);
    expect(mayVerify({ userSub: SUB }, OTHER_SUB)).toBe(false);
    expect(mayVerify({ userSub: SUB }, null)).toBe(false);
    expect(mayVerify({}, null)).toBe(true);
    expect(mayVerify({}, SUB)).toBe(true);
  });

  it('says the same as a DynamoDB condition', () => {
    expect(verifierCondition(null)).toEqual({ expression: 'attribute_not_exists(#userSub)', expressionNames: { '#userSub': 'userSub' }, expressionValues: {} });
    expect(verifierCondition(SUB)).toEqual({
      expression: '(attribute_not_exists(#userSub) OR #userSub = :callerSub)',
      expressionNames: { '#userSub': 'userSub' },
      expressionValues: { ':callerSub': { S: SUB } },
    });
  });

  it("is part of the public API's attempt count when the caller is known, and only then", () => {
    const base = { sessionId: 'id', nowSeconds: 1, maxAttempts: 5, path: 'api' as const };
    const user = countAttemptRequest({ ...base, callerSub: SUB });
    expect(user.condition?.expression).toContain('AND (attribute_not_exists(#userSub) OR #userSub = :callerSub)');
    expect(user.condition?.expressionValues).toMatchObject({ ':callerSub': { S: SUB }, ':pending': { S: 'PENDING' } });
    expect(countAttemptRequest({ ...base, callerSub: null }).condition?.expression).toContain('AND attribute_not_exists(#userSub)');
    expect(countAttemptRequest(base).condition?.expression).not.toContain('userSub');
  });
});

describe('tokenClaims of a step-up session', () => {
  const facts = {
    issuer: 'https://api.example/graphql',
    destination: { email: 'bob@example.com' },
    sessionId: 's',
    audience: 'a',
    nowSeconds: 100,
    lifetimeSeconds: 300,
    tokenId: 'j',
  };

  it("has the user's sub as sub and keeps the email", () => {
    expect(tokenClaims({ ...facts, userSub: SUB })).toMatchObject({ sub: SUB, email: 'bob@example.com' });
  });

  it('keeps sub = the email for every other session', () => {
    expect(tokenClaims(facts)).toMatchObject({ sub: 'bob@example.com', email: 'bob@example.com' });
    expect(tokenClaims({ ...facts, userSub: undefined })).toMatchObject({ sub: 'bob@example.com' });
  });
});

describe('generateOtp in the APPSYNC_JS runtime', () => {
  const generateOtp = loadModule(bundleResolver(`${resolversDir}/Mutation.generateOtp.[table].ts`), 'Mutation.generateOtp');
  const env = { TABLE_NAME: 'otp-table', OTP_TTL_SECONDS: '300', OTP_DEFAULT_AUDIENCE: 'otp-api' };

  function run(args: Record<string, unknown>, identity: unknown) {
    const ctx = {
      arguments: args,
      args,
      identity,
      source: null,
      stash: {},
      request: { headers: {}, domainName: null },
      info: { fieldName: 'generateOtp', parentTypeName: 'Mutation', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
      env,
    } as unknown as ResolverContext;
    return generateOtp.evaluate('request', ctx);
  }

  /** The session PutItem of the send transaction, or undefined when the request was refused. */
  function sessionPut(result: unknown): Record<string, unknown> | undefined {
    const items = ((result as { transactItems?: Record<string, unknown>[] } | undefined)?.transactItems ?? []);
    return items.find((item) => (item.attributeValues as Record<string, unknown> | undefined)?.status !== undefined)
      ?.attributeValues as Record<string, unknown> | undefined;
  }

  it("writes a step-up session for the ID token's email, bound to the user's sub", () => {
    const output = run({}, poolIdentity(idClaims()));
    expect(output.error).toBeUndefined();
    expect(sessionPut(output.result)).toMatchObject({ email: { S: 'bob.smith@example.com' }, userSub: { S: SUB }, status: { S: 'PENDING' } });
  });

  it('accepts the own address named in another form', () => {
    const output = run({ email: 'BOB.SMITH+step@example.com' }, poolIdentity(idClaims()));
    expect(sessionPut(output.result)).toMatchObject({ email: { S: 'bob.smith@example.com' }, userSub: { S: SUB } });
  });

  it('refuses another address (Unauthorized) and an access token (BadRequest) before writing anything', () => {
    const other = run({ email: 'victim@example.com' }, poolIdentity(idClaims()));
    expect(other.error).toMatchObject({ errorType: 'Unauthorized', message: NOT_OWN_EMAIL_MESSAGE });
    expect(other.result).toBeUndefined();
    const access = run({}, poolIdentity(accessClaims()));
    expect(access.error).toMatchObject({ errorType: 'BadRequest', message: ID_TOKEN_REQUIRED_MESSAGE });
    const accessNamed = run({ email: 'bob.smith@example.com' }, poolIdentity(accessClaims()));
    expect(accessNamed.error).toMatchObject({ errorType: 'BadRequest' });
  });

  it('keeps API-key and IAM callers as they were: email required, no userSub on the session', () => {
    expect(run({}, null).error).toMatchObject({ errorType: 'BadRequest', message: EMAIL_REQUIRED_MESSAGE });
    expect(run({}, iamIdentity).error).toMatchObject({ errorType: 'BadRequest', message: EMAIL_REQUIRED_MESSAGE });
    for (const identity of [null, iamIdentity]) {
      const session = sessionPut(run({ email: 'Ann@Example.com' }, identity).result);
      expect(session).toMatchObject({ email: { S: 'ann@example.com' } });
      expect(session).not.toHaveProperty('userSub');
    }
  });
});
