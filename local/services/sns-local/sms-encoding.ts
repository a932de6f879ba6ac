/**
 * How many SMS parts a text costs: SNS bills each part, and a single character outside the GSM 03.38 alphabet (an
 * emoji, a `ç`, a curly quote) switches the whole message to UCS-2, which cuts a part from 160 to 70 characters.
 * The inbox shows both so a template's cost is visible locally. SNS splits at word boundaries, so its count can be
 * higher than this standard concatenation estimate (153 GSM / 67 UCS-2 characters a part once split).
 */

/** The GSM 03.38 default alphabet (one septet each). */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: two septets each (escape + character). */
const GSM_EXTENSION = '^{}\\[~]|€\f';

export type SmsEncoding = 'GSM' | 'UCS2';

export interface SmsSize {
  encoding: SmsEncoding;
  /** Parts the text is sent as (1 when it fits one SMS). */
  parts: number;
}

export function smsSize(text: string): SmsSize {
  let septets = 0;
  for (const character of text) {
    if (GSM_BASIC.includes(character)) septets += 1;
    else if (GSM_EXTENSION.includes(character)) septets += 2;
    // UCS-2 counts 16-bit units: a character outside the BMP (most emoji) takes two, as `length` counts it.
    else return { encoding: 'UCS2', parts: partsOf(text.length, 70, 67) };
  }
  return { encoding: 'GSM', parts: partsOf(septets, 160, 153) };
}

function partsOf(units: number, single: number, perPart: number): number {
  if (units <= single) return 1;
  return Math.ceil(units / perPart);
}
