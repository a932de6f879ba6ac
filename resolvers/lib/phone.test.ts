import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matches } from '../../local/appsync/runtime/util/matches.ts';
import { DEFAULT_SMS_COUNTRIES, smsDestinationRule, smsEnvironment } from '../../infra/lib/sms-destinations.ts';
import { checkPhoneNumber, compactE164, readSmsCountryRules } from './phone.ts';

const rules = readSmsCountryRules(smsEnvironment(DEFAULT_SMS_COUNTRIES));
const check = (number: string) => checkPhoneNumber(number, rules, matches);

describe('compactE164', () => {
  it.each([
    ['+1 (415) 555-0123', '+14155550123'],
    ['+44 7400 123456', '+447400123456'],
    ['+49 151-2345.6789', '+4915123456789'],
    [' +33 6 12 34 56 78 ', '+33612345678'],
  ])('normalizes %j to %j', (input, expected) => expect(compactE164(input)).toBe(expected));

  it.each(['4155550123', '+0441234567', '+1 415 555 01x3', '+1234567', '+1234567890123456', '++14155550123', '+１４１５５５５０１２３'])(
    'refuses %j',
    (input) => expect(compactE164(input)).toBeNull(),
  );
});

describe('checkPhoneNumber with the default countries', () => {
  it.each([
    ['+1 (201) 555-0123', 'US'],
    ['+1 604 555 0123', 'CA'],
    ['+44 7400 123456', 'GB'],
    ['+49 1512 3456789', 'DE'],
    ['+33 6 12 34 56 78', 'FR'],
    ['+34 612 345 678', 'ES'],
  ])('accepts the mobile number %j as %s', (input, country) => {
    expect(check(input)).toMatchObject({ ok: true, country });
  });

  it.each([
    ['+1 201 555', 'BadRequest'], // too short for +1
    ['+33 6 12 34 56 7', 'BadRequest'], // 8 national digits in France
    ['201 555 0123', 'BadRequest'], // no international form
    ['+91 98765 43210', 'UnsupportedDestination'], // India: not allowed
    ['+882 1234 5678', 'UnsupportedDestination'], // international network (a pumping favourite)
    ['+44 20 7946 0018', 'UnsupportedDestination'], // a London landline
    ['+44 909 879 0000', 'UnsupportedDestination'], // UK premium rate
    ['+1 876 555 0123', 'UnsupportedDestination'], // Jamaica shares +1, not allowed
    ['+33 8 99 12 34 56', 'UnsupportedDestination'], // French premium rate
  ])('refuses %j with %s', (input, errorType) => {
    expect(check(input)).toMatchObject({ ok: false, errorType });
  });

  it('allows nothing when the environment names no country', () => {
    expect(checkPhoneNumber('+12015550123', readSmsCountryRules({}), matches)).toMatchObject({ ok: false, errorType: 'UnsupportedDestination' });
  });

  it('agrees with libphonenumber-js on the allowed countries\' example mobile numbers', async () => {
    const { getExampleNumber } = await import('libphonenumber-js/max');
    const examples = (await import('libphonenumber-js/mobile/examples')).default;
    for (const country of DEFAULT_SMS_COUNTRIES) {
      const example = getExampleNumber(country as 'US', examples)!;
      expect(check(example.number), country).toMatchObject({ ok: true, e164: example.number, country });
    }
  });
});

describe('the patterns under Java regular expressions (util.matches on AppSync is Java\'s Pattern.matches)', () => {
  it('match exactly what they match in the local engine (JavaScript)', () => {
    const samples = ['2015550123', '6045550123', '8765550123', '7400123456', '2079460018', '15123456789', '1512345678',
      '612345678', '899123456', '612345678', '912345678', '0', '7400123456789', '1234'];
    const cases = DEFAULT_SMS_COUNTRIES.flatMap((country) =>
      smsDestinationRule(country).patterns.flatMap((pattern) => samples.map((sample) => ({ pattern, sample }))),
    );
    const dir = mkdtempSync(join(tmpdir(), 'java-regex-'));
    const input = join(dir, 'cases.txt');
    writeFileSync(input, cases.map(({ pattern, sample }) => `${pattern}\t${sample}`).join('\n'));
    const source = join(dir, 'Matches.java');
    writeFileSync(
      source,
      `import java.nio.file.*; import java.util.regex.Pattern;
       public class Matches { public static void main(String[] a) throws Exception {
         StringBuilder out = new StringBuilder();
         for (String line : Files.readAllLines(Path.of(a[0]))) { String[] f = line.split("\\t");
           out.append(Pattern.matches(f[0], f[1]) ? '1' : '0'); }
         System.out.print(out); } }`,
    );
    // C1 only and the serial collector: a one-second program (javac in memory, then the matches) has no use for C2's
    // or G1's threads (1.0 → 0.6 CPU-seconds).
    const quickStart = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
    const java = execFileSync('java', [...quickStart, source, input], { encoding: 'utf8', env: { ...process.env, JAVA_TOOL_OPTIONS: '' } });
    const javascript = cases.map(({ pattern, sample }) => (matches(pattern, sample) ? '1' : '0')).join('');
    expect(java).toBe(javascript);
    expect(javascript).toContain('1'); // the samples exercise both answers
    expect(javascript).toContain('0');
  }, 60_000);
});
