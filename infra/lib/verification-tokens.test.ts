import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { OtpService } from './otp-service.ts';
import { testApp } from './test-app.ts';

/** Synthesis bundles code: ~5 s on an idle machine, much longer on a busy one. */
const SYNTH_TIMEOUT_MS = 300_000;
const PREVIOUS_KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

type Statement = { Action: string | string[]; Resource: unknown; Principal?: unknown; Effect: string };

let template: Template;
let rotated: Template;

beforeAll(() => {
  const stack = new Stack(testApp(), 'Test');
  new OtpService(stack, 'Otp', { senderEmail: 'no-reply@example.com' });
  template = Template.fromStack(stack);

  const rotatedStack = new Stack(testApp(), 'Rotated', { env: { account: '111122223333', region: 'eu-west-1' } });
  const next = new kms.Key(rotatedStack, 'TokenKey2', { keySpec: kms.KeySpec.ECC_NIST_P256, keyUsage: kms.KeyUsage.SIGN_VERIFY });
  new OtpService(rotatedStack, 'Otp', {
    senderEmail: 'no-reply@example.com',
    tokenLifetime: Duration.minutes(10),
    tokenSigningKey: next,
    previousTokenSigningKeys: [kms.Key.fromKeyArn(rotatedStack, 'TokenKey1', PREVIOUS_KEY_ARN)],
  });
  rotated = Template.fromStack(rotatedStack);
}, SYNTH_TIMEOUT_MS);

function logicalId(of: Template, type: string, pattern: RegExp): string {
  const ids = Object.keys(of.findResources(type)).filter((id) => pattern.test(id));
  if (ids.length !== 1) throw new Error(`expected one ${type} matching ${pattern}, found [${ids.join(', ')}]`);
  return ids[0]!;
}

/** Every statement of the identity policies attached to the role `roleId`. */
function roleStatements(of: Template, roleId: string): Statement[] {
  return Object.values(of.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

describe('the token signing key', () => {
  it('is an ECC_NIST_P256 SIGN_VERIFY key with an alias, retained on removal', () => {
    const keyId = logicalId(template, 'AWS::KMS::Key', /TokensSigningKey/);
    template.hasResource('AWS::KMS::Key', {
      Properties: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: Match.stringLikeRegexp('^alias/TestOtp[0-9A-F]{8}/token-signing$'),
      TargetKeyId: arnOf(keyId),
    });
  });

  it("may be used only by AppSync's KMS data source (Sign) and the JWKS function (GetPublicKey): its key policy names them", () => {
    const keyId = logicalId(template, 'AWS::KMS::Key', /TokensSigningKey/);
    const statements = template.findResources('AWS::KMS::Key')[keyId]!.Properties.KeyPolicy.Statement as Statement[];
    const uses = statements.filter((statement) => statement.Principal && !JSON.stringify(statement.Principal).includes(':root'));
    expect(uses).toEqual([
      { Action: 'kms:GetPublicKey', Effect: 'Allow', Principal: { AWS: arnOf(logicalId(template, 'AWS::IAM::Role', /TokensJwksFunctionServiceRole/)) }, Resource: '*' },
      { Action: 'kms:Sign', Effect: 'Allow', Principal: { AWS: arnOf(logicalId(template, 'AWS::IAM::Role', /KmsDataSourceRole/)) }, Resource: '*' },
    ]);
    // The account administers the key (KMS's lockout check needs it) but may not use it.
    const account = statements.find((statement) => JSON.stringify(statement.Principal).includes(':root'))!;
    expect([account.Action].flat()).not.toEqual(expect.arrayContaining(['kms:Sign']));
    expect([account.Action].flat().some((action) => action === 'kms:*' || action.startsWith('kms:Sign'))).toBe(false);
  });

  it("gives the KMS data source's role kms:Sign on it and nothing else on it", () => {
    const keyId = logicalId(template, 'AWS::KMS::Key', /TokensSigningKey/);
    const onKey = roleStatements(template, logicalId(template, 'AWS::IAM::Role', /KmsDataSourceRole/)).filter(
      (statement) => JSON.stringify(statement.Resource).includes(keyId),
    );
    expect(onKey).toEqual([{ Action: 'kms:Sign', Effect: 'Allow', Resource: arnOf(keyId) }]);
  });

  it("tells the resolvers the key's id (the tokens' kid) and the 5-minute lifetime", () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      EnvironmentVariables: Match.objectLike({
        OTP_TOKEN_KEY_ID: { Ref: logicalId(template, 'AWS::KMS::Key', /TokensSigningKey/) },
        OTP_TOKEN_LIFETIME_SECONDS: '300',
      }),
    });
  });

  it('runs the signing step last in verifyOtp, on the kms data source', () => {
    template.hasResourceProperties('AWS::AppSync::FunctionConfiguration', { Name: 'Mutation_verifyOtp_9_signToken', DataSourceName: 'kms' });
    const signStep = logicalId(template, 'AWS::AppSync::FunctionConfiguration', /signToken/);
    const resolver = Object.values(template.findResources('AWS::AppSync::Resolver', { Properties: { FieldName: 'verifyOtp' } }))[0]!;
    const steps = resolver.Properties.PipelineConfig.Functions as { 'Fn::GetAtt': [string, string] }[];
    expect(steps.at(-1)).toEqual({ 'Fn::GetAtt': [signStep, 'FunctionId'] });
  });
});

