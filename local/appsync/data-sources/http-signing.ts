/**
 * SigV4 signing of an HTTP data source's request, as AppSync does for `AuthorizationConfig: AWS_IAM`: AppSync signs
 * with the credentials of the data source's ServiceRoleArn for AwsIamConfig's SigningRegion and SigningServiceName.
 *
 * The signature is always computed for the request's own URL (the template's endpoint): its `host` header names the
 * endpoint's host even when the engine sends the request elsewhere (an endpoint override to a local counterpart), so
 * the receiver can verify it exactly as the AWS service would.
 */
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../util/node-sha256.ts';
import type { OutgoingHttpRequest } from './http-request.ts';

/** Credentials a request is signed with (an assumed role's carry a session token). */
export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The headers the signature sets; a request's own headers of these names give way to them. */
const SIGNATURE_HEADERS: ReadonlySet<string> = new Set(['authorization', 'x-amz-date', 'x-amz-security-token', 'host']);

/** The query of `url` as the signer takes it: decoded values, repeated keys as lists. */
function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    query[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return query;
}

/**
 * The headers to send: the request's own, `host` (of the request's URL) and the signature's (`authorization`,
 * `x-amz-date`, `x-amz-security-token` with a session token).
 * @param signingDate for tests; @default now
 */
export async function signHttpRequest(
  request: OutgoingHttpRequest,
  scope: { region: string; service: string },
  credentials: SigningCredentials,
  signingDate: Date = new Date(),
): Promise<Record<string, string>> {
  const headers: Record<string, string> = { host: request.url.host };
  for (const [name, value] of Object.entries(request.headers)) if (!SIGNATURE_HEADERS.has(name.toLowerCase())) headers[name] = value;
  const signer = new SignatureV4({
    service: scope.service,
    region: scope.region,
    sha256: NodeSha256,
    credentials,
    // AWS's service clients sign without x-amz-content-sha256 (S3 aside); AppSync is assumed to do the same.
    applyChecksum: false,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      ...(request.url.port ? { port: Number(request.url.port) } : {}),
      // The path as it goes on the wire (percent-encoded); the signer encodes it once more, as SigV4 wants for
      // every service but S3.
      path: request.url.pathname,
      query: queryOf(request.url),
      headers,
      ...(request.body === undefined ? {} : { body: request.body }),
    }),
    { signingDate },
  );
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) out[name] = String(value);
  return out;
}
