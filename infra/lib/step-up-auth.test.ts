/**
 * Step-up for signed-in users: with a user pool (`signIn`), the API accepts the pool's tokens as an additional auth
 * mode beside IAM, the API key stays the default; without one, nothing changes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtpService } from './otp-service.ts';
import { testApp } from './test-app.ts';

/** Synthesis bundles code: ~5 s on an idle machine, much longer on a busy one. */
const SYNTH_TIMEOUT_MS = 300_000;

describe('the API auth modes', () => {
  let workDir: string;
  let withPool: Template;
  let withoutPool: Template;
  let service: OtpService;

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'step-up-auth-test-'));
    const app = testApp({ outdir: join(workDir, 'cdk.out') });
    const pooled = new Stack(app, 'Pooled');
    service = new OtpService(pooled, 'Otp', { senderEmail: 'no-reply@example.com', signIn: {} });
    const plain = new Stack(app, 'Plain');
    new OtpService(plain, 'Otp', { senderEmail: 'no-reply@example.com' });
    // One app, synthesized once: both stacks exist before the first template is read.
    withPool = Template.fromStack(pooled);
    withoutPool = Template.fromStack(plain);
  }, SYNTH_TIMEOUT_MS);

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('adds the construct\'s user pool as an additional mode; the API key stays the default', () => {
    expect(service.userPool).toBeDefined();
    const poolId = Stack.of(service).resolve(service.userPool!.userPoolId);
    withPool.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'API_KEY',
      AdditionalAuthenticationProviders: [
        { AuthenticationType: 'AWS_IAM' },
        // No AppIdClientRegex: any app client of the pool is a signed-in user (README: Step-up for signed-in users).
        { AuthenticationType: 'AMAZON_COGNITO_USER_POOLS', UserPoolConfig: { UserPoolId: poolId, AwsRegion: Match.anyValue(), AppIdClientRegex: Match.absent() } },
      ],
    });
  });

  it('has only IAM beside the API key without a user pool', () => {
    withoutPool.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'API_KEY',
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }],
    });
    withoutPool.resourceCountIs('AWS::Cognito::UserPool', 0);
  });

  it('deploys the schema with @aws_cognito_user_pools only where the API has that mode', () => {
    const definition = (template: Template) =>
      JSON.stringify(Object.values(template.findResources('AWS::AppSync::GraphQLSchema'))[0]?.Properties?.Definition);
    expect(definition(withPool)).toContain('@aws_cognito_user_pools');
    expect(definition(withoutPool)).not.toContain('@aws_cognito_user_pools');
    expect(definition(withoutPool)).toContain('generateOtp(');
  });
});
