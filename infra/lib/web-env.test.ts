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
