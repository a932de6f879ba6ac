/**
 * Cognito's JSON 1.1 protocol as AWS's clients speak it, for the local Cognito's tests (the SDK's Cognito client is
 * not a dependency): `POST /` with `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`, unsigned for the
 * user's own operations and SigV4-signed (service `cognito-idp`) for Admin* ones when `credentials` are given. Sent
 * with node:http so a test may send another `host`. Not part of the package's API.
 */
import { request as httpRequest } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { IamCredentials } from '../appsync/auth/sigv4.ts';

export interface CognitoRequest {
  /** The local Cognito's URL. */
  url: string;
  /** e.g. `InitiateAuth`. */
  operation: string;
  input: Record<string, unknown>;
  /** Sign with these (Admin* operations). @default unsigned */
  credentials?: IamCredentials;
  region: string;
  /** @default the URL's host */
  host?: string;
  /** @default 'cognito-idp' */
  service?: string;
}

export interface CognitoAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (`{ __type, message }` for errors). */
  body: Record<string, unknown>;
}

export async function cognitoRequest(request: CognitoRequest): Promise<CognitoAnswer> {
  const target = new URL(request.url);
  const host = request.host ?? target.host;
  const body = JSON.stringify(request.input);
  let headers: Record<string, string> = {
    host,
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `AWSCognitoIdentityProviderService.${request.operation}`,
  };
  if (request.credentials) {
    const signer = new SignatureV4({ service: request.service ?? 'cognito-idp', region: request.region, sha256: Sha256, applyChecksum: false, credentials: request.credentials });
    const signed = await signer.sign(new HttpRequest({ method: 'POST', protocol: 'https:', hostname: host, path: '/', headers, body }));
    headers = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
  }
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: target.hostname, port: target.port, method: 'POST', path: '/', headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
