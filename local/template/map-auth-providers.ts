/**
 * The token-mode settings of an AWS::AppSync::GraphQLApi: the default mode's OpenIDConnectConfig / UserPoolConfig /
 * LambdaAuthorizerConfig, then each AdditionalAuthenticationProviders entry's OpenIDConnectConfig /
 * UserPoolConfig / LambdaAuthorizerConfig. API_KEY and AWS_IAM need no settings here.
 */
import type { AuthProviderConfig } from '../stack-description.ts';
import { resolveFunctionReference } from './function-reference.ts';
import { evaluate } from './intrinsics.ts';
import type { StackScope } from './stack-scope.ts';

type Properties = Record<string, unknown>;

function optionalString(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`${what} must be a string`);
  return value;
}

function optionalNumber(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw new Error(`${what} must be a number`);
  return number;
}

function requiredString(value: unknown, what: string): string {
  const text = optionalString(value, what);
  if (!text) throw new Error(`${what} is required`);
  return text;
}

/**
 * One provider's settings for `type`, read from `properties` (the API's own properties for the default mode, an
 * AdditionalAuthenticationProviders entry otherwise); null for API_KEY and AWS_IAM.
 * @throws Error when a token mode has no configuration or a malformed one (CloudFormation would refuse it too).
 */
function providerConfig(type: string, properties: Properties, scope: StackScope, what: string): AuthProviderConfig | null {
  if (type === 'OPENID_CONNECT') {
    const config = evaluate(properties.OpenIDConnectConfig, scope) as Properties | undefined;
    if (!config) throw new Error(`${what}: OPENID_CONNECT needs an OpenIDConnectConfig`);
    const clientId = optionalString(config.ClientId, `${what}.OpenIDConnectConfig.ClientId`);
    const iatTtlMs = optionalNumber(config.IatTTL, `${what}.OpenIDConnectConfig.IatTTL`);
    const authTtlMs = optionalNumber(config.AuthTTL, `${what}.OpenIDConnectConfig.AuthTTL`);
    return {
      type,
      issuer: requiredString(config.Issuer, `${what}.OpenIDConnectConfig.Issuer`),
      ...(clientId ? { clientId } : {}),
      ...(iatTtlMs ? { iatTtlMs } : {}),
      ...(authTtlMs ? { authTtlMs } : {}),
    };
  }
  if (type === 'AMAZON_COGNITO_USER_POOLS') {
    // UserPoolConfig on the API and on an additional provider (there of type CognitoUserPoolConfig, without DefaultAction).
    const userPoolKey = 'UserPoolConfig';
    const config = evaluate(properties[userPoolKey], scope) as Properties | undefined;
    if (!config) throw new Error(`${what}: AMAZON_COGNITO_USER_POOLS needs a ${userPoolKey}`);
    const appIdClientRegex = optionalString(config.AppIdClientRegex, `${what}.${userPoolKey}.AppIdClientRegex`);
    const defaultAction = optionalString(config.DefaultAction, `${what}.${userPoolKey}.DefaultAction`);
    if (defaultAction !== undefined && defaultAction !== 'ALLOW' && defaultAction !== 'DENY') {
      throw new Error(`${what}.${userPoolKey}.DefaultAction must be ALLOW or DENY`);
    }
    return {
      type,
      userPoolId: requiredString(config.UserPoolId, `${what}.${userPoolKey}.UserPoolId`),
      region: optionalString(config.AwsRegion, `${what}.${userPoolKey}.AwsRegion`) ?? String(evaluate({ Ref: 'AWS::Region' }, scope)),
      ...(appIdClientRegex ? { appIdClientRegex } : {}),
      ...(defaultAction ? { defaultAction } : {}),
    };
  }
  if (type === 'AWS_LAMBDA') {
    const config = evaluate(properties.LambdaAuthorizerConfig, scope) as Properties | undefined;
    if (!config) throw new Error(`${what}: AWS_LAMBDA needs a LambdaAuthorizerConfig`);
    const reference = resolveFunctionReference(config.AuthorizerUri, scope);
    if (!reference) throw new Error(`${what}.LambdaAuthorizerConfig.AuthorizerUri must be a string`);
    const resultTtlSeconds = optionalNumber(config.AuthorizerResultTtlInSeconds, `${what}.LambdaAuthorizerConfig.AuthorizerResultTtlInSeconds`);
    const identityValidationExpression = optionalString(config.IdentityValidationExpression, `${what}.LambdaAuthorizerConfig.IdentityValidationExpression`);
    return {
      type,
      functionName: reference.name,
      functionArn: reference.text,
      ...(resultTtlSeconds !== undefined ? { resultTtlSeconds } : {}),
      ...(identityValidationExpression ? { identityValidationExpression } : {}),
    };
  }
  return null;
}

/** The token-mode providers of API `apiId` (properties `p`), default first. */
export function toAuthProviders(apiId: string, p: Properties, scope: StackScope): AuthProviderConfig[] {
  const providers: AuthProviderConfig[] = [];
  const main = providerConfig(String(evaluate(p.AuthenticationType, scope)), p, scope, `AppSync API ${apiId}`);
  if (main) providers.push(main);
  const additional = (evaluate(p.AdditionalAuthenticationProviders, scope) ?? []) as Properties[];
  additional.forEach((provider, index) => {
    const what = `AppSync API ${apiId}.AdditionalAuthenticationProviders[${index}]`;
    const config = providerConfig(String(evaluate(provider.AuthenticationType, scope)), provider, scope, what);
    if (config) providers.push(config);
  });
  return providers;
}