describe('the JWKS', () => {
  it('is served by a function whose role may only read the public key (besides writing its logs)', () => {
    const roleId = logicalId(template, 'AWS::IAM::Role', /TokensJwksFunctionServiceRole/);
    expect(roleStatements(template, roleId)).toEqual([
      { Action: 'kms:GetPublicKey', Effect: 'Allow', Resource: arnOf(logicalId(template, 'AWS::KMS::Key', /TokensSigningKey/)) },
    ]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Environment: { Variables: Match.objectLike({ JWKS_KEY_IDS: { Ref: logicalId(template, 'AWS::KMS::Key', /TokensSigningKey/) } }) },
    });
  });

  it('is public at a Function URL: auth NONE, CORS GET from any origin', () => {
    const functionId = logicalId(template, 'AWS::Lambda::Function', /TokensJwksFunction/);
    template.resourceCountIs('AWS::Lambda::Url', 1);
    template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      TargetFunctionArn: arnOf(functionId),
      Cors: { AllowMethods: ['GET'], AllowOrigins: ['*'], MaxAge: 300 },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunctionUrl',
      FunctionUrlAuthType: 'NONE',
      Principal: '*',
      FunctionName: arnOf(functionId),
    });
  });

  it('is updated before the API, so a new signing key is published before it signs', () => {
    const functionId = logicalId(template, 'AWS::Lambda::Function', /TokensJwksFunction/);
    template.hasResource('AWS::AppSync::GraphQLApi', { DependsOn: Match.arrayWith([functionId]) });
  });
});

describe('rotation', () => {
  it('signs with the given key and keeps the previous one in the JWKS, readable but not usable for signing', () => {
    const next = logicalId(rotated, 'AWS::KMS::Key', /TokenKey2/);
    // The given token key and no other signing key: none is created for tokens (the others are the code MAC key and the
    // SES feedback topic's key).
    expect(Object.keys(rotated.findResources('AWS::KMS::Key', { Properties: { KeyUsage: 'SIGN_VERIFY' } }))).toEqual([next]);
    rotated.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      EnvironmentVariables: Match.objectLike({ OTP_TOKEN_KEY_ID: { Ref: next }, OTP_TOKEN_LIFETIME_SECONDS: '600' }),
    });
    rotated.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ JWKS_KEY_IDS: { 'Fn::Join': ['', [{ Ref: next }, ',0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d']] } }) },
    });
    const jwksRole = logicalId(rotated, 'AWS::IAM::Role', /TokensJwksFunctionServiceRole/);
    expect(roleStatements(rotated, jwksRole)).toEqual([
      { Action: 'kms:GetPublicKey', Effect: 'Allow', Resource: arnOf(next) },
      { Action: 'kms:GetPublicKey', Effect: 'Allow', Resource: PREVIOUS_KEY_ARN },
    ]);
    const signing = roleStatements(rotated, logicalId(rotated, 'AWS::IAM::Role', /KmsDataSourceRole/)).filter((statement) =>
      [statement.Action].flat().includes('kms:Sign'),
    );
    expect(signing).toEqual([{ Action: 'kms:Sign', Effect: 'Allow', Resource: arnOf(next) }]);
  });
});
