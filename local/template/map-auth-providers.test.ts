import { describe, expect, it } from 'vitest';
import { toAuthProviders } from './map-auth-providers.ts';
import { createStackScope } from './stack-scope.ts';
import type { CfnTemplate } from './template-types.ts';

const template: CfnTemplate = {
  Resources: {
    Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'auth-fn', Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: '' } } },
  },
};
const scope = createStackScope(template, 'S', { region: 'eu-west-1', accountId: '000000000000' });

describe('toAuthProviders', () => {
  it('reads the default user pool (DefaultAction, region defaulting to the stack’s) and a qualified authorizer ARN', () => {
    expect(
      toAuthProviders(
        'Api',
        {
          AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
          UserPoolConfig: { UserPoolId: 'eu-west-1_abc', DefaultAction: 'DENY' },
          AdditionalAuthenticationProviders: [
            { AuthenticationType: 'AWS_LAMBDA', LambdaAuthorizerConfig: { AuthorizerUri: { 'Fn::Join': [':', [{ 'Fn::GetAtt': ['Fn', 'Arn'] }, 'live']] } } },
            { AuthenticationType: 'OPENID_CONNECT', OpenIDConnectConfig: { Issuer: 'https://a.example', AuthTTL: '60000' } },
            { AuthenticationType: 'OPENID_CONNECT', OpenIDConnectConfig: { Issuer: 'https://b.example' } },
            { AuthenticationType: 'API_KEY' },
          ],
        },
        scope,
      ),
    ).toEqual([
      { type: 'AMAZON_COGNITO_USER_POOLS', userPoolId: 'eu-west-1_abc', region: 'eu-west-1', defaultAction: 'DENY' },
      { type: 'AWS_LAMBDA', functionName: 'auth-fn', functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:auth-fn:live' },
      { type: 'OPENID_CONNECT', issuer: 'https://a.example', authTtlMs: 60_000 },
      { type: 'OPENID_CONNECT', issuer: 'https://b.example' },
    ]);
  });

  it('refuses a token mode without its configuration or with a malformed one', () => {
    expect(() => toAuthProviders('Api', { AuthenticationType: 'OPENID_CONNECT' }, scope)).toThrow('AppSync API Api: OPENID_CONNECT needs an OpenIDConnectConfig');
    expect(() =>
      toAuthProviders('Api', { AuthenticationType: 'AMAZON_COGNITO_USER_POOLS', UserPoolConfig: { UserPoolId: 'p', DefaultAction: 'MAYBE' } }, scope),
    ).toThrow('DefaultAction must be ALLOW or DENY');
    expect(() =>
      toAuthProviders('Api', { AuthenticationType: 'API_KEY', AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_LAMBDA' }] }, scope),
    ).toThrow('AppSync API Api.AdditionalAuthenticationProviders[0]: AWS_LAMBDA needs a LambdaAuthorizerConfig');
  });
});
