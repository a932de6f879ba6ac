import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStack, synthesize, type StackDescription } from 'appsync-local';
import { OTP_STACK } from '../appsync-local.config.ts';
import { FUNCTION_NAMES } from '../infra/lib/package-assets.ts';
import { CODE_MAC_KEY_VARIABLE, SIGN_IN_FLOW_VARIABLE, SMS_COUNTRIES_VARIABLE, smsRuleVariable } from '../infra/model/index.ts';
import { findSecretsInEnvironments, findSecretsInTemplate } from './support/secret-scan.ts';

/** The product's CDK app as appsync-local reads it: every part of the OtpService template that the local stack runs. */

const API_KEY = /^da2-[a-z0-9]{26}$/;
const LOCAL_GRAPHQL_URL = 'http://127.0.0.1:20002/graphql';
const REPO_ROOT = join(import.meta.dirname, '..');

// The real app, synthesized the way `npm start` does it: ~10 s on an idle machine, minutes on a busy one. As there, the
// assembly is kept (in .local/) with the fingerprint of its sources, and the next run synthesizes only after a change.
const SYNTH_TIMEOUT_MS = 300_000;
const ASSEMBLY_DIR = join(REPO_ROOT, '.local', 'test-otp-template', 'cdk.out');
let workDir: string;
let assemblyDir: string;
let config: StackDescription;
let templatePath: string;
const generated = { apiKeys: 0, secrets: 0 };

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'read-stack-test-'));
  assemblyDir = await synthesize({ ...OTP_STACK, appDir: REPO_ROOT, outDir: ASSEMBLY_DIR, context: { senderEmail: 'codes@example.org' } });
  templatePath = join(assemblyDir, 'OtpService.template.json');
  config = readStack(assemblyDir, OTP_STACK.stack, {
    region: 'eu-central-1',
    accountId: '000000000000',
    apiKeyValue: () => `da2-${String(++generated.apiKeys).padStart(26, 'k')}`,
    secretValue: () => `secret-${++generated.secrets}`.padEnd(64, 's'),
    graphqlUrl: () => LOCAL_GRAPHQL_URL,
  });
}, SYNTH_TIMEOUT_MS);

/** The Cognito custom-auth triggers: function name (functions/<name>) → the pool's trigger it is. */
const SIGN_IN_TRIGGERS = {
  'cognito-define-auth-challenge': 'DefineAuthChallenge',
  'cognito-create-auth-challenge': 'CreateAuthChallenge',
  'cognito-verify-auth-challenge': 'VerifyAuthChallengeResponse',
} as const;

/** The template's function with a POWERTOOLS_SERVICE_NAME (every function of ours names its service). */
function functionOfService(service: string): StackDescription['functions'][number] {
  const fn = config.functions.find((candidate) => candidate.environment.POWERTOOLS_SERVICE_NAME === service);
  if (!fn) throw new Error(`no function of service ${service} in the template`);
  return fn;
}

