/**
 * SigV4 verification of a KMS request, answered with the errors AWS's front end gives JSON services (all HTTP 400):
 * MissingAuthenticationTokenException (no signature), IncompleteSignatureException (a malformed one),
 * UnrecognizedClientException (unknown access key), InvalidSignatureException (wrong scope, stale, or wrong).
 *
 * Requests must be signed for service `kms` and the configured region, and for a host this KMS answers for: its own
 * (`127.0.0.1:<port>`, what the SDK signs when pointed at it) or `kms.<region>.amazonaws.com` (what an AppSync HTTP
 * data source signs: the engine's endpoint override forwards the request with the original host and signature).
 * Parsing and re-signing are the engine's (appsync/auth/sigv4.ts), for service `kms`; only the answers differ.
 */
import { timingSafeEqual } from 'node:crypto';
import type { CredentialLookup, PrincipalCredentials } from '../../appsync/auth/credential-store.ts';
import { expectedSignature, MAX_CLOCK_SKEW_MS, parseAmzDate, parseSigV4Authorization, type SignedRequest } from '../../appsync/auth/sigv4.ts';
import { KmsError } from './errors.ts';

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export interface KmsAuthOptions {
  credentials: CredentialLookup;
  region: string;
  /** Host header values (lower case, with port where one is used) a signature may be made for. */
  acceptedHosts: ReadonlySet<string>;
  now?: Date;
}

/**
 * The accepted credentials that signed `request`.
 * @throws KmsError the front end's error; its message never includes the expected signature or a secret.
 */
export async function authenticateKmsRequest(request: SignedRequest, options: KmsAuthOptions): Promise<PrincipalCredentials> {
  const header = request.headers.authorization;
  if (!header) throw new KmsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const auth = parseSigV4Authorization(header);
  if (!auth) throw new KmsError('IncompleteSignatureException', 'Authorization header requires Credential, SignedHeaders and Signature parameters.');
  if (!auth.signedHeaders.includes('host')) throw new KmsError('IncompleteSignatureException', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  const signer = options.credentials.find(auth.accessKeyId);
  if (!signer) throw new KmsError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (auth.service !== 'kms') throw new KmsError('InvalidSignatureException', "Credential should be scoped to correct service: 'kms'. ");
  if (auth.region !== options.region) throw new KmsError('InvalidSignatureException', 'Credential should be scoped to a valid region. ');
  const host = (request.headers.host ?? '').toLowerCase();
  // A signature made for another host (another region's endpoint…) is not for this KMS. Wording ours.
  if (!options.acceptedHosts.has(host)) throw new KmsError('InvalidSignatureException', `The request is signed for host '${host}', which is not this KMS endpoint.`);
  const amzDate = request.headers['x-amz-date'];
  const signingDate = amzDate ? parseAmzDate(amzDate) : null;
  if (!signingDate || !auth.signedHeaders.includes('x-amz-date') || !amzDate!.startsWith(auth.date)) {
    throw new KmsError('IncompleteSignatureException', 'The request must carry a signed X-Amz-Date header matching the credential scope date.');
  }
  const now = options.now ?? new Date();
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw new KmsError('InvalidSignatureException', `Signature expired: ${amzDate} is now earlier or later than the server time by more than 5 minutes.`);
  }
  const expected = await expectedSignature(request, auth.signedHeaders, signer, { service: 'kms', region: options.region, signingDate });
  const a = Buffer.from(expected ?? '');
  const b = Buffer.from(auth.signature);
  if (!(a.length === b.length && timingSafeEqual(a, b))) throw new KmsError('InvalidSignatureException', SIGNATURE_MISMATCH);
  return signer;
}
