/**
 * Separators people (and email clients) put inside codes: whitespace, ASCII hyphen-minus and the Unicode dashes
 * a copy from a rich-text email may bring along.
 */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g;

/** What the API accepts (its BadRequest check): 4 to 10 ASCII digits. */
const WELL_FORMED_CODE = /^[0-9]{4,10}$/;

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
