import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStack, synthesize, type StackDescription } from 'appsync-local';
import { OTP_STACK } from '../appsync-local.config.ts';
import { CODE_MAC_KEY_VARIABLE } from '../infra/model/index.ts';
import { findSecretsInEnvironments, findSecretsInTemplate } from './support/secret-scan.ts';

/** The product's CDK app as appsync-local reads it: every part of the OtpService template that the local stack runs. */

const API_KEY = /^da2-[a-z0-9]{26}$/;
const LOCAL_GRAPHQL_URL = 'http://127.0.0.1:20002/graphql';
const REPO_ROOT = join(import.meta.dirname, '..');

// The real app, synthesized once the way `npm start` does it: ~10 s on an idle machine, minutes on a busy one.
const SYNTH_TIMEOUT_MS = 300_000;
let workDir: string;
let config: StackDescription;
let templatePath: string;
const generated = { apiKeys: 0, secrets: 0 };

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'read-stack-test-'));
  const assemblyDir = await synthesize({ ...OTP_STACK, appDir: REPO_ROOT, outDir: join(workDir, 'cdk.out'), context: { senderEmail: 'codes@example.org' } });
  templatePath = join(assemblyDir, 'OtpService.template.json');
  config = readStack(assemblyDir, OTP_STACK.stack, {
    region: 'eu-central-1',
    accountId: '000000000000',
    apiKeyValue: () => `da2-${String(++generated.apiKeys).padStart(26, 'k')}`,
    secretValue: () => `secret-${++generated.secrets}`.padEnd(64, 's'),
    graphqlUrl: () => LOCAL_GRAPHQL_URL,
  });
}, SYNTH_TIMEOUT_MS);

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
    expect(api.additionalAuth).toEqual(['AWS_IAM']);
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

  it('reads the email function with its bundled handler and environment', () => {
    // The email and SMS functions, the verification-event publisher, the JWKS function and the SES feedback function.
    expect(config.functions).toHaveLength(5);
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
    expect(() => readStack(join(workDir, 'cdk.out'), 'Nope', { region: 'eu-central-1', accountId: '1' })).toThrow(
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
