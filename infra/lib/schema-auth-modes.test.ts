import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaForAuthModes } from './schema-auth-modes.ts';

const schema = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');

describe('schemaForAuthModes', () => {
  it('keeps the user-pool directive when the API has the mode', () => {
    expect(schemaForAuthModes(schema, { userPools: true })).toBe(schema);
  });

  it('removes every user-pool directive, and nothing else, when it has not', () => {
    const stripped = schemaForAuthModes(schema, { userPools: false });
    expect(schema).toContain('@aws_cognito_user_pools');
    expect(stripped).not.toContain('@aws_cognito_user_pools');
    expect(stripped).toContain('generateOtp(email: AWSEmail, locale: String, audience: String): OtpSession! @aws_api_key @aws_iam\n');
    expect(stripped.match(/@aws_api_key/g)?.length).toBe(schema.match(/@aws_api_key/g)?.length);
  });

  it('also removes the directive with cognito_groups', () => {
    expect(schemaForAuthModes('type Q @aws_iam @aws_cognito_user_pools(cognito_groups: ["a"]) { a: Int }', { userPools: false })).toBe('type Q @aws_iam { a: Int }');
  });

  it('leaves a schema that still parses (with AppSync scalars and directives declared)', () => {
    const prelude = ['AWSEmail', 'AWSPhone', 'AWSDateTime', 'AWSJSON'].map((name) => `scalar ${name}`).join('\n')
      + '\ndirective @aws_api_key on OBJECT | FIELD_DEFINITION\ndirective @aws_iam on OBJECT | FIELD_DEFINITION\ndirective @aws_subscribe(mutations: [String]) on FIELD_DEFINITION\n';
    expect(() => buildSchema(prelude + schemaForAuthModes(schema, { userPools: false }))).not.toThrow();
  });
});
