/**
 * ECDSA signatures in DER (`SEQUENCE { INTEGER r, INTEGER s }`, RFC 3279), the encoding KMS's Sign returns and
 * Verify takes for ECDSA keys. Decoding is strict (minimal lengths and integers, nothing trailing), so one signature
 * has one encoding, as node:crypto's DER verification also requires.
 */

function encodeInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  // A leading 1 bit would make the INTEGER negative: prefix a zero byte.
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02]), encodeLength(bytes.length), bytes]);
}

function encodeLength(length: number): Buffer {
  return length < 0x80 ? Buffer.from([length]) : Buffer.from([0x81, length]);
}

/** DER of the signature (r, s). */
export function encodeEcdsaDer(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([encodeInteger(r), encodeInteger(s)]);
  return Buffer.concat([Buffer.from([0x30]), encodeLength(body.length), body]);
}

/** (r, s) of a DER signature, or null when it is not one (strictly). */
export function decodeEcdsaDer(der: Uint8Array): { r: bigint; s: bigint } | null {
  const bytes = Buffer.from(der);
  let offset = 0;
  const readLength = (): number | null => {
    const first = bytes[offset++];
    if (first === undefined) return null;
    if (first < 0x80) return first;
    if (first !== 0x81) return null;
    const long = bytes[offset++];
    return long !== undefined && long >= 0x80 ? long : null;
  };
  const readInteger = (): bigint | null => {
    if (bytes[offset++] !== 0x02) return null;
    const length = readLength();
    if (length === null || length === 0 || offset + length > bytes.length) return null;
    const value = bytes.subarray(offset, offset + length);
    offset += length;
    if (value[0]! & 0x80) return null; // negative
    if (value.length > 1 && value[0] === 0 && !(value[1]! & 0x80)) return null; // not minimal
    return BigInt(`0x${value.toString('hex')}`);
  };
  if (bytes[offset++] !== 0x30) return null;
  const total = readLength();
  if (total === null || offset + total !== bytes.length) return null;
  const r = readInteger();
  const s = readInteger();
  if (r === null || s === null || offset !== bytes.length) return null;
  return { r, s };
}
