/**
 * ECDSA signatures from DER to JOSE, for APPSYNC_JS. KMS's Sign returns `SEQUENCE { INTEGER r, INTEGER s }` in DER
 * (RFC 3279); a JWS signed with ES256 carries r and s as two 32-byte big-endian numbers side by side (RFC 7518
 * §3.4). Strict: anything that is not exactly one DER signature with r and s positive and of the curve's size is
 * refused, so a malformed answer from KMS never becomes a token.
 */

/** Bytes of r and of s for P-256 (ES256). */
export const P256_SCALAR_BYTES = 32;

/** Enough zero bytes to pad r or s to {@link P256_SCALAR_BYTES} (APPSYNC_JS has no `Array(n)`/`padStart` to make them). */
const ZEROS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/** DER tags. */
const SEQUENCE_TAG = 0x30;
const INTEGER_TAG = 0x02;

/** A DER length at `offset`: short form, or long form with one length byte (enough for any ECDSA signature). */
function readLength(der: number[], offset: number): { length: number; next: number } | null {
  const first = der[offset];
  if (first === undefined) return null;
  if (first < 0x80) return { length: first, next: offset + 1 };
  const long = der[offset + 1];
  if (first !== 0x81 || long === undefined || long < 0x80) return null;
  return { length: long, next: offset + 2 };
}

/** The INTEGER at `offset` as `size` big-endian bytes, or null when it is malformed, negative or too large. */
function readInteger(der: number[], offset: number, size: number): { value: number[]; next: number } | null {
  if (der[offset] !== INTEGER_TAG) return null;
  const header = readLength(der, offset + 1);
  if (!header || header.length === 0 || header.next + header.length > der.length) return null;
  const content = der.slice(header.next, header.next + header.length);
  if ((content[0] ?? 0) >= 0x80) return null; // negative
  if (content.length > 1 && content[0] === 0 && (content[1] ?? 0) < 0x80) return null; // not minimal
  // A leading zero byte only keeps a high bit from reading as a sign: drop it.
  const magnitude = content[0] === 0 ? content.slice(1) : content;
  if (magnitude.length > size || size > ZEROS.length) return null;
  return { value: ZEROS.slice(0, size - magnitude.length).concat(magnitude), next: header.next + header.length };
}

/**
 * The JOSE form (r ‖ s, each `size` bytes) of a DER ECDSA signature, or null when it is not one.
 *
 * @example derToJose(kmsSignatureBytes) // 64 bytes for ES256
 */
export function derToJose(der: number[], size: number = P256_SCALAR_BYTES): number[] | null {
  if (der[0] !== SEQUENCE_TAG) return null;
  const sequence = readLength(der, 1);
  if (!sequence || sequence.next + sequence.length !== der.length) return null;
  const r = readInteger(der, sequence.next, size);
  if (!r) return null;
  const s = readInteger(der, r.next, size);
  if (!s || s.next !== der.length) return null;
  return r.value.concat(s.value);
}
