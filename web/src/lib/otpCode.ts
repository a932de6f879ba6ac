import { ACCEPTED_CODE_DIGITS, POLICY_DEFAULTS } from '../../../infra/model/index.ts';

/**
 * Separators people (and email clients) put inside codes: whitespace, ASCII hyphen-minus and the Unicode dashes
 * a copy from a rich-text email may bring along.
 */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g;

/** What the API accepts (its BadRequest check): 4 to 10 ASCII digits. */
const WELL_FORMED_CODE = new RegExp(`^[0-9]{${ACCEPTED_CODE_DIGITS.min},${ACCEPTED_CODE_DIGITS.max}}$`);

/**
 * Removes spaces and dashes so "123 456" or "123-456" (typed or pasted) becomes "123456".
 *
 * @example stripCodeSeparators(' 123-456 ') // '123456'
 */
export function stripCodeSeparators(input: string): string {
  return input.replace(SEPARATORS, '');
}

/** True when the (already stripped) code has the shape the API accepts, so obviously wrong input costs no attempt. */
export function isWellFormedCode(code: string): boolean {
  return WELL_FORMED_CODE.test(code);
}

/**
 * Reads the length of the codes the service sends (`VITE_OTP_CODE_LENGTH`, optional), so the code field knows when
 * it is complete; unset, the service's default. Fails with a message naming the setting when it is not a whole number
 * the API accepts as a code length (4 to 10).
 *
 * @example readCodeLength(import.meta.env.VITE_OTP_CODE_LENGTH) // 6 when unset
 */
export function readCodeLength(setting: string | undefined): number {
  const text = setting?.trim() ?? '';
  if (!text) return POLICY_DEFAULTS.codeLength;
  const length = Number(text);
  const { min, max } = ACCEPTED_CODE_DIGITS;
  if (!Number.isInteger(length) || length < min || length > max) {
    throw new Error(`VITE_OTP_CODE_LENGTH must be a whole number from ${min} to ${max}, got '${text}'.`);
  }
  return length;
}

/** True when the (already stripped) code has exactly the expected number of digits: time to submit it. */
export function isCompleteCode(code: string, length: number): boolean {
  return code.length === length && isWellFormedCode(code);
}
