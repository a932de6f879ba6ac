import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { EnvironmentCredentials } from './types.ts';

/**
 * Headers of a SigV4-signed (service `appsync`) JSON POST of `body` to `url`: what AppSync's IAM mode expects.
 *
 * @example
 * ```ts
 * const headers = await signedPostHeaders(url, body, credentials, 'eu-west-1');
 * await fetch(url, { method: 'POST', headers, body });
 * ```
 */
export async function signedPostHeaders(
  url: string,
  body: string,
  credentials: EnvironmentCredentials,
  region: string,
  signingDate?: Date,
): Promise<Record<string, string>> {
  const target = new URL(url);
  const signer = new SignatureV4({ service: 'appsync', region, credentials, sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: target.protocol,
      hostname: target.hostname,
      ...(target.port ? { port: Number(target.port) } : {}),
      path: target.pathname,
      headers: { 'content-type': 'application/json', host: target.host },
      body,
    }),
    signingDate ? { signingDate } : {},
  );
  return signed.headers;
}
