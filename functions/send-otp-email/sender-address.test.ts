import { describe, expect, it } from 'vitest';
import { senderAddress } from './sender-address.ts';

describe('senderAddress', () => {
  it('is the bare address without a display name', () => {
    expect(senderAddress('no-reply@acme.example', undefined)).toBe('no-reply@acme.example');
    expect(senderAddress('no-reply@acme.example', '  ')).toBe('no-reply@acme.example');
  });

  it('quotes an ASCII name, escaping quotes and backslashes', () => {
    expect(senderAddress('no-reply@acme.example', 'Acme "Security" \\ Team')).toBe('"Acme \\"Security\\" \\\\ Team" <no-reply@acme.example>');
  });

  it('encodes any other name as an RFC 2047 encoded word', () => {
    const from = senderAddress('no-reply@acme.example', 'Acmé Sécurité');
    expect(from).toBe(`=?UTF-8?B?${Buffer.from('Acmé Sécurité').toString('base64')}?= <no-reply@acme.example>`);
    // A line break in the name cannot reach the header as one: it is inside the base64 word.
    expect(senderAddress('no-reply@acme.example', 'Acme\r\nBcc: victim@example.com')).not.toMatch(/[\r\n]/);
  });
});
