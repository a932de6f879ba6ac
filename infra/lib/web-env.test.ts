import { describe, expect, it } from 'vitest';
import { webEnvFromCdkOutputs } from './web-env.ts';

const SOURCE = '.local/cdk-outputs.json';
const outputs = (stack: Record<string, string>): string => JSON.stringify({ OtpService: stack });

describe('webEnvFromCdkOutputs', () => {
  it('maps GraphqlUrl, ApiKeyId and CodeLength of OtpService to VITE_GRAPHQL_URL, VITE_API_KEY and VITE_OTP_CODE_LENGTH', () => {
    const text = webEnvFromCdkOutputs(
      outputs({
        GraphqlUrl: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
        ApiKeyId: 'da2-abcdefghijklmnopqrstuvwxyz',
        CodeLength: '8',
        Region: 'eu-west-1',
      }),
      SOURCE,
    );
    const variables = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(variables).toEqual([
      'VITE_GRAPHQL_URL=https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
      'VITE_API_KEY=da2-abcdefghijklmnopqrstuvwxyz',
      'VITE_OTP_CODE_LENGTH=8',
    ]);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('adds the sign-in pages\' user pool, app client and flow when the stack has them (UserPoolId, UserPoolClientId, SignInFlow)', () => {
    const base = { GraphqlUrl: 'https://x/graphql', ApiKeyId: 'da2-x', CodeLength: '6' };
    const pool = { UserPoolId: 'eu-west-1_AbC123xyz', UserPoolClientId: '1h2j3k4l5m', SignInFlow: 'mfa' };
    const variables = webEnvFromCdkOutputs(outputs({ ...base, ...pool }), SOURCE)
      .split('\n')
      .filter((line) => line.startsWith('VITE_COGNITO_'));
    expect(variables).toEqual(['VITE_COGNITO_USER_POOL_ID=eu-west-1_AbC123xyz', 'VITE_COGNITO_CLIENT_ID=1h2j3k4l5m', 'VITE_COGNITO_SIGN_IN_FLOW=mfa']);
    // A pool without its flow is a stack from before the output: refused, so the pages never guess the flow.
    expect(() => webEnvFromCdkOutputs(outputs({ ...base, UserPoolId: pool.UserPoolId, UserPoolClientId: pool.UserPoolClientId }), SOURCE)).toThrow(
      "no output 'SignInFlow' (needed for VITE_COGNITO_SIGN_IN_FLOW)",
    );
    // No pool (sign-in not enabled): nothing, and the app offers email verification alone.
    expect(webEnvFromCdkOutputs(outputs(base), SOURCE)).not.toContain('VITE_COGNITO_');
    // Half a pool is a broken stack, not an optional one.
    expect(() => webEnvFromCdkOutputs(outputs({ ...base, UserPoolId: 'eu-west-1_AbC123xyz' }), SOURCE)).toThrow(
      "no output 'UserPoolClientId' (needed for VITE_COGNITO_CLIENT_ID)",
    );
  });

  it('names the missing output', () => {
    expect(() => webEnvFromCdkOutputs(outputs({ GraphqlUrl: 'https://x/graphql' }), SOURCE)).toThrow(
      ".local/cdk-outputs.json: stack 'OtpService' has no output 'ApiKeyId' (needed for VITE_API_KEY)",
    );
    expect(() => webEnvFromCdkOutputs(outputs({ GraphqlUrl: '', ApiKeyId: 'da2-x' }), SOURCE)).toThrow(/no output 'GraphqlUrl'/);
  });

  it('names the missing stack', () => {
    expect(() => webEnvFromCdkOutputs(JSON.stringify({ Other: { GraphqlUrl: 'u', ApiKeyId: 'k' } }), SOURCE)).toThrow(
      /has no outputs of stack 'OtpService'/,
    );
  });

  it('rejects a malformed file', () => {
    expect(() => webEnvFromCdkOutputs('{"OtpService":', SOURCE)).toThrow(/\.local\/cdk-outputs\.json is not valid JSON/);
  });

  it('refuses values that would break the line format', () => {
    expect(() => webEnvFromCdkOutputs(outputs({ GraphqlUrl: 'https://x/graphql\nEVIL=1', ApiKeyId: 'k' }), SOURCE)).toThrow(/line break/);
  });
});
