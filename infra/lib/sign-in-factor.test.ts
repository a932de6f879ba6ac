/**
 * The Cognito sign-in factor as CloudFormation: the three triggers on the pool, their permissions (least privilege,
 * scoped to the item kinds each one touches), the app client's auth flows, no dependency cycle with the API, and an
 * adopter's own pool.
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_FLOW_VARIABLE } from '../model/index.ts';
import { OtpService, type OtpServiceProps } from './otp-service.ts';
import { OtpStack } from './otp-stack.ts';
import { testApp } from './test-app.ts';

const SYNTH_TIMEOUT_MS = 300_000;

interface Synthesized {
  template: Template;
  otp: OtpService;
  stack: Stack;
}

function synth(props: Partial<OtpServiceProps>, withPool?: (stack: Stack) => cognito.UserPool): Synthesized {
  const stack = new Stack(testApp(), 'Test');
  const userPool = withPool?.(stack);
  const otp = new OtpService(stack, 'Otp', {
    senderEmail: 'no-reply@example.com',
    ...props,
    ...(props.signIn ? { signIn: { ...props.signIn, ...(userPool ? { userPool } : {}) } } : {}),
  });
  return { template: Template.fromStack(stack), otp, stack };
}

/** The logical id of a resource of `construct` (its default child). */
function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as never);
}

/** Every statement of the policies attached to the role of `functionLogicalId`. */
function statementsOf(template: Template, stack: Stack, roleLogicalId: string): { Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  void stack;
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: Match.arrayWith([{ Ref: roleLogicalId }]) } });
  return Object.values(policies).flatMap((policy) => (policy as { Properties: { PolicyDocument: { Statement: never[] } } }).Properties.PolicyDocument.Statement);
}

function actionsOf(statements: { Action: string | string[] }[]): string[] {
  return statements.flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action])).sort();
}

