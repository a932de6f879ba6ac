const HEX_DIGITS = '0123456789abcdef';

/** Lowercase hexadecimal form of a byte array (each number 0–255). */
export function bytesToHex(bytes: number[]): string {
  return bytes.map((byte) => HEX_DIGITS.charAt(byte >>> 4) + HEX_DIGITS.charAt(byte & 0x0f)).join('');
}