/** The send-otp-email function of the template. */
function emailFunction(): StackDescription['functions'][number] {
  const fn = config.functions.find((candidate) => candidate.environment.POWERTOOLS_SERVICE_NAME === 'otp-email');
  if (!fn) throw new Error('no email function in the template');
  return fn;
}

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('readStack on the synthesized OtpService app', () => {
  it('writes the template where synthesize says', () => {
    expect(existsSync(templatePath)).toBe(true);
    expect(config.stackName).toBe('OtpService');
  });

  it('reads the API with schema, auth modes, key, limits and resolved environment', () => {
    expect(config.apis).toHaveLength(1);
    const api = config.apis[0]!;
    expect(api.schema).toBe(readFileSync(join(REPO_ROOT, 'schema.graphql'), 'utf8'));
    expect(api.defaultAuth).toBe('API_KEY');
    expect(api.additionalAuth).toEqual(['AWS_IAM', 'AMAZON_COGNITO_USER_POOLS']);
    expect(api.apiKeys).toHaveLength(1);
    expect(api.apiKeys[0]!.id).toMatch(API_KEY);
    expect(generated.apiKeys).toBe(1); // one value per key for the whole run
    expect(api.queryDepthLimit).toBe(5);
    expect(api.resolverCountLimit).toBe(1);
    const table = config.tables[0]!;
    // Literal values as the template has them; the intrinsics resolved to local values.
    const resources = (JSON.parse(readFileSync(templatePath, 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }).Resources;
    const templateApi = Object.values(resources).find((resource) => resource.Type === 'AWS::AppSync::GraphQLApi');
    const templateVariables = templateApi?.Properties.EnvironmentVariables as Record<string, unknown>;
    const literals = Object.fromEntries(Object.entries(templateVariables).filter(([, value]) => typeof value === 'string'));
    expect(Object.keys(literals).length).toBeGreaterThan(10);
    expect(api.environmentVariables).toEqual({
      ...literals,
      TABLE_NAME: table.tableName,
      OTP_PUBLISHER_ROLE_ARN: expect.stringMatching(/^arn:aws:iam::000000000000:role\/OtpService-/),
      // The token signing key's id (its kid), as the local KMS holds the template's key.
      OTP_TOKEN_KEY_ID: config.kmsKeys?.find((key) => key.keySpec === 'ECC_NIST_P256')?.keyId,
    });
    expect(Object.values(api.dataSources)).toEqual([
      expect.objectContaining({ type: 'AMAZON_DYNAMODB', tableName: table.tableName }),
      // KMS, signed as AppSync signs for it; the local stack sends it to the local KMS (an endpoint override).
      expect.objectContaining({ name: 'kms', type: 'HTTP', endpoint: 'https://kms.eu-central-1.amazonaws.com', iamSigning: { region: 'eu-central-1', service: 'kms' } }),
    ]);
  });

  it('reads every resolver with its bundled APPSYNC_JS code', () => {
    const api = config.apis[0]!;
    const byField = Object.fromEntries(api.resolvers.map((resolver) => [`${resolver.typeName}.${resolver.fieldName}`, resolver]));
    expect(Object.keys(byField).sort()).toEqual([
      'Mutation.consumeVerification',
      'Mutation.generateOtp',
      'Mutation.generateSmsOtp',
      'Mutation.publishOtpVerified',
      'Mutation.verifyOtp',
      'Query.verification',
    ]);
    const dataSource = Object.entries(api.dataSources).find(([, source]) => source.type === 'AMAZON_DYNAMODB')?.[0];
    expect(byField['Mutation.publishOtpVerified']).toMatchObject({ kind: 'UNIT', dataSource });
    expect(byField['Mutation.consumeVerification']).toMatchObject({ kind: 'UNIT', dataSource });
    expect(byField['Mutation.generateOtp']).toMatchObject({ kind: 'UNIT', dataSource });
    expect(byField['Query.verification']).toMatchObject({ kind: 'UNIT', dataSource });
    const verify = byField['Mutation.verifyOtp']!;
    expect(verify.kind).toBe('PIPELINE');
    expect(verify.pipeline!.length).toBeGreaterThan(0);
    expect(Object.keys(api.functions).sort()).toEqual([...verify.pipeline!].sort());
    for (const code of [...api.resolvers, ...Object.values(api.functions)]) {
      expect(code.runtime).toEqual({ name: 'APPSYNC_JS', runtimeVersion: '1.0.0' });
      expect(code.code).toContain('export');
      expect(code.codePath && existsSync(code.codePath)).toBe(true);
    }
    // The code checks and the token signature call KMS; every other step reads and writes the table.
    for (const fn of Object.values(api.functions)) expect(fn.dataSource, fn.name).toBe(/checkCode|signToken/.test(fn.name) ? 'kms' : dataSource);
  });

  it('reads the table with key, TTL and stream', () => {
    expect(config.tables).toHaveLength(1);
    expect(config.tables[0]).toMatchObject({
      keySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      attributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      ttlAttribute: 'expiresAt',
      streamViewType: 'NEW_AND_OLD_IMAGES',
    });
  });

  it('reads every function of ours, each once, by its service name', () => {
    // The email and SMS functions, the verification-event publisher, the JWKS function, the SES feedback function and
    // the three Cognito triggers: each function directory the package builds, and nothing else the local stack runs.
    expect(config.functions.map((fn) => fn.environment.POWERTOOLS_SERVICE_NAME).sort()).toEqual(
      [
        'otp-email',
        'otp-sms',
        'otp-verification-events',
        'otp-jwks',
        'otp-ses-feedback',
        ...Object.keys(SIGN_IN_TRIGGERS).map((name) => `otp-${name}`),
      ].sort(),
    );
    expect(FUNCTION_NAMES.length).toBe(config.functions.length);
  });

  it('reads the email function with its bundled handler and environment', () => {
    const fn = emailFunction();
    expect(fn).toMatchObject({ handler: 'index.handler', runtime: 'nodejs22.x', timeoutSeconds: 10, memorySize: 256 });
    expect(readdirSync(fn.codeDir)).toContain('index.mjs');
    expect(readFileSync(join(fn.codeDir, 'index.mjs'), 'utf8')).toMatch(/handler/);
    expect(fn.environment).toMatchObject({
      SENDER_EMAIL: 'codes@example.org',
      TABLE_NAME: config.tables[0]!.tableName,
      // The key's ARN (not a secret): the local KMS made the key from the template, under this id.
      [CODE_MAC_KEY_VARIABLE]: config.kmsKeys?.find((key) => key.keySpec === 'HMAC_256')?.arn,
      POWERTOOLS_SERVICE_NAME: 'otp-email',
    });
    expect(fn.environment[CODE_MAC_KEY_VARIABLE]).toMatch(/^arn:aws:kms:eu-central-1:000000000000:key\/[0-9a-f-]{36}$/);
  });

  it('holds no secret: not in the template, and not in the environment of any function or API the local stack runs', () => {
    expect(findSecretsInTemplate(JSON.parse(readFileSync(templatePath, 'utf8')))).toEqual([]);
    const environments = {
      ...Object.fromEntries(config.functions.map((fn) => [fn.name, fn.environment])),
      ...Object.fromEntries(config.apis.map((api) => [api.name, api.environmentVariables])),
    };
    expect(findSecretsInEnvironments(environments)).toEqual([]);
    expect(JSON.stringify(environments)).not.toMatch(/OTP_HMAC_SECRET/);
    // The local stack had no secret to make up a value for.
    expect(generated.secrets).toBe(0);
  });

  it("gives each function its execution role's ARN, named as the template's role resolves", () => {
    const resources = (JSON.parse(readFileSync(templatePath, 'utf8')) as { Resources: Record<string, { Type: string; Properties?: { Role?: unknown } }> }).Resources;
    for (const fn of config.functions) {
      const role = resources[fn.logicalId]?.Properties?.Role as { 'Fn::GetAtt': [string, string] };
      const [roleLogicalId, attribute] = role['Fn::GetAtt'];
      expect(attribute).toBe('Arn');
      expect(resources[roleLogicalId]?.Type).toBe('AWS::IAM::Role');
      expect(fn.roleArn).toBe(`arn:aws:iam::000000000000:role/${`OtpService-${roleLogicalId}`.slice(0, 64)}`);
    }
    expect(new Set(config.functions.map((fn) => fn.roleArn)).size).toBe(config.functions.length);
  });

  it("wires the Cognito triggers to the pool, with the API's policy, the local table and the flow, and no secret or SMS rules", () => {
    const api = config.apis[0]!;
    const [pool] = config.userPools ?? [];
    expect(config.userPools).toHaveLength(1);
    for (const [name, trigger] of Object.entries(SIGN_IN_TRIGGERS)) {
      const fn = functionOfService(`otp-${name}`);
      expect(fn, name).toMatchObject({ handler: 'index.handler', runtime: 'nodejs22.x', timeoutSeconds: 5, memorySize: 256 });
      expect(readdirSync(fn.codeDir)).toContain('index.mjs');
      expect(pool?.triggers[trigger]?.functionName, name).toBe(fn.name);
      // The API's policy, with the same values (the triggers share resolvers/lib's readers), all of it but the SMS
      // countries' number rules (email only; Lambda's environment is 4 KB). Nothing more: no key ARN, no sender.
      const own = new Set([SIGN_IN_FLOW_VARIABLE, 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL', 'NODE_OPTIONS']);
      const shared = Object.entries(fn.environment).filter(([variable]) => !own.has(variable) && !variable.startsWith('AWS_'));
      expect(shared.length, name).toBeGreaterThan(10);
      for (const [variable, value] of shared) expect(api.environmentVariables[variable], `${name} ${variable}`).toBe(value);
      const left = Object.keys(api.environmentVariables).filter((variable) => fn.environment[variable] === undefined);
      const smsRule = (variable: string) => variable === SMS_COUNTRIES_VARIABLE || variable.startsWith(smsRuleVariable('', 1).replace(/_1$/, ''));
      expect(left.some(smsRule), name).toBe(true);
      // And the API's own token signing and event publishing: no trigger signs a token or publishes an event.
      expect(left.filter((variable) => !smsRule(variable)).sort(), name).toEqual(['OTP_PUBLISHER_ROLE_ARN', 'OTP_TOKEN_KEY_ID', 'OTP_TOKEN_LIFETIME_SECONDS']);
      expect(fn.environment).toMatchObject({ TABLE_NAME: config.tables[0]!.tableName, [SIGN_IN_FLOW_VARIABLE]: 'either' });
      expect(Object.keys(fn.environment).filter((variable) => /SENDER|MAC_KEY/.test(variable)), name).toEqual([]);
    }
  });

  it('gives the verification-event publisher the local GraphQL URL', () => {
    const publisher = config.functions.find((fn) => fn.environment.POWERTOOLS_SERVICE_NAME === 'otp-verification-events');
    expect(publisher?.environment.GRAPHQL_URL).toBe(LOCAL_GRAPHQL_URL);
  });

  it('reads the email stream mapping with filter, batching, retries and on-failure queue', () => {
    // Email, SMS and verification events.
    expect(config.eventSourceMappings).toHaveLength(3);
    const mapping = config.eventSourceMappings.find((candidate) => candidate.functionLogicalId === emailFunction().logicalId)!;
    expect(mapping).toMatchObject({
      functionLogicalId: emailFunction().logicalId,
      tableLogicalId: config.tables[0]!.logicalId,
      batchSize: 10,
      startingPosition: 'TRIM_HORIZON',
      maximumRetryAttempts: 5,
      bisectBatchOnFunctionError: true,
      reportBatchItemFailures: true,
      onFailureQueueLogicalId: expect.stringMatching(/EmailDeadLetterQueue/),
      enabled: true,
    });
    expect(mapping.filterPatterns.map((pattern) => JSON.parse(pattern) as unknown)).toEqual([
      // Email sessions only: no channel (as every session before SMS) or EMAIL.
      { eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'SESSION#' }] } }, NewImage: { channel: { S: [{ exists: false }, 'EMAIL'] } } } },
    ]);
  });

  it("reads the JWKS function's Function URL (public, CORS GET) and the stack's outputs with it", () => {
    const jwksFunction = config.functions.find((fn) => fn.environment.POWERTOOLS_SERVICE_NAME === 'otp-jwks');
    const tokenKey = config.kmsKeys?.find((key) => key.keySpec === 'ECC_NIST_P256');
    expect(tokenKey).toMatchObject({ keyUsage: 'SIGN_VERIFY', aliases: [expect.stringMatching(/\/token-signing$/)] });
    expect(jwksFunction?.environment.JWKS_KEY_IDS).toBe(tokenKey?.keyId);
    expect(config.functionUrls).toEqual([
      expect.objectContaining({ functionName: jwksFunction?.name, authType: 'NONE', cors: expect.objectContaining({ allowMethods: ['GET'], allowOrigins: ['*'] }) }),
    ]);
    expect(config.outputs).toMatchObject({ JwksUrl: config.functionUrls?.[0]?.url, GraphqlUrl: LOCAL_GRAPHQL_URL, TokenSigningKeyArn: tokenKey?.arn });
  });

  it('fails clearly for a stack the assembly does not have', () => {
    expect(() => readStack(assemblyDir, 'Nope', { region: 'eu-central-1', accountId: '1' })).toThrow(
      /no stack 'Nope' \(stacks: OtpService\)/,
    );
  });
});

describe('synthesize', () => {
  it('reports the app failure with the tail of its stderr', async () => {
    const outDir = join(workDir, 'broken');
    await expect(synthesize({ ...OTP_STACK, appDir: REPO_ROOT, outDir, context: { codeLength: '99' } })).rejects.toThrow(
      /exit code 1[\s\S]*codeLength/,
    );
  }, SYNTH_TIMEOUT_MS);
});
