/**
 * SigV4 verification of an Admin* request (service `cognito-idp`), answered with the errors AWS's front end gives
 * JSON services (all HTTP 400): MissingAuthenticationTokenException (unsigned), IncompleteSignatureException
 * (malformed, `host` or `x-amz-date` unsigned), UnrecognizedClientException (unknown access key),
 * InvalidSignatureException (other service or region, more than 5 minutes of skew, another host, wrong signature).
 * The same checks as the local KMS (../kms-local/request-auth.ts) on the engine's shared SigV4 code; IAM policies are
 * not evaluated: any accepted credentials may call any Admin* operation.
 */
import { timingSafeEqual } from 'node:crypto';
import type { CredentialLookup, PrincipalCredentials } from '../../appsync/auth/credential-store.ts';
import { expectedSignature, MAX_CLOCK_SKEW_MS, parseAmzDate, parseSigV4Authorization, type SignedRequest } from '../../appsync/auth/sigv4.ts';
import { CognitoError } from './errors.ts';

const SERVICE = 'cognito-idp';
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export interface CognitoAuthOptions {
  credentials: CredentialLookup;
  region: string;
  /** Host header values (lower case, with port) a signature may be made for. */
  acceptedHosts: ReadonlySet<string>;
  now: Date;
}

/** @throws CognitoError the front end's error; messages never include the expected signature or a secret. */
export async function authenticateAdminRequest(request: SignedRequest, options: CognitoAuthOptions): Promise<PrincipalCredentials> {
  const header = request.headers.authorization;
  if (!header) throw new CognitoError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const auth = parseSigV4Authorization(header);
  if (!auth) throw new CognitoError('IncompleteSignatureException', 'Authorization header requires Credential, SignedHeaders and Signature parameters.');
  if (!auth.signedHeaders.includes('host')) throw new CognitoError('IncompleteSignatureException', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  const signer = options.credentials.find(auth.accessKeyId);
  if (!signer) throw new CognitoError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (auth.service !== SERVICE) throw new CognitoError('InvalidSignatureException', `Credential should be scoped to correct service: '${SERVICE}'. `);
  if (auth.region !== options.region) throw new CognitoError('InvalidSignatureException', 'Credential should be scoped to a valid region. ');
  const host = (request.headers.host ?? '').toLowerCase();
  // Wording ours.
  if (!options.acceptedHosts.has(host)) throw new CognitoError('InvalidSignatureException', `The request is signed for host '${host}', which is not this Cognito endpoint.`);
  const amzDate = request.headers['x-amz-date'];
  const signingDate = amzDate ? parseAmzDate(amzDate) : null;
  if (!signingDate || !auth.signedHeaders.includes('x-amz-date') || !amzDate!.startsWith(auth.date)) {
    throw new CognitoError('IncompleteSignatureException', 'The request must carry a signed X-Amz-Date header matching the credential scope date.');
  }
  if (Math.abs(options.now.getTime() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw new CognitoError('InvalidSignatureException', `Signature expired: ${amzDate} is now earlier or later than the server time by more than 5 minutes.`);
  }
  const expected = await expectedSignature(request, auth.signedHeaders, signer, { service: SERVICE, region: options.region, signingDate });
  const a = Buffer.from(expected ?? '');
  const b = Buffer.from(auth.signature);
  if (!(a.length === b.length && timingSafeEqual(a, b))) throw new CognitoError('InvalidSignatureException', SIGNATURE_MISMATCH);
  return signer;
}
