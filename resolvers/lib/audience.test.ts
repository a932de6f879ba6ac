import { describe, expect, it } from 'vitest';
import { isValidAudience } from '../../infra/model/index.ts';
import { allowedAudiences, chooseAudience } from './audience.ts';

const env = { OTP_DEFAULT_AUDIENCE: 'OtpStackOtp1234', OTP_ALLOWED_AUDIENCES: 'https://shop.example,app-2' };

describe('isValidAudience', () => {
  it.each([
    ['a URL', 'https://shop.example/login', true],
    ['one character', 'a', true],
    ['256 characters', 'a'.repeat(256), true],
    ['non-ASCII letters', 'caf\u00e9-\u65e5\u672c', true],
    ['empty', '', false],
    ['blank', '   ', false],
    ['257 characters', 'a'.repeat(257), false],
    ['a newline', 'a\nb', false],
    ['a NUL', 'a\u0000b', false],
    ['a tab', 'a\tb', false],
    ['DEL', 'a\u007fb', false],
    ['a C1 control', 'a\u0085b', false],
    ['a line separator', 'a\u2028b', false],
  ])('%s: %s', (_label, audience, valid) => {
    expect(isValidAudience(audience)).toBe(valid);
  });
});

describe('chooseAudience', () => {
  it('gives everyone the default when no audience is named', () => {
    expect(chooseAudience(undefined, false, env)).toEqual({ ok: true, audience: 'OtpStackOtp1234' });
    expect(chooseAudience(null, true, env)).toEqual({ ok: true, audience: 'OtpStackOtp1234' });
  });

  it('lets an API-key caller name only the default or a listed audience', () => {
    expect(chooseAudience('https://shop.example', false, env)).toEqual({ ok: true, audience: 'https://shop.example' });
    expect(chooseAudience('OtpStackOtp1234', false, env)).toEqual({ ok: true, audience: 'OtpStackOtp1234' });
    expect(chooseAudience('https://evil.example', false, env)).toMatchObject({ ok: false });
    // Exact matches only: no prefixes, no case folding, no list syntax.
    for (const near of ['https://shop.example/', 'HTTPS://SHOP.EXAMPLE', 'https://shop.example,app-2', 'app']) {
      expect(chooseAudience(near, false, env)).toMatchObject({ ok: false });
    }
  });

  it('lets an IAM caller name any valid audience, and nobody an invalid one', () => {
    expect(chooseAudience('https://evil.example', true, env)).toEqual({ ok: true, audience: 'https://evil.example' });
    expect(chooseAudience('a\nb', true, env)).toMatchObject({ ok: false });
    expect(chooseAudience('x'.repeat(257), true, env)).toMatchObject({ ok: false });
    expect(chooseAudience('', true, env)).toMatchObject({ ok: false });
  });

  it('allows nothing but the default without an allow-list, and refuses when no default is configured', () => {
    expect(chooseAudience('https://shop.example', false, { OTP_DEFAULT_AUDIENCE: 'api' })).toMatchObject({ ok: false });
    expect(chooseAudience(undefined, false, {})).toMatchObject({ ok: false });
    expect(chooseAudience(undefined, true, { OTP_DEFAULT_AUDIENCE: '' })).toMatchObject({ ok: false });
  });
});

describe('allowedAudiences', () => {
  it('splits the list and drops blank or invalid entries', () => {
    expect(allowedAudiences(env)).toEqual(['https://shop.example', 'app-2']);
    expect(allowedAudiences({ OTP_ALLOWED_AUDIENCES: ',a,, ,b\u0000c,' })).toEqual(['a']);
    expect(allowedAudiences({})).toEqual([]);
  });
});
