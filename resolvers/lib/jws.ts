/**
 * Compact JWS serialization (RFC 7515 §7.1) for APPSYNC_JS: `BASE64URL(header) . BASE64URL(payload) . BASE64URL(sig)`,
 * each JSON part UTF-8 encoded first. The signature itself is made elsewhere (KMS), over the signing input.
 */
import { bytesToBase64, bytesToBase64Url } from './base64.ts';
import { utf8Encode } from './utf8.ts';

/** A JWS protected header of an ES256 token with its key id. */
export interface JwsHeader {
  alg: string;
  typ: string;
  kid: string;
}

/** BASE64URL(UTF8(JSON)) of a header or payload. */
export function encodeJsonPart(value: unknown): string {
  return bytesToBase64Url(utf8Encode(JSON.stringify(value)));
}

/**
 * The JWS signing input: what is signed, and the token's first two parts.
 *
 * @example jwsSigningInput({ alg: 'ES256', typ: 'JWT', kid: 'k' }, { sub: 'a' }) // 'eyJhbGciOi….eyJzdWIiOiJhIn0'
 */
export function jwsSigningInput(header: JwsHeader, claims: object): string {
  return `${encodeJsonPart(header)}.${encodeJsonPart(claims)}`;
}

/**
 * The signing input as KMS's Sign takes a message: base64 of its bytes (it is ASCII, being base64url and a dot).
 */
export function signingInputMessage(signingInput: string): string {
  return bytesToBase64(utf8Encode(signingInput));
}

/** The compact JWS: the signing input and the signature (JOSE form, e.g. r ‖ s for ES256), base64url-encoded. */
export function compactJws(signingInput: string, signature: number[]): string {
  return `${signingInput}.${bytesToBase64Url(signature)}`;
}
