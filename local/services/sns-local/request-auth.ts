/**
 * SigV4 verification of an SNS request, answered with the errors AWS's front end gives query-protocol services (XML):
 * MissingAuthenticationToken (403, no signature), IncompleteSignature (400, a malformed one), InvalidClientTokenId
 * (403, unknown access key), SignatureDoesNotMatch (403: wrong scope, stale, or wrong).
 *
 * Requests must be signed for service `sns` and the configured region, and for a host this SNS answers for: its own
 * (`127.0.0.1:<port>` / `localhost:<port>`, what the SDK signs when pointed at it) or `sns.<region>.amazonaws.com`
 * (what an AppSync HTTP data source signs: the engine's endpoint override forwards the request with the original host
 * and signature). Parsing and re-signing are the engine's (appsync/auth/sigv4.ts); only the answers differ from KMS's.
 */
import { timingSafeEqual } from 'node:crypto';
import type { CredentialLookup, PrincipalCredentials } from '../../appsync/auth/credential-store.ts';
import { expectedSignature, MAX_CLOCK_SKEW_MS, parseAmzDate, parseSigV4Authorization, type SignedRequest } from '../../appsync/auth/sigv4.ts';
import { SnsError } from './errors.ts';

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export interface SnsAuthOptions {
  credentials: CredentialLookup;
  region: string;
  /** Host header values (lower case, with port where one is used) a signature may be made for. */
  acceptedHosts: ReadonlySet<string>;
  now?: Date;
}

/**
 * The accepted credentials that signed `request`.
 * @throws SnsError the front end's error; its message never includes the expected signature or a secret.
 */
export async function authenticateSnsRequest(request: SignedRequest, options: SnsAuthOptions): Promise<PrincipalCredentials> {
  const header = request.headers.authorization;
  if (!header) throw new SnsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
  const auth = parseSigV4Authorization(header);
  if (!auth) throw new SnsError('IncompleteSignature', 'Authorization header requires Credential, SignedHeaders and Signature parameters.');
  if (!auth.signedHeaders.includes('host')) throw new SnsError('IncompleteSignature', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  const signer = options.credentials.find(auth.accessKeyId);
  if (!signer) throw new SnsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  if (auth.service !== 'sns') throw signatureError("Credential should be scoped to correct service: 'sns'. ");
  if (auth.region !== options.region) throw signatureError('Credential should be scoped to a valid region. ');
  const host = (request.headers.host ?? '').toLowerCase();
  // A signature made for another host (another region's endpoint…) is not for this SNS. Wording ours.
  if (!options.acceptedHosts.has(host)) throw signatureError(`The request is signed for host '${host}', which is not this SNS endpoint.`);
  const amzDate = request.headers['x-amz-date'];
  const signingDate = amzDate ? parseAmzDate(amzDate) : null;
  if (!signingDate || !auth.signedHeaders.includes('x-amz-date') || !amzDate!.startsWith(auth.date)) {
    throw new SnsError('IncompleteSignature', 'The request must carry a signed X-Amz-Date header matching the credential scope date.');
  }
  const now = options.now ?? new Date();
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) throw signatureError(skewMessage(amzDate!, signingDate, now));
  const expected = await expectedSignature(request, auth.signedHeaders, signer, { service: 'sns', region: options.region, signingDate });
  const a = Buffer.from(expected ?? '');
  const b = Buffer.from(auth.signature);
  if (!(a.length === b.length && timingSafeEqual(a, b))) throw signatureError(SIGNATURE_MISMATCH);
  return signer;
}

function signatureError(message: string): SnsError {
  return new SnsError('SignatureDoesNotMatch', message, 403);
}

/** The front end's wording: `Signature expired: <date> is now earlier than <now − 5 min> (<now> - 5 min.)`. */
function skewMessage(amzDate: string, signingDate: Date, now: Date): string {
  const early = signingDate < now;
  const bound = amzDateOf(new Date(now.getTime() + (early ? -MAX_CLOCK_SKEW_MS : MAX_CLOCK_SKEW_MS)));
  return early
    ? `Signature expired: ${amzDate} is now earlier than ${bound} (${amzDateOf(now)} - 5 min.)`
    : `Signature not yet current: ${amzDate} is still later than ${bound} (${amzDateOf(now)} + 5 min.)`;
}

function amzDateOf(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
