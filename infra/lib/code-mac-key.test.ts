/**
 * The code MAC key stays in KMS (issue 12, part 3), as the synthesized template states it: the HMAC_256 key and its key
 * policy, exactly which role may do what with it, the KMS data source the verifyOtp pipeline checks codes through,
 * rotation through `codeMacKey` / `previousCodeMacKeys` (and OtpStack's context), and no secret anywhere.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSecretsInTemplate } from '../../test/support/secret-scan.ts';
import { CODE_MAC_KEY_VARIABLE, MAX_CODES_PER_SESSION } from '../model/index.ts';
import { OtpService } from './otp-service.ts';
import { OtpStack } from './otp-stack.ts';
import { KEY_ADMIN_ACTIONS } from './service-key.ts';
import { testApp } from './test-app.ts';

/** Synthesis bundles code: ~5 s on an idle machine, much longer on a busy one. */
const SYNTH_TIMEOUT_MS = 300_000;

const KEY_A = 'arn:aws:kms:eu-west-1:111122223333:key/aaaaaaaa-0000-4000-8000-000000000000';
const KEY_B = 'arn:aws:kms:eu-west-1:111122223333:key/bbbbbbbb-0000-4000-8000-000000000000';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
}
type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string }>;

let workDir: string;
/** OtpStack with its defaults (the product's stack). */
let template: Template;
/** OtpStack rotated by context: codeMacKeyArn B, previousCodeMacKeyArns A. */
let rotated: Template;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'code-mac-key-test-'));
  template = Template.fromStack(new OtpStack(testApp({ outdir: join(workDir, 'default') }), 'OtpService'));
  const app = testApp({ outdir: join(workDir, 'rotated'), context: { codeMacKeyArn: KEY_B, previousCodeMacKeyArns: KEY_A } });
  rotated = Template.fromStack(new OtpStack(app, 'OtpService'));
}, SYNTH_TIMEOUT_MS);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

const resourcesOf = (t: Template): Resources => t.toJSON().Resources as Resources;
const actionsOf = (statement: Statement): string[] => [statement.Action].flat();

/** The logical id of the one resource of `type` whose id contains `name`. */
function logicalId(t: Template, type: string, name: string): string {
  const ids = Object.keys(t.findResources(type)).filter((id) => id.includes(name));
  expect(ids, `${type} ${name}`).toHaveLength(1);
  return ids[0]!;
}

/** The HMAC key's logical id: the one AWS::KMS::Key with KeySpec HMAC_256. */
function macKeyId(t: Template): string {
  const ids = Object.keys(t.findResources('AWS::KMS::Key', { Properties: { KeySpec: 'HMAC_256' } }));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

/** Statements of the identity policies attached to the role with this logical id (and its inline policies). */
function roleStatements(t: Template, roleId: string): Statement[] {
  const resources = resourcesOf(t);
  const attached = Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy')
    .map((resource) => resource.Properties as { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } })
    .filter((policy) => policy.Roles.some((ref) => JSON.stringify(ref) === JSON.stringify({ Ref: roleId })));
  const inline = (resources[roleId]?.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined) ?? [];
  return [...attached, ...inline].flatMap((policy) => policy.PolicyDocument.Statement);
}

/** The KMS statements of a role: each as `action → resources`. */
function kmsGrants(t: Template, roleId: string): Record<string, unknown[]> {
  const grants: Record<string, unknown[]> = {};
  for (const statement of roleStatements(t, roleId)) {
    for (const action of actionsOf(statement).filter((candidate) => candidate.startsWith('kms:'))) {
      grants[action] = [...(grants[action] ?? []), ...[statement.Resource].flat()];
    }
  }
  return grants;
}

