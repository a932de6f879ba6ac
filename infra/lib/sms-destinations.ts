import { Metadata, isSupportedCountry, type CountryCode } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/metadata.max.json';
import {
  ENVIRONMENT_VALUE_MAX_LENGTH,
  SMS_COUNTRIES_VARIABLE,
  SMS_COUNTRY_SEPARATOR,
  SMS_FIELD_SEPARATOR,
  SMS_LENGTH_SEPARATOR,
  SMS_MAX_RULE_PARTS,
  smsRuleVariable,
} from '../model/index.ts';

/**
 * The countries `generateSmsOtp` sends to unless `smsCountries` says otherwise: markets with low SMS prices, strict
 * carrier regulation (10DLC/short codes in the US and Canada, Ofcom, BNetzA, ARCEP, CNMC) and few of the premium-rate
 * ranges SMS pumping rings rent. Anything else must be chosen deliberately.
 */
export const DEFAULT_SMS_COUNTRIES: readonly string[] = ['US', 'CA', 'GB', 'DE', 'FR', 'ES'];

/** AppSync's limit on environment variables per API. */
export const API_ENVIRONMENT_MAX_VARIABLES = 50;

/** One allowed country's numbering summary, from libphonenumber-js's metadata. */
export interface SmsDestinationRule {
  country: string;
  callingCode: string;
  /** Possible lengths of a mobile national number. */
  lengths: number[];
  /** The mobile national-number pattern, split into alternatives that each fit one environment value. */
  patterns: string[];
}

