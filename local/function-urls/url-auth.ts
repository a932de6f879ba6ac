/**
 * SigV4 verification for an AWS_IAM Function URL: signed for service `lambda` in the stack's region, for the URL's
 * own host, by credentials the stack accepts (the local user, each function's role session). Lambda refuses anything
 * else with 403 `{"Message":"Forbidden"}` and says no more; so does this.
 */
import { timingSafeEqual } from 'node:crypto';
import type { CredentialLookup, PrincipalCredentials } from '../appsync/auth/credential-store.ts';
import { expectedSignature, MAX_CLOCK_SKEW_MS, parseAmzDate, parseSigV4Authorization, type SignedRequest } from '../appsync/auth/sigv4.ts';

/** The accepted credentials that signed `request`, or null. */
export async function urlRequestSigner(
  request: SignedRequest,
  credentials: CredentialLookup,
  region: string,
  now: Date = new Date(),
): Promise<PrincipalCredentials | null> {
  const auth = parseSigV4Authorization(request.headers.authorization ?? '');
  if (!auth || !auth.signedHeaders.includes('host') || auth.service !== 'lambda' || auth.region !== region) return null;
  const signer = credentials.find(auth.accessKeyId);
  const amzDate = request.headers['x-amz-date'];
  const signingDate = amzDate ? parseAmzDate(amzDate) : null;
  if (!signer || !signingDate || !auth.signedHeaders.includes('x-amz-date') || !amzDate!.startsWith(auth.date)) return null;
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) return null;
  const expected = await expectedSignature(request, auth.signedHeaders, signer, { service: 'lambda', region, signingDate });
  const a = Buffer.from(expected ?? '');
  const b = Buffer.from(auth.signature);
  return a.length === b.length && timingSafeEqual(a, b) ? signer : null;
}
