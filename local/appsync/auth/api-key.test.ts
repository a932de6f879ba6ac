import { describe, expect, it } from 'vitest';
import { checkApiKey } from './api-key.ts';

describe('checkApiKey', () => {
  const keys = [
    { logicalId: 'A', id: 'da2-valid', expires: 2_000 },
    { logicalId: 'B', id: 'da2-default' },
  ];

  it('accepts a known key before its expiry and refuses it after', () => {
    expect(checkApiKey(keys, 'da2-valid', 1_999, 0)).toBe('valid');
    expect(checkApiKey(keys, 'da2-valid', 2_000, 0)).toBe('expired');
  });

  it('uses the default expiry for keys without one', () => {
    expect(checkApiKey(keys, 'da2-default', 10, 11)).toBe('valid');
    expect(checkApiKey(keys, 'da2-default', 11, 11)).toBe('expired');
  });

  it('refuses unknown keys', () => {
    expect(checkApiKey(keys, 'da2-other', 0, 100)).toBe('unknown');
  });
});
