import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { ConfigurationError } from './errors.ts';

describe('readConfig', () => {
  it('lists the key ids in order, trimmed and without repeats', () => {
    expect(readConfig({ JWKS_KEY_IDS: ' current , previous,current,' })).toEqual({ keyIds: ['current', 'previous'] });
  });

  it.each([undefined, '', ' , '])('refuses a configuration without a key (%j), naming the variable', (value) => {
    expect(() => readConfig({ JWKS_KEY_IDS: value })).toThrow(ConfigurationError);
    expect(() => readConfig({ JWKS_KEY_IDS: value })).toThrow(/JWKS_KEY_IDS/);
  });
});
