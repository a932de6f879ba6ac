/** SigV4 signing of requests to AppSync (and the local stack's other AWS endpoints), as the AWS SDKs and Amplify sign them: one signer for tests and bench. */
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

/** How to sign besides the defaults (service `appsync`, a JSON body). */
export interface SignOptions {
  /** Headers left out of the signature (attack tests only). */
  unsignedHeaders?: Set<string>;
  /** The service the request is signed for. @default 'appsync' */
  service?: string;
  /** Headers to send and sign besides `host` (a JSON `content-type` unless given here). */
  headers?: Record<string, string>;
}

/** SigV4 headers for a POST of `body` to `url`. */
export async function signIam(url: string, body: string, auth: IamAuth, options: SignOptions = {}): Promise<Record<string, string>> {
  const target = new URL(url);
  const signer = new SignatureV4({ service: options.service ?? 'appsync', region: auth.region, credentials: auth.iam, sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: target.protocol,
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      headers: { 'content-type': 'application/json', ...options.headers, host: target.host },
      body,
    }),
    { unsignableHeaders: options.unsignedHeaders },
  );
  return signed.headers;
}