describe('OtpService signIn', () => {
  let withFactor: Synthesized;
  beforeAll(() => {
    withFactor = synth({ signIn: { flow: 'either' } });
  }, SYNTH_TIMEOUT_MS);

  it('creates nothing of it without the prop', () => {
    const plain = synth({});
    plain.template.resourceCountIs('AWS::Cognito::UserPool', 0);
    plain.template.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
    expect(plain.otp.userPool).toBeUndefined();
    expect(plain.otp.userPoolClient).toBeUndefined();
  }, SYNTH_TIMEOUT_MS);

  it('creates a pool with email as the sign-in name, no self sign-up, and the three triggers', () => {
    const { template, otp, stack } = withFactor;
    expect(otp.userPool).toBeDefined();
    expect(otp.userPoolClient).toBeDefined();
    const factor = otp.signInFactor!;
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      LambdaConfig: {
        DefineAuthChallenge: { 'Fn::GetAtt': [logicalId(stack, factor.defineChallengeFunction), 'Arn'] },
        CreateAuthChallenge: { 'Fn::GetAtt': [logicalId(stack, factor.createChallengeFunction), 'Arn'] },
        VerifyAuthChallengeResponse: { 'Fn::GetAtt': [logicalId(stack, factor.verifyChallengeFunction), 'Arn'] },
      },
    });
    // Cognito may invoke each trigger, from this pool only.
    for (const fn of [factor.defineChallengeFunction, factor.createChallengeFunction, factor.verifyChallengeFunction]) {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'cognito-idp.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [logicalId(stack, fn), 'Arn'] },
        SourceArn: { 'Fn::GetAtt': [logicalId(stack, otp.userPool!), 'Arn'] },
      });
    }
  });

  it("gives the app client custom auth and refresh only, no secret, and Cognito's existence-error prevention", () => {
    withFactor.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      AllowedOAuthFlowsUserPoolClient: false,
    });
    const clients = withFactor.template.findResources('AWS::Cognito::UserPoolClient');
    for (const client of Object.values(clients)) {
      const flows = (client as { Properties: { ExplicitAuthFlows: string[] } }).Properties.ExplicitAuthFlows;
      // Either would sign a user in without the code.
      expect(flows).not.toContain('ALLOW_USER_SRP_AUTH');
      expect(flows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    }
  });

  it('passes the flow and the policy to the triggers, never the API (no cycle pool → trigger → API → pool)', () => {
    const { template, otp, stack } = withFactor;
    const factor = otp.signInFactor!;
    const apiId = logicalId(stack, otp.api);
    for (const fn of [factor.defineChallengeFunction, factor.createChallengeFunction, factor.verifyChallengeFunction]) {
      const resource = template.toJSON().Resources[logicalId(stack, fn)] as { Properties: { Environment: { Variables: Record<string, unknown> } } };
      const variables = resource.Properties.Environment.Variables;
      expect(variables[SIGN_IN_FLOW_VARIABLE]).toBe('either');
      expect(variables).toMatchObject({ OTP_MAX_ATTEMPTS: '5', OTP_TTL_SECONDS: '300', OTP_CODE_LENGTH: '6' });
      expect(variables.TABLE_NAME).toEqual({ Ref: logicalId(stack, otp.table as never) });
      // The SMS countries' patterns are not the triggers' business (and Lambda's environment is 4 KB).
      expect(Object.keys(variables).some((name) => name.startsWith('OTP_SMS_RULE'))).toBe(false);
      expect(JSON.stringify(resource)).not.toContain(apiId);
    }
  });

  it('gives Define GetItem on sessions and mailbox guards only', () => {
    const { template, otp, stack } = withFactor;
    const statements = statementsOf(template, stack, logicalId(stack, otp.signInFactor!.defineChallengeFunction.role as never));
    expect(actionsOf(statements)).toEqual(['dynamodb:GetItem']);
    expect(statements[0]?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SESSION#*', 'MAILBOX#*'] } });
  });

  it("gives Create exactly its send transaction's actions, each on its item kinds, and no KMS", () => {
    const { template, otp, stack } = withFactor;
    const statements = statementsOf(template, stack, logicalId(stack, otp.signInFactor!.createChallengeFunction.role as never));
    expect(actionsOf(statements)).toEqual(['dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    const byAction = (action: string) => statements.find((statement) => actionsOf([statement]).includes(action))?.Condition;
    expect(byAction('dynamodb:PutItem')).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SESSION#*'] } });
    expect(byAction('dynamodb:UpdateItem')).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RATE#*', 'COOLDOWN#*', 'BUDGET#*'] } });
    expect(byAction('dynamodb:ConditionCheckItem')).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['MAILBOX#*'] } });
  });

  it('gives Verify its UpdateItems, the guard check and kms:VerifyMac on the code MAC keys only', () => {
    const { template, otp, stack } = withFactor;
    const statements = statementsOf(template, stack, logicalId(stack, otp.signInFactor!.verifyChallengeFunction.role as never));
    expect(actionsOf(statements)).toEqual(['dynamodb:ConditionCheckItem', 'dynamodb:UpdateItem', 'kms:VerifyMac']);
    const kms = statements.find((statement) => actionsOf([statement]).includes('kms:VerifyMac'));
    expect(kms?.Resource).toEqual({ 'Fn::GetAtt': [logicalId(stack, otp.codeMacKey as never), 'Arn'] });
    // The key's own policy names the role too (createServiceKey's keys let nobody use them otherwise).
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'kms:VerifyMac',
            Principal: { AWS: { 'Fn::GetAtt': [logicalId(stack, otp.signInFactor!.verifyChallengeFunction.role as never), 'Arn'] } },
          }),
        ]),
      },
    });
  });

  it("adds the triggers and a client to an adopter's own pool instead of creating one", () => {
    const own = synth({ signIn: {} }, (stack) => new cognito.UserPool(stack, 'AppUsers', { selfSignUpEnabled: true }));
    own.template.resourceCountIs('AWS::Cognito::UserPool', 1);
    expect(own.otp.userPool?.node.path).toBe('Test/AppUsers');
    own.template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: Match.objectLike({ DefineAuthChallenge: Match.anyValue() }),
    });
    own.template.hasResourceProperties('AWS::Cognito::UserPoolClient', { UserPoolId: { Ref: logicalId(own.stack, own.otp.userPool!) } });
    // The default flow: the code after the password, never alone unless asked for.
    const define = own.template.toJSON().Resources[logicalId(own.stack, own.otp.signInFactor!.defineChallengeFunction)] as {
      Properties: { Environment: { Variables: Record<string, string> } };
    };
    expect(define.Properties.Environment.Variables[SIGN_IN_FLOW_VARIABLE]).toBe('mfa');
  }, SYNTH_TIMEOUT_MS);

  it('refuses an unknown flow, naming the prop', () => {
    expect(() => synth({ signIn: { flow: 'sms' as never } })).toThrow(/signIn\.flow must be one of passwordless, mfa, either/);
  });

  it("deploys the product stack with flow 'either', narrowed by the signInFlow context, and outputs the pool and client", () => {
    const flowOf = (context: Record<string, string>) => {
      const stack = new OtpStack(testApp({ context }), 'OtpService');
      const define = Template.fromStack(stack).toJSON().Resources[logicalId(stack, stack.otp.signInFactor!.defineChallengeFunction)] as {
        Properties: { Environment: { Variables: Record<string, string> } };
      };
      return { flow: define.Properties.Environment.Variables[SIGN_IN_FLOW_VARIABLE], template: Template.fromStack(stack), stack };
    };
    const product = flowOf({});
    expect(product.flow).toBe('either');
    product.template.hasOutput('UserPoolId', { Value: { Ref: logicalId(product.stack, product.stack.otp.userPool!) } });
    product.template.hasOutput('UserPoolClientId', { Value: { Ref: logicalId(product.stack, product.stack.otp.userPoolClient!) } });
    // The web app reads the flow from this output (VITE_COGNITO_SIGN_IN_FLOW) to offer only the pages that can work.
    product.template.hasOutput('SignInFlow', { Value: 'either' });
    const passwordless = flowOf({ signInFlow: 'passwordless' });
    expect(passwordless.flow).toBe('passwordless');
    passwordless.template.hasOutput('SignInFlow', { Value: 'passwordless' });
    expect(() => flowOf({ signInFlow: 'none' })).toThrow(/signIn\.flow must be one of/);
  }, SYNTH_TIMEOUT_MS);
});
