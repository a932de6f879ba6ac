import { describe, expect, it } from 'vitest';
import { BRAND_DEFAULTS, brandVariable, isHexColor, isHostName, isPublicHttpsUrl, readBrandVariable } from './brand.ts';

describe('brand', () => {
  it('reads what the construct writes, and the defaults when the variable is absent', () => {
    const brand = { appName: 'Acme', color: '#c2410c', logoUrl: 'https://cdn.acme.example/l.png', senderName: 'Acme', webOtpDomain: 'app.acme.example' };
    expect(readBrandVariable(brandVariable(brand))).toEqual(brand);
    expect(readBrandVariable(undefined)).toEqual(BRAND_DEFAULTS);
    expect(readBrandVariable('{"appName":"Acme"}')).toEqual({ ...BRAND_DEFAULTS, appName: 'Acme' });
  });

  it.each([
    ['{"appName":""}'],
    ['{"color":"red"}'],
    ['{"logoUrl":"http://cdn.example.com/l.png"}'],
    ['{"supportUrl":"javascript:alert(1)"}'],
    ['{"webOtpDomain":"https://app.example.com"}'],
    ['{"appName":42}'],
  ])('refuses %s', (text) => {
    expect(() => readBrandVariable(text)).toThrow(/OTP_BRAND is not a valid brand/);
  });

  it('checks colours, URLs and host names without regular expressions', () => {
    expect(isHexColor('#1d4ED8')).toBe(true);
    expect(isHexColor('#1d4ed')).toBe(false);
    expect(isHexColor('#1d4edg')).toBe(false);
    expect(isPublicHttpsUrl('https://help.example.com/a?b=c')).toBe(true);
    expect(isPublicHttpsUrl('https://user:pw@help.example.com')).toBe(false);
    expect(isPublicHttpsUrl('https://localhost/')).toBe(false);
    expect(isHostName('app.example.com')).toBe(true);
    expect(isHostName('App.example.com')).toBe(false);
    expect(isHostName('-app.example.com')).toBe(false);
    expect(isHostName('example')).toBe(false);
    expect(isHostName('app.example.com:443')).toBe(false);
  });
});
