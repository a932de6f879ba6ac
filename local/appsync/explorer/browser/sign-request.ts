/**
 * SigV4 signing in the page, the way AppSync's clients sign: service `appsync`, the engine's region, the local IAM
 * user's credentials from the page's configuration. The same libraries the engine verifies with, bundled for the
 * browser, so a signature made here is checked byte for byte like any SDK's.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { IamCredentials } from '../../auth/sigv4.ts';

/** A POST to sign: `host` is the page's (the engine checks it is its own), `headers` what else is sent and signed. */
export interface RequestToSign {
  host: string;
  path: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * The request's headers with the signature (`authorization`, `x-amz-date`, `x-amz-content-sha256`), `host` included
 * so real-time messages can carry it; HTTP callers drop it (the browser sends Host itself).
 */
export async function signedHeaders(credentials: IamCredentials, region: string, request: RequestToSign): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: 'appsync', region, sha256: Sha256, credentials });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'https:',
      hostname: request.host,
      path: request.path,
      headers: { ...request.headers, host: request.host },
      body: request.body,
    }),
  );
  return Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}
