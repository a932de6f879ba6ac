/**
 * KMS Sign through an AppSync HTTP data source (AWS_IAM, signing service `kms`): KMS's JSON 1.1 protocol, a POST to
 * `/` with the operation in `X-Amz-Target`. The answer's signature is DER; ES256 wants it in JOSE form.
 */
import type { HTTPRequest, HTTPResult } from '@aws-appsync/utils';
import { KMS_SIGNING_ALGORITHM } from '../../infra/model/index.ts';
import { base64ToBytes } from './base64.ts';
import { derToJose } from './ecdsa-signature.ts';

/** KMS's JSON protocol headers: the content type it requires and the operation. */
const KMS_HEADERS = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.Sign' };

/**
 * The HTTP data source request that signs `message` (base64 of the bytes to sign; KMS hashes them: MessageType RAW)
 * with ECDSA_SHA_256 under `keyId`.
 */
export function kmsSignRequest(keyId: string, message: string): HTTPRequest<string> {
  return {
    method: 'POST',
    resourcePath: '/',
    params: {
      headers: KMS_HEADERS,
      body: JSON.stringify({ KeyId: keyId, Message: message, MessageType: 'RAW', SigningAlgorithm: KMS_SIGNING_ALGORITHM }),
    },
  };
}

/** The signature in JOSE form (r ‖ s), or why there is none: a message for logs that names KMS's error, never data. */
export type SignOutcome = { ok: true; signature: number[] } | { ok: false; reason: string };

/**
 * Reads KMS's answer to {@link kmsSignRequest}. Anything but a 200 with a well-formed DER ECDSA signature is a failure:
 * KMS's error type (`__type`, e.g. `KMSInvalidStateException`) or the HTTP status names it.
 */
export function readKmsSignature(result: HTTPResult | null | undefined): SignOutcome {
  if (!result) return { ok: false, reason: 'no answer from KMS' };
  // KMS answers JSON objects; anything else (a proxy's HTML error page) is read as an empty one.
  const text = (result.body ?? '').trim();
  const body = ((text.startsWith('{') ? JSON.parse(text) : null) ?? {}) as { Signature?: unknown; __type?: unknown };
  if (result.statusCode !== 200) {
    const type = typeof body.__type === 'string' ? body.__type : 'an error';
    return { ok: false, reason: `KMS answered ${result.statusCode} with ${type}` };
  }
  const der = typeof body.Signature === 'string' ? base64ToBytes(body.Signature) : null;
  const signature = der ? derToJose(der) : null;
  return signature ? { ok: true, signature } : { ok: false, reason: 'KMS answered without a valid ECDSA signature' };
}