const emailRole = (t: Template) => logicalId(t, 'AWS::IAM::Role', 'SendOtpEmailFunctionServiceRole');
const smsRole = (t: Template) => logicalId(t, 'AWS::IAM::Role', 'SendOtpSmsFunctionServiceRole');
const kmsSourceRole = (t: Template) => logicalId(t, 'AWS::IAM::Role', 'KmsDataSourceRole');
const signInVerifyRole = (t: Template) => logicalId(t, 'AWS::IAM::Role', 'SignInVerifyAuthChallengeFunctionServiceRole');

describe('the code MAC key', () => {
  it('is an HMAC_256 key for GENERATE_VERIFY_MAC, retained like the table, with an alias', () => {
    const id = macKeyId(template);
    template.hasResource('AWS::KMS::Key', {
      Properties: { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Alias', { TargetKeyId: { 'Fn::GetAtt': [id, 'Arn'] } });
  });

  it('follows removalPolicy: destroyed with a stack that destroys its table', () => {
    const stack = new Stack(testApp({ outdir: join(workDir, 'destroy') }), 'Destroy');
    new OtpService(stack, 'Otp', { senderEmail: 'no-reply@example.com', removalPolicy: RemovalPolicy.DESTROY, enableWaf: false });
    const destroyed = Template.fromStack(stack);
    destroyed.hasResource('AWS::KMS::Key', { Properties: { KeySpec: 'HMAC_256' }, DeletionPolicy: 'Delete' });
    destroyed.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  }, SYNTH_TIMEOUT_MS);

  it('has a key policy that lets the account administer it, the email and SMS functions GenerateMac, the API and the sign-in Verify trigger VerifyMac, nothing else', () => {
    const id = macKeyId(template);
    const statements = (resourcesOf(template)[id]!.Properties.KeyPolicy as { Statement: Statement[] }).Statement;
    const byPrincipal = statements.map((statement) => ({ principal: JSON.stringify(statement.Principal), actions: actionsOf(statement).sort() }));
    expect(byPrincipal).toHaveLength(5);
    const root = byPrincipal.find((entry) => entry.principal.includes(':root'));
    expect(root?.actions).toEqual([...KEY_ADMIN_ACTIONS].sort());
    // No use of the key through the account root: never kms:*, GenerateMac, VerifyMac or any other crypto operation.
    for (const action of root?.actions ?? []) expect(action).not.toMatch(/^kms:(\*|GenerateMac|VerifyMac|Sign|Verify|Encrypt|Decrypt|ReEncrypt|GenerateDataKey)/);
    expect(byPrincipal.filter((entry) => entry !== root)).toEqual(
      expect.arrayContaining([
        { principal: JSON.stringify({ AWS: { 'Fn::GetAtt': [emailRole(template), 'Arn'] } }), actions: ['kms:GenerateMac'] },
        { principal: JSON.stringify({ AWS: { 'Fn::GetAtt': [smsRole(template), 'Arn'] } }), actions: ['kms:GenerateMac'] },
        { principal: JSON.stringify({ AWS: { 'Fn::GetAtt': [kmsSourceRole(template), 'Arn'] } }), actions: ['kms:VerifyMac'] },
        { principal: JSON.stringify({ AWS: { 'Fn::GetAtt': [signInVerifyRole(template), 'Arn'] } }), actions: ['kms:VerifyMac'] },
      ]),
    );
  });

  it.each([
    ['email', emailRole, 'SendOtpEmailFunction'],
    ['SMS', smsRole, 'SendOtpSmsFunction'],
  ] as const)("is the %s function's: kms:GenerateMac on that key and no other KMS permission, its ARN in the environment", (_, role, functionId) => {
    const id = macKeyId(template);
    expect(kmsGrants(template, role(template))).toEqual({ 'kms:GenerateMac': [{ 'Fn::GetAtt': [id, 'Arn'] }] });
    const fn = resourcesOf(template)[logicalId(template, 'AWS::Lambda::Function', functionId)]!;
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables[CODE_MAC_KEY_VARIABLE]).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
  });

  it("is the API's through its KMS data source, and the sign-in Verify trigger's: kms:VerifyMac on that key only", () => {
    const id = macKeyId(template);
    const grants = kmsGrants(template, kmsSourceRole(template));
    expect(grants['kms:VerifyMac']).toEqual([{ 'Fn::GetAtt': [id, 'Arn'] }]);
    expect(grants['kms:GenerateMac']).toBeUndefined();
    expect(kmsGrants(template, signInVerifyRole(template))).toEqual({ 'kms:VerifyMac': [{ 'Fn::GetAtt': [id, 'Arn'] }] });
    // No other role may use it at all.
    const allowed = [emailRole(template), smsRole(template), kmsSourceRole(template), signInVerifyRole(template)];
    const others = Object.keys(template.findResources('AWS::IAM::Role')).filter((role) => !allowed.includes(role));
    for (const role of others) {
      expect(JSON.stringify(kmsGrants(template, role)), role).not.toContain(id);
    }
  });
});

describe('the KMS data source', () => {
  it('is an HTTP data source on kms.<region>.amazonaws.com, SigV4-signed for kms with a role of its own', () => {
    template.hasResourceProperties('AWS::AppSync::DataSource', {
      Name: 'kms',
      Type: 'HTTP',
      HttpConfig: {
        Endpoint: { 'Fn::Join': ['', ['https://kms.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
        AuthorizationConfig: { AuthorizationType: 'AWS_IAM', AwsIamConfig: { SigningRegion: { Ref: 'AWS::Region' }, SigningServiceName: 'kms' } },
      },
      ServiceRoleArn: { 'Fn::GetAtt': [kmsSourceRole(template), 'Arn'] },
    });
    // Its role is AppSync's and carries KMS actions only, each on a named key (never a wildcard).
    for (const statement of roleStatements(template, kmsSourceRole(template))) {
      for (const action of actionsOf(statement)) expect(action).toMatch(/^kms:[A-Za-z]+$/);
      expect(JSON.stringify(statement.Resource)).not.toContain('*');
    }
  });

  it('runs verifyOtp\'s code check once per code a session may hold, each step on the KMS data source', () => {
    const kmsSource = logicalId(template, 'AWS::AppSync::DataSource', 'KmsDataSource');
    const checks = Object.values(resourcesOf(template)).filter(
      (resource) => resource.Type === 'AWS::AppSync::FunctionConfiguration' && String(resource.Properties.Name).endsWith('_checkCode'),
    ) as { Properties: Record<string, unknown>; DependsOn?: string[] }[];
    expect(checks).toHaveLength(MAX_CODES_PER_SESSION);
    for (const check of checks) {
      expect(check.Properties.DataSourceName).toBe('kms');
      expect(check.DependsOn).toContain(kmsSource);
    }
    const pipeline = Object.values(template.findResources('AWS::AppSync::Resolver', { Properties: { FieldName: 'verifyOtp' } }))[0];
    const functions = (pipeline?.Properties as { PipelineConfig: { Functions: unknown[] } }).PipelineConfig.Functions;
    // AppSync's limit is 10 functions per pipeline.
    expect(functions.length).toBeLessThanOrEqual(10);
  });
});

describe('no secret', () => {
  it('in the template: no Secrets Manager secret, no dynamic reference, nothing secret-looking in any environment', () => {
    for (const t of [template, rotated]) {
      t.resourceCountIs('AWS::SecretsManager::Secret', 0);
      expect(findSecretsInTemplate(t.toJSON())).toEqual([]);
      // The old variables are gone from the API and every function.
      expect(JSON.stringify(t.toJSON())).not.toMatch(/OTP_HMAC_SECRET|HmacSecret/);
    }
  });

  it('the scan finds the configuration this replaced (so an empty finding means something)', () => {
    const old = {
      Resources: {
        HmacSecret: { Type: 'AWS::SecretsManager::Secret', Properties: { GenerateSecretString: { PasswordLength: 64 } } },
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Environment: {
              Variables: { OTP_HMAC_SECRET: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'HmacSecret' }, ':SecretString:::}}']] } },
            },
          },
        },
        Api: { Type: 'AWS::AppSync::GraphQLApi', Properties: { EnvironmentVariables: { KEY: 'q3Zt8Kf0Lw2Rn7Yb4Vc9Xh1Jm6Pd5Sg0Ae8Tu3Wi2Oq' } } },
      },
    };
    expect(findSecretsInTemplate(old).map((finding) => `${finding.where}: ${finding.why}`).sort()).toEqual([
      'Api KEY: a value that looks like key material',
      'Fn OTP_HMAC_SECRET: a dynamic reference to a secret',
      'Fn OTP_HMAC_SECRET: a name that says it holds a secret',
      'Fn: a dynamic reference to a secret',
      'HmacSecret: a Secrets Manager secret',
    ]);
  });
});

