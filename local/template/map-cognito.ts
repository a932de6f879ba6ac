/**
 * AWS::Cognito::UserPool → {@link UserPoolConfig}, with its AWS::Cognito::UserPoolClient, UserPoolGroup and
 * UserPoolUserToGroupAttachment resources: what the local Cognito (services/cognito-local/) serves. Defaults are
 * Cognito's API defaults (what CloudFormation gets when a property is absent): password policy of 8 characters with
 * all four character classes and 7-day temporary passwords, case-sensitive usernames, ExplicitAuthFlows SRP + custom
 * auth + refresh, PreventUserExistenceErrors LEGACY, tokens 60 min / 60 min / 30 days, auth sessions 3 minutes.
 */
import type { UserPoolClientConfig, UserPoolConfig, UserPoolTriggerName } from '../stack-description.ts';
import { resolveFunctionReference } from './function-reference.ts';
import { evaluate, evaluateString, IntrinsicError } from './intrinsics.ts';
import { numberOr } from './property-values.ts';
import type { StackScope } from './stack-scope.ts';
import type { NamedResource } from './template-types.ts';

type Properties = Record<string, unknown>;

const TRIGGERS: readonly UserPoolTriggerName[] = [
  'PreSignUp',
  'PostConfirmation',
  'DefineAuthChallenge',
  'CreateAuthChallenge',
  'VerifyAuthChallengeResponse',
  'PreTokenGeneration',
];

/** Legacy ExplicitAuthFlows values and their ALLOW_ names. */
const LEGACY_FLOWS: Record<string, string> = {
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  CUSTOM_AUTH_FLOW_ONLY: 'ALLOW_CUSTOM_AUTH',
};

const SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };

/** The pools of the stack, each with its clients and groups. */
export function toUserPoolConfigs(scope: StackScope): UserPoolConfig[] {
  const ofType = (type: string) => scope.resources.filter((resource) => resource.Type === type);
  const poolOf = (resource: NamedResource) =>
    scope.identify(resource.Properties?.UserPoolId, 'AWS::Cognito::UserPool', `${resource.Type} ${resource.logicalId} UserPoolId`);
  const clients = ofType('AWS::Cognito::UserPoolClient').map((resource) => ({ pool: poolOf(resource), config: toClientConfig(resource, scope) }));
  const attachments = ofType('AWS::Cognito::UserPoolUserToGroupAttachment').map((resource) => ({
    pool: poolOf(resource),
    group: evaluateString(resource.Properties?.GroupName, scope, `${resource.logicalId}.GroupName`),
    username: evaluateString(resource.Properties?.Username, scope, `${resource.logicalId}.Username`),
  }));
  const groups = ofType('AWS::Cognito::UserPoolGroup').map((resource) => ({
    pool: poolOf(resource),
    name: evaluateString(resource.Properties?.GroupName ?? { Ref: resource.logicalId }, scope, `${resource.logicalId}.GroupName`),
  }));
  return ofType('AWS::Cognito::UserPool').map((resource) => {
    const p = resource.Properties ?? {};
    const at = (name: string) => `${resource.logicalId}.${name}`;
    const policy = ((evaluate(p.Policies, scope) as Properties | undefined)?.PasswordPolicy ?? {}) as Properties;
    const adminCreateUser = (evaluate(p.AdminCreateUserConfig, scope) ?? {}) as Properties;
    const usernameConfiguration = (evaluate(p.UsernameConfiguration, scope) ?? {}) as Properties;
    return {
      logicalId: resource.logicalId,
      userPoolId: evaluateString({ Ref: resource.logicalId }, scope, resource.logicalId),
      name: p.UserPoolName === undefined ? resource.logicalId : evaluateString(p.UserPoolName, scope, at('UserPoolName')),
      arn: evaluateString({ 'Fn::GetAtt': [resource.logicalId, 'Arn'] }, scope, at('Arn')),
      usernameAttributes: stringList(p.UsernameAttributes, scope, at('UsernameAttributes')) as UserPoolConfig['usernameAttributes'],
      aliasAttributes: stringList(p.AliasAttributes, scope, at('AliasAttributes')) as UserPoolConfig['aliasAttributes'],
      autoVerifiedAttributes: stringList(p.AutoVerifiedAttributes, scope, at('AutoVerifiedAttributes')) as UserPoolConfig['autoVerifiedAttributes'],
      caseSensitive: booleanOr(usernameConfiguration.CaseSensitive, true),
      passwordPolicy: {
        minimumLength: numberOr(policy.MinimumLength, 8),
        requireLowercase: booleanOr(policy.RequireLowercase, true),
        requireUppercase: booleanOr(policy.RequireUppercase, true),
        requireNumbers: booleanOr(policy.RequireNumbers, true),
        requireSymbols: booleanOr(policy.RequireSymbols, true),
        temporaryPasswordValidityDays: numberOr(policy.TemporaryPasswordValidityDays ?? adminCreateUser.UnusedAccountValidityDays, 7),
      },
      allowAdminCreateUserOnly: booleanOr(adminCreateUser.AllowAdminCreateUserOnly, false),
      triggers: triggersOf(p.LambdaConfig, scope, at('LambdaConfig')),
      groups: groups
        .filter((group) => group.pool === resource.logicalId)
        .map((group) => ({
          name: group.name,
          usernames: attachments.filter((a) => a.pool === resource.logicalId && a.group === group.name).map((a) => a.username),
        })),
      clients: clients.filter((client) => client.pool === resource.logicalId).map((client) => client.config),
    };
  });
}

