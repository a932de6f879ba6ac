/**
 * KMS VerifyMac through the API's KMS data source (an HTTP data source signed with SigV4 for service `kms`): KMS's
 * JSON 1.1 protocol, a POST to `/` with the operation in `x-amz-target`. KMS answers a MAC that does not match with
 * `KMSInvalidMacException` (HTTP 400), never with `MacValid: false`; every other answer that is not a 200 with
 * `MacValid: true` says nothing about the code and must fail closed.
 */
import type { HTTPRequest, HTTPResult } from '@aws-appsync/utils';
import { CODE_MAC_ALGORITHM } from '../../infra/model/index.ts';

/** KMS's JSON protocol headers: the content type it requires and the operation. */
const VERIFY_MAC_HEADERS = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.VerifyMac' };

/** KMS's error type for a MAC that does not match the message under the key. */
const INVALID_MAC_ERROR = 'KMSInvalidMacException';

/**
 * The data source request that asks KMS whether `mac` (base64) is the code MAC of `message` (base64 of the MAC'd
 * bytes) under `keyId`.
 */
export function verifyMacRequest(keyId: string, message: string, mac: string): HTTPRequest<string> {
  return {
    method: 'POST',
    resourcePath: '/',
    params: {
      headers: VERIFY_MAC_HEADERS,
      body: JSON.stringify({ KeyId: keyId, Message: message, Mac: mac, MacAlgorithm: CODE_MAC_ALGORITHM }),
    },
  };
}

/**
 * What KMS's answer says: the MAC matches, it does not, or no answer about the code came (then `reason` names KMS's
 * error type or the HTTP status, for the error and the logs; it never contains request data).
 */
export type VerifyMacOutcome = { kind: 'match' } | { kind: 'mismatch' } | { kind: 'failed'; reason: string };

/** Reads KMS's answer to {@link verifyMacRequest}. */
export function readVerifyMac(result: HTTPResult | null | undefined): VerifyMacOutcome {
  if (!result) return { kind: 'failed', reason: 'no answer from KMS' };
  // KMS answers JSON objects; anything else (a proxy's HTML error page) is read as an empty one.
  const text = (result.body ?? '').trim();
  const body = ((text.startsWith('{') ? JSON.parse(text) : null) ?? {}) as { MacValid?: unknown; __type?: unknown };
  if (result.statusCode === 200) {
    return body.MacValid === true ? { kind: 'match' } : { kind: 'failed', reason: 'KMS answered 200 without MacValid' };
  }
  // JSON 1.1 services may qualify the type (`com.amazonaws.kms#KMSInvalidMacException`).
  const type = typeof body.__type === 'string' ? (body.__type.split('#').pop() ?? '') : '';
  if (result.statusCode === 400 && type === INVALID_MAC_ERROR) return { kind: 'mismatch' };
  return { kind: 'failed', reason: `KMS answered ${result.statusCode} with ${type || 'an error'}` };
}
