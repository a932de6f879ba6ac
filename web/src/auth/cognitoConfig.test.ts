import { describe, expect, it } from 'vitest';
import { readCognitoConfig, readSignInFlow } from './cognitoConfig.ts';

describe('readCognitoConfig', () => {
  it('is null when no setting is there: the app is the verify page alone', () => {
    expect(readCognitoConfig({})).toBeNull();
    expect(readCognitoConfig({ VITE_COGNITO_USER_POOL_ID: ' ', VITE_COGNITO_CLIENT_ID: '', VITE_COGNITO_ENDPOINT: '' })).toBeNull();
  });

  it('reads a deployed pool (no endpoint: Amplify derives Cognito\'s from the pool id\'s region)', () => {
    expect(readCognitoConfig({ VITE_COGNITO_USER_POOL_ID: 'eu-west-1_AbC123xyz', VITE_COGNITO_CLIENT_ID: ' 1h2j3k4l5m6n7o8p9q0r1s2t3u\n' })).toEqual({
      userPoolId: 'eu-west-1_AbC123xyz',
      userPoolClientId: '1h2j3k4l5m6n7o8p9q0r1s2t3u',
    });
  });

  it('reads the local pool with its endpoint', () => {
    expect(
      readCognitoConfig({ VITE_COGNITO_USER_POOL_ID: 'us-east-1_Q1w2E3r4T', VITE_COGNITO_CLIENT_ID: 'abc123', VITE_COGNITO_ENDPOINT: 'http://127.0.0.1:9229' }),
    ).toEqual({ userPoolId: 'us-east-1_Q1w2E3r4T', userPoolClientId: 'abc123', userPoolEndpoint: 'http://127.0.0.1:9229' });
  });

  it('refuses half a configuration, naming what is missing', () => {
    expect(() => readCognitoConfig({ VITE_COGNITO_USER_POOL_ID: 'eu-west-1_AbC123xyz' })).toThrow(/^VITE_COGNITO_CLIENT_ID is not set/);
    expect(() => readCognitoConfig({ VITE_COGNITO_CLIENT_ID: 'abc' })).toThrow(/^VITE_COGNITO_USER_POOL_ID is not set/);
    expect(() => readCognitoConfig({ VITE_COGNITO_ENDPOINT: 'http://127.0.0.1:9229' })).toThrow(/^VITE_COGNITO_USER_POOL_ID is not set/);
  });

  it('refuses malformed ids and endpoints', () => {
    const good = { VITE_COGNITO_USER_POOL_ID: 'eu-west-1_AbC123xyz', VITE_COGNITO_CLIENT_ID: 'abc' };
    expect(() => readCognitoConfig({ ...good, VITE_COGNITO_USER_POOL_ID: 'AbC123xyz' })).toThrow('not a user pool id');
    expect(() => readCognitoConfig({ ...good, VITE_COGNITO_USER_POOL_ID: 'eu-west-1_' })).toThrow('not a user pool id');
    expect(() => readCognitoConfig({ ...good, VITE_COGNITO_CLIENT_ID: 'a b' })).toThrow('not an app client id');
    expect(() => readCognitoConfig({ ...good, VITE_COGNITO_ENDPOINT: '127.0.0.1:9229' })).toThrow('not an http(s) URL');
    expect(() => readCognitoConfig({ ...good, VITE_COGNITO_ENDPOINT: 'file:///etc/passwd' })).toThrow('not an http(s) URL');
  });
});

describe('readSignInFlow', () => {
  it('reads each flow the construct has, and takes an unset one as both pages', () => {
    expect(readSignInFlow({ VITE_COGNITO_SIGN_IN_FLOW: 'mfa' })).toBe('mfa');
    expect(readSignInFlow({ VITE_COGNITO_SIGN_IN_FLOW: ' passwordless\n' })).toBe('passwordless');
    expect(readSignInFlow({ VITE_COGNITO_SIGN_IN_FLOW: 'either' })).toBe('either');
    expect(readSignInFlow({})).toBe('either');
    expect(readSignInFlow({ VITE_COGNITO_SIGN_IN_FLOW: '' })).toBe('either');
  });

  it('refuses an unknown flow, naming the setting', () => {
    expect(() => readSignInFlow({ VITE_COGNITO_SIGN_IN_FLOW: 'MFA' })).toThrow('VITE_COGNITO_SIGN_IN_FLOW must be one of passwordless, mfa, either: MFA');
    expect(() => readSignInFlow({ VITE_COGNITO_SIGN_IN_FLOW: 'sms' })).toThrow(/must be one of/);
  });
});