function toClientConfig(resource: NamedResource, scope: StackScope): UserPoolClientConfig {
  const p = resource.Properties ?? {};
  const at = (name: string) => `${resource.logicalId}.${name}`;
  const units = (evaluate(p.TokenValidityUnits, scope) ?? {}) as Properties;
  const duration = (value: unknown, unit: unknown, defaultUnit: string, fallbackSeconds: number): number => {
    if (value === undefined) return fallbackSeconds;
    const factor = SECONDS[String(evaluate(unit, scope) ?? defaultUnit)];
    if (!factor) throw new IntrinsicError(`${resource.logicalId}.TokenValidityUnits: unknown unit ${JSON.stringify(unit)}`);
    return numberOr(evaluate(value, scope), 0) * factor;
  };
  const flows = stringList(p.ExplicitAuthFlows, scope, at('ExplicitAuthFlows'));
  const prevent = p.PreventUserExistenceErrors === undefined ? 'LEGACY' : evaluateString(p.PreventUserExistenceErrors, scope, at('PreventUserExistenceErrors'));
  return {
    logicalId: resource.logicalId,
    clientId: evaluateString({ Ref: resource.logicalId }, scope, resource.logicalId),
    name: p.ClientName === undefined ? resource.logicalId : evaluateString(p.ClientName, scope, at('ClientName')),
    ...(booleanOr(evaluate(p.GenerateSecret, scope), false)
      ? { clientSecret: evaluateString({ 'Fn::GetAtt': [resource.logicalId, 'ClientSecret'] }, scope, at('ClientSecret')) }
      : {}),
    explicitAuthFlows: normalizeFlows(flows),
    preventUserExistenceErrors: prevent === 'ENABLED' ? 'ENABLED' : 'LEGACY',
    // Cognito's defaults: access and ID tokens 60 minutes (unit hours), refresh tokens 30 days (unit days).
    accessTokenValiditySeconds: duration(p.AccessTokenValidity, units.AccessToken, 'hours', 3600),
    idTokenValiditySeconds: duration(p.IdTokenValidity, units.IdToken, 'hours', 3600),
    refreshTokenValiditySeconds: duration(p.RefreshTokenValidity, units.RefreshToken, 'days', 30 * 86_400),
    authSessionValidityMinutes: numberOr(evaluate(p.AuthSessionValidity, scope), 3),
  };
}

/**
 * ExplicitAuthFlows in their ALLOW_ form. Absent: SRP, custom auth and refresh (the API's default). The legacy names
 * (without ALLOW_) always allowed SRP and refresh; CUSTOM_AUTH_FLOW_ONLY allowed custom auth alone.
 */
function normalizeFlows(flows: string[]): string[] {
  if (flows.length === 0) return ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  if (flows.every((flow) => flow.startsWith('ALLOW_'))) return flows;
  if (flows.includes('CUSTOM_AUTH_FLOW_ONLY')) return ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  return [...new Set(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', ...flows.map((flow) => LEGACY_FLOWS[flow] ?? flow)])];
}

/** LambdaConfig's triggers the local Cognito runs; the others (CustomMessage, UserMigration…) are ignored (README). */
function triggersOf(value: unknown, scope: StackScope, what: string): UserPoolConfig['triggers'] {
  const config = (evaluate(value, scope) ?? {}) as Properties;
  const triggers: UserPoolConfig['triggers'] = {};
  for (const name of TRIGGERS) {
    // PreTokenGenerationConfig.LambdaArn takes precedence over PreTokenGeneration (Cognito's rule for the two).
    const raw = name === 'PreTokenGeneration' ? ((config.PreTokenGenerationConfig as Properties | undefined)?.LambdaArn ?? config[name]) : config[name];
    if (raw === undefined) continue;
    const reference = resolveFunctionReference(raw, scope);
    if (!reference) throw new IntrinsicError(`${what}.${name} must be a function ARN`);
    triggers[name] = { functionName: reference.name, functionArn: reference.text };
  }
  return triggers;
}

function stringList(value: unknown, scope: StackScope, what: string): string[] {
  const list = evaluate(value, scope);
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) throw new IntrinsicError(`${what} must be a list of strings`);
  return list as string[];
}

/** CloudFormation takes booleans or their string form. */
function booleanOr(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  return value === true || value === 'true';
}
