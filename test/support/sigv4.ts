/** SigV4 signing of requests to AppSync, as the AWS SDKs and Amplify sign them: one signer for tests and bench. */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

/** AWS credentials as the SDK's providers return them (a session token for roles). */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Who signs, and for which region. */
export interface IamAuth {
  iam: Credentials;
  region: string;
}

/**
 * SigV4 headers for a POST of `body` to `url` (service `appsync`). `unsignedHeaders` leaves headers out of the
 * signature (attack tests only).
 */
export async function signIam(url: string, body: string, auth: IamAuth, unsignedHeaders?: Set<string>): Promise<Record<string, string>> {
  const target = new URL(url);
  const signer = new SignatureV4({ service: 'appsync', region: auth.region, credentials: auth.iam, sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: target.protocol,
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      headers: { 'content-type': 'application/json', host: target.host },
      body,
    }),
    { unsignableHeaders: unsignedHeaders },
  );
  return signed.headers;
}