describe('rotation', () => {
  it('MACs new codes with codeMacKey while the API may still VerifyMac with previousCodeMacKeys (OtpStack context)', () => {
    // No key of the construct's own: the given ones are used.
    rotated.resourcePropertiesCountIs('AWS::KMS::Key', { KeySpec: 'HMAC_256' }, 0);
    expect(kmsGrants(rotated, emailRole(rotated))).toEqual({ 'kms:GenerateMac': [KEY_B] });
    const verify = kmsGrants(rotated, kmsSourceRole(rotated))['kms:VerifyMac'];
    expect(verify).toEqual([KEY_B, KEY_A]);
    const fn = resourcesOf(rotated)[logicalId(rotated, 'AWS::Lambda::Function', 'SendOtpEmailFunction')]!;
    expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables[CODE_MAC_KEY_VARIABLE]).toBe(KEY_B);
    rotated.hasOutput('CodeMacKeyArn', { Value: KEY_B });
  });

  it('takes keys as props from a CDK app: the new key gets the grants in its key policy too', () => {
    const stack = new Stack(testApp({ outdir: join(workDir, 'props') }), 'Props');
    const next = new kms.Key(stack, 'NextMacKey', { keySpec: kms.KeySpec.HMAC_256, keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC });
    const otp = new OtpService(stack, 'Otp', {
      senderEmail: 'no-reply@example.com',
      enableWaf: false,
      codeMacKey: next,
      previousCodeMacKeys: [kms.Key.fromKeyArn(stack, 'PreviousMacKey', KEY_A)],
    });
    expect(otp.codeMacKey).toBe(next);
    const t = Template.fromStack(stack);
    const statements = (t.toJSON().Resources[logicalId(t, 'AWS::KMS::Key', 'NextMacKey')].Properties.KeyPolicy as { Statement: Statement[] }).Statement;
    expect(statements.map((statement) => actionsOf(statement).join())).toEqual(expect.arrayContaining(['kms:GenerateMac', 'kms:VerifyMac']));
    expect(kmsGrants(t, kmsSourceRole(t))['kms:VerifyMac']).toEqual([{ 'Fn::GetAtt': [logicalId(t, 'AWS::KMS::Key', 'NextMacKey'), 'Arn'] }, KEY_A]);
  }, SYNTH_TIMEOUT_MS);

  it('refuses context that is not a KMS key ARN', () => {
    const app = testApp({ outdir: join(workDir, 'bad'), context: { codeMacKeyArn: 'alias/otp' } });
    expect(() => new OtpStack(app, 'OtpService')).toThrow(/Context 'codeMacKeyArn' must be KMS key ARNs, got 'alias\/otp'/);
    const two = testApp({ outdir: join(workDir, 'two'), context: { codeMacKeyArn: `${KEY_A},${KEY_B}` } });
    expect(() => new OtpStack(two, 'OtpService')).toThrow(/Context 'codeMacKeyArn' must be one KMS key ARN/);
  });
});
