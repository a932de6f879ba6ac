/**
 * KMS's JSON 1.1 protocol as `@aws-sdk/client-kms` speaks it, for the local KMS's tests until that client is a
 * dependency: `POST /` with `X-Amz-Target: TrentService.<Operation>`, `Content-Type: application/x-amz-json-1.1`,
 * SigV4-signed for service `kms`. Sent with node:http, which (unlike fetch) lets a test send a `host` header other
 * than the server's, as the engine's endpoint override does. Not part of the package's API.
 */
import { request as httpRequest } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { IamCredentials } from '../appsync/auth/sigv4.ts';

export interface KmsRequest {
  /** The local KMS's URL (`http://127.0.0.1:<port>`): where the request goes. */
  url: string;
  /** e.g. `GenerateMac`. */
  operation: string;
  input: Record<string, unknown>;
  credentials: IamCredentials & { sessionToken?: string };
  region: string;
  /** The host the request is signed for and sent with. @default the URL's host */
  host?: string;
  /** @default 'kms' */
  service?: string;
  /** @default region */
  signingRegion?: string;
  /** @default now */
  signingDate?: Date;
  /** false: send it unsigned. @default true */
  sign?: boolean;
  /** Changes the signed headers after signing (a tampering test). */
  tamper?: (headers: Record<string, string>) => void;
  /** The body signed and sent instead of `input`'s JSON (a body that is not JSON…). */
  rawBody?: string;
  /** The body sent, when it should differ from the signed one (a tampering test). */
  sentBody?: string;
}

export interface KmsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (`{ __type, message }` for errors). */
  body: Record<string, unknown>;
}

/** Signs and sends one request. */
export async function kmsRequest(request: KmsRequest): Promise<KmsAnswer> {
  const target = new URL(request.url);
  const host = request.host ?? target.host;
  const body = request.rawBody ?? JSON.stringify(request.input);
  let headers: Record<string, string> = {
    host,
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `TrentService.${request.operation}`,
  };
  if (request.sign !== false) {
    const signer = new SignatureV4({
      service: request.service ?? 'kms',
      region: request.signingRegion ?? request.region,
      sha256: Sha256,
      // As the SDK's KMS client: no x-amz-content-sha256.
      applyChecksum: false,
      credentials: request.credentials,
    });
    const signed = await signer.sign(new HttpRequest({ method: 'POST', protocol: 'https:', hostname: host, path: '/', headers, body }), {
      ...(request.signingDate ? { signingDate: request.signingDate } : {}),
    });
    headers = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
  }
  request.tamper?.(headers);
  return send(target, headers, request.sentBody ?? body);
}

function send(target: URL, headers: Record<string, string>, body: string): Promise<KmsAnswer> {
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
