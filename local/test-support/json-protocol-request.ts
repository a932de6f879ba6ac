/**
 * AWS's JSON 1.1 protocol as the SDK's clients speak it, for the local services' tests: `POST /` with
 * `X-Amz-Target: <prefix>.<Operation>`, `Content-Type: application/x-amz-json-1.1`, SigV4-signed without
 * x-amz-content-sha256 (as the SDK's KMS and Cognito clients sign) when credentials are given. Sent with node:http,
 * which (unlike fetch) lets a test send a `host` header other than the server's, as the engine's endpoint override
 * does. Not part of the package's API.
 */
import { request as httpRequest } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { IamCredentials } from '../appsync/auth/sigv4.ts';

export interface JsonProtocolRequest {
  /** The local service's URL (`http://127.0.0.1:<port>`): where the request goes. */
  url: string;
  /** `X-Amz-Target`'s service part, e.g. `TrentService`. */
  targetPrefix: string;
  /** e.g. `GenerateMac`. */
  operation: string;
  input: Record<string, unknown>;
  /** Sign with these; without them the request goes unsigned. */
  credentials?: IamCredentials & { sessionToken?: string };
  /** The service the request is signed for, e.g. `kms`. */
  service: string;
  region: string;
  /** The host the request is signed for and sent with. @default the URL's host */
  host?: string;
  /** @default region */
  signingRegion?: string;
  /** @default now */
  signingDate?: Date;
  /** Changes the signed headers after signing (a tampering test). */
  tamper?: (headers: Record<string, string>) => void;
  /** The body signed and sent instead of `input`'s JSON (a body that is not JSON…). */
  rawBody?: string;
  /** The body sent, when it should differ from the signed one (a tampering test). */
  sentBody?: string;
}

export interface JsonProtocolAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body (`{ __type, message }` for errors). */
  body: Record<string, unknown>;
}

/** Signs (when credentials are given) and sends one request. */
export async function jsonProtocolRequest(request: JsonProtocolRequest): Promise<JsonProtocolAnswer> {
  const target = new URL(request.url);
  const host = request.host ?? target.host;
  const body = request.rawBody ?? JSON.stringify(request.input);
  let headers: Record<string, string> = {
    host,
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `${request.targetPrefix}.${request.operation}`,
  };
  if (request.credentials) {
    const signer = new SignatureV4({
      service: request.service,
      region: request.signingRegion ?? request.region,
      sha256: Sha256,
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

function send(target: URL, headers: Record<string, string>, body: string): Promise<JsonProtocolAnswer> {
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