/** The part of libphonenumber-js's Metadata class this file uses (public methods its typings leave out). */
interface NumberingPlanType {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface MetadataReader {
  selectNumberingPlan(country: CountryCode): void;
  type(type: 'MOBILE' | 'FIXED_LINE'): NumberingPlanType | undefined;
  possibleLengths(): number[];
  countryCallingCode(): string;
}

const meta = new Metadata(metadata) as unknown as MetadataReader;

/**
 * The rule of one country: its calling code and its MOBILE national-number pattern and lengths; where the metadata
 * does not tell mobile from fixed line (an empty MOBILE pattern: the US and Canada), the fixed-line-or-mobile
 * pattern, i.e. FIXED_LINE's, as libphonenumber-js's own number-type check does.
 *
 * @throws Error when `country` is not an ISO 3166-1 alpha-2 code the metadata knows, or has no mobile numbers.
 */
export function smsDestinationRule(country: string): SmsDestinationRule {
  if (!/^[A-Z]{2}$/.test(country) || !isSupportedCountry(country as CountryCode, metadata)) {
    throw new Error(`OtpService: smsCountries must be ISO 3166-1 alpha-2 codes libphonenumber-js knows, got '${country}'`);
  }
  meta.selectNumberingPlan(country as CountryCode);
  const mobile = meta.type('MOBILE');
  const type = mobile && mobile.pattern() !== '' ? mobile : meta.type('FIXED_LINE');
  const pattern = type?.pattern();
  if (!type || !pattern) throw new Error(`OtpService: smsCountries: the metadata has no mobile numbers for '${country}'`);
  const lengths = [...(mobile?.possibleLengths() ?? type.possibleLengths() ?? meta.possibleLengths())];
  return {
    country,
    callingCode: meta.countryCallingCode(),
    lengths,
    patterns: splitAlternatives(pattern, ENVIRONMENT_VALUE_MAX_LENGTH),
  };
}

/**
 * Splits a regular expression at its top-level `|` into groups of alternatives of at most `maxLength` characters:
 * a text matches the whole pattern exactly when it matches one group in full.
 *
 * @throws Error when one alternative alone is longer than `maxLength`.
 */
export function splitAlternatives(pattern: string, maxLength: number): string[] {
  const alternatives = topLevelAlternatives(pattern).flatMap((alternative) => distribute(alternative, maxLength));
  const groups: string[] = [];
  for (const alternative of alternatives) {
    const last = groups.length - 1;
    if (last >= 0 && groups[last]!.length + 1 + alternative.length <= maxLength) groups[last] = `${groups[last]}|${alternative}`;
    else groups.push(alternative);
  }
  return groups;
}

/**
 * An alternative too long for one value, of the form `(?:a|b|…)suffix` (how the metadata writes area-code lists), as
 * `(?:a|…)suffix`, `(?:…|b)suffix`, …: the same language, in pieces of at most `maxLength`.
 */
function distribute(alternative: string, maxLength: number): string[] {
  if (alternative.length <= maxLength) return [alternative];
  const close = alternative.startsWith('(?:') ? closingParenthesis(alternative, 0) : -1;
  const suffix = close < 0 ? '' : alternative.slice(close + 1);
  const overhead = '(?:'.length + ')'.length + suffix.length;
  if (close < 0 || suffix.includes('(') || suffix.includes('|') || /^[*+?{]/.test(suffix) || overhead >= maxLength) {
    throw new Error(`OtpService: a mobile number pattern alternative is longer than ${maxLength} characters`);
  }
  return splitAlternatives(alternative.slice(3, close), maxLength - overhead).map((inner) => `(?:${inner})${suffix}`);
}

/** The top-level alternatives of a pattern (its `|` outside groups and character classes). */
function topLevelAlternatives(pattern: string): string[] {
  const alternatives: string[] = [];
  let start = 0;
  scan(pattern, 0, (char, index, depth) => {
    if (char === '|' && depth === 0) {
      alternatives.push(pattern.slice(start, index));
      start = index + 1;
    }
    return false;
  });
  alternatives.push(pattern.slice(start));
  return alternatives;
}

/** The index of the `)` that closes the group opened at `open`, or -1. */
function closingParenthesis(pattern: string, open: number): number {
  let found = -1;
  scan(pattern, open, (char, index, depth) => {
    if (char === ')' && depth === 0) {
      found = index;
      return true;
    }
    return false;
  });
  return found;
}

/**
 * Walks a pattern from `from`, skipping escapes and character classes, calling `visit` with each character and the
 * group depth outside it (a `(` is visited at the depth before it, a `)` at the depth after it); stops when `visit`
 * returns true.
 */
function scan(pattern: string, from: number, visit: (char: string, index: number, depth: number) => boolean): void {
  let depth = 0;
  let inClass = false;
  for (let index = from; index < pattern.length; index += 1) {
    const char = pattern.charAt(index);
    if (char === '\\') {
      index += 1;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '(') {
      if (visit(char, index, depth)) return;
      depth += 1;
      continue;
    } else if (char === ')') depth -= 1;
    if (visit(char, index, depth)) return;
  }
}

/**
 * The AppSync environment variables of the allowed SMS countries (format: infra/model/sms.ts).
 *
 * @throws Error for an unknown country, a duplicate, an empty list, or a value over AppSync's 512 characters.
 */
export function smsEnvironment(countries: readonly string[]): Record<string, string> {
  if (countries.length === 0) throw new Error('OtpService: smsCountries must name at least one country');
  if (new Set(countries).size !== countries.length) throw new Error('OtpService: smsCountries has a duplicate');
  const rules = countries.map(smsDestinationRule);
  const environment: Record<string, string> = {};
  for (const rule of rules) {
    if (rule.patterns.length > SMS_MAX_RULE_PARTS) {
      throw new Error(`OtpService: the mobile pattern of '${rule.country}' needs more than ${SMS_MAX_RULE_PARTS} environment variables`);
    }
    rule.patterns.forEach((pattern, index) => {
      environment[smsRuleVariable(rule.country, index + 1)] = pattern;
    });
  }
  environment[SMS_COUNTRIES_VARIABLE] = rules
    .map((rule) =>
      [rule.country, rule.callingCode, rule.lengths.join(SMS_LENGTH_SEPARATOR), String(rule.patterns.length)].join(SMS_FIELD_SEPARATOR),
    )
    .join(SMS_COUNTRY_SEPARATOR);
  return environment;
}

/**
 * Checks AppSync's limits on an API's environment: at most {@link API_ENVIRONMENT_MAX_VARIABLES} variables, values of
 * at most 512 characters (tokens, resolved at deploy time, are not measured).
 *
 * @throws Error naming the limit that is exceeded.
 */
export function assertApiEnvironmentLimits(environment: Record<string, string>): void {
  const names = Object.keys(environment);
  if (names.length > API_ENVIRONMENT_MAX_VARIABLES) {
    throw new Error(
      `OtpService: the API needs ${names.length} environment variables, AppSync allows ${API_ENVIRONMENT_MAX_VARIABLES}: allow fewer smsCountries`,
    );
  }
  for (const [name, value] of Object.entries(environment)) {
    if (!value.includes('${Token[') && value.length > ENVIRONMENT_VALUE_MAX_LENGTH) {
      throw new Error(`OtpService: environment variable ${name} is ${value.length} characters, AppSync allows ${ENVIRONMENT_VALUE_MAX_LENGTH}`);
    }
  }
}
