import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTemplate } from './read-stack.ts';
import type { CfnTemplate } from './template-types.ts';

const workDir = mkdtempSync(join(tmpdir(), 'map-cognito-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
const read = (template: CfnTemplate, stackName = 'Shop') =>
  readTemplate(template, { stackName, local: { region: 'eu-west-1', accountId: '000000000000' }, workDir });

const template = (): CfnTemplate => ({
  Resources: {
    Pool: { Type: 'AWS::Cognito::UserPool', Properties: { UsernameAttributes: ['email'], LambdaConfig: { DefineAuthChallenge: { 'Fn::GetAtt': ['Define', 'Arn'] } } } },
    Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, GenerateSecret: true } },
    Legacy: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH'], RefreshTokenValidity: 12, TokenValidityUnits: { RefreshToken: 'hours' } } },
    Define: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'define-auth', Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'exports.handler = async (e) => e;' } } },
    Consumer: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Code: { ZipFile: 'exports.handler = async () => 1;' },
        Environment: { Variables: { POOL: { Ref: 'Pool' }, CLIENT: { Ref: 'Client' }, ISSUER: { 'Fn::GetAtt': ['Pool', 'ProviderURL'] }, ARN: { 'Fn::GetAtt': ['Pool', 'Arn'] } } },
      },
    },
  },
});

describe('AWS::Cognito::UserPool and UserPoolClient in the stack description', () => {
  it('gives pools and clients AWS-shaped ids that are the same in every read and differ between stacks', () => {
    const [pool] = read(template()).userPools!;
    expect(pool!.userPoolId).toMatch(/^eu-west-1_[A-Za-z0-9]{9}$/);
    expect(pool!.clients.map((client) => client.clientId)).toEqual([expect.stringMatching(/^[a-z0-9]{26}$/), expect.stringMatching(/^[a-z0-9]{26}$/)]);
    expect(read(template()).userPools![0]!.userPoolId).toBe(pool!.userPoolId);
    expect(read(template(), 'Other').userPools![0]!.userPoolId).not.toBe(pool!.userPoolId);
    const env = read(template()).functions.find((fn) => fn.logicalId === 'Consumer')!.environment;
    expect(env).toEqual({
      POOL: pool!.userPoolId,
      CLIENT: pool!.clients[0]!.clientId,
      ISSUER: `https://cognito-idp.eu-west-1.amazonaws.com/${pool!.userPoolId}`,
      ARN: `arn:aws:cognito-idp:eu-west-1:000000000000:userpool/${pool!.userPoolId}`,
    });
  });

  it("fills in Cognito's API defaults and reads triggers, secrets and token lifetimes", () => {
    const [pool] = read(template()).userPools!;
    expect(pool).toMatchObject({
      name: 'Pool',
      usernameAttributes: ['email'],
      caseSensitive: true,
      passwordPolicy: { minimumLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true, temporaryPasswordValidityDays: 7 },
      triggers: { DefineAuthChallenge: { functionName: 'define-auth', functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:define-auth' } },
    });
    const [client, legacy] = pool!.clients;
    expect(client).toMatchObject({
      clientSecret: expect.any(String),
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      preventUserExistenceErrors: 'LEGACY',
      accessTokenValiditySeconds: 3600,
      idTokenValiditySeconds: 3600,
      refreshTokenValiditySeconds: 30 * 86_400,
      authSessionValidityMinutes: 3,
    });
    // Legacy flow names keep SRP and refresh, as they did.
    expect(legacy!.explicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH']);
    expect(legacy!.refreshTokenValiditySeconds).toBe(12 * 3600);
    expect(legacy!.clientSecret).toBeUndefined();
  });
});
