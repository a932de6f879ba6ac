import { describe, expect, it } from 'vitest';
import { buildApiSchema } from '../schema/build-schema.ts';
import { buildFieldAuthIndex } from './auth-mode-directives.ts';
import { mayAccessField, type FieldCaller } from './field-access.ts';

const schema = buildApiSchema(/* GraphQL */ `
  type Query {
    open: String
    admins: String @aws_cognito_user_pools(cognito_groups: ["admin"])
    staff: String @aws_auth(cognito_groups: ["staff", "admin"])
    anyUser: String @aws_cognito_user_pools
    keyOnly: String @aws_api_key
    lambda: String @aws_lambda
    viaType: Secret
  }
  type Secret @aws_cognito_user_pools(cognito_groups: ["admin"]) {
    inherited: String
    overridden: String @aws_cognito_user_pools
  }
`);
const api = { schema, fieldAuth: buildFieldAuthIndex(schema, 'AMAZON_COGNITO_USER_POOLS') };
const user = (groups: string[] | null, defaultAuthStrategy = 'ALLOW'): FieldCaller => ({
  mode: 'AMAZON_COGNITO_USER_POOLS',
  identity: { sub: 's', groups, defaultAuthStrategy },
});
const may = (caller: FieldCaller, type: string, field: string) => mayAccessField(api, caller, type, field);

describe('mayAccessField', () => {
  it('requires one of the directive’s cognito_groups (field over type, @aws_auth too)', () => {
    expect(may(user(['admin']), 'Query', 'admins')).toBe(true);
    expect(may(user(['staff']), 'Query', 'admins')).toBe(false);
    expect(may(user(null), 'Query', 'admins')).toBe(false);
    expect(may(user(['staff']), 'Query', 'staff')).toBe(true);
    expect(may(user(['admin']), 'Secret', 'inherited')).toBe(true);
    expect(may(user(['staff']), 'Secret', 'inherited')).toBe(false);
    expect(may(user(['staff']), 'Secret', 'overridden')).toBe(true);
  });

  it('lets any pool user read fields without groups under ALLOW, and none of them under DENY', () => {
    expect(may(user(null), 'Query', 'open')).toBe(true);
    expect(may(user(null), 'Query', 'anyUser')).toBe(true);
    expect(may(user(['admin'], 'DENY'), 'Query', 'open')).toBe(false);
    expect(may(user(['admin'], 'DENY'), 'Query', 'anyUser')).toBe(false);
    expect(may(user(['admin'], 'DENY'), 'Query', 'admins')).toBe(true);
    expect(may(user(['staff'], 'DENY'), 'Query', 'admins')).toBe(false);
  });

  it('still applies the modes of the directives', () => {
    expect(may(user(['admin']), 'Query', 'keyOnly')).toBe(false);
    expect(may({ mode: 'API_KEY', identity: null }, 'Query', 'keyOnly')).toBe(true);
    expect(may({ mode: 'API_KEY', identity: null }, 'Query', 'open')).toBe(false);
  });

  it('denies a Lambda authorizer’s deniedFields', () => {
    const lambda: FieldCaller = { mode: 'AWS_LAMBDA', identity: { resolverContext: {} }, deniedFields: new Set(['Query.lambda']) };
    expect(may(lambda, 'Query', 'lambda')).toBe(false);
    expect(may({ ...lambda, deniedFields: new Set() }, 'Query', 'lambda')).toBe(true);
  });
});
