/**
 * Verifies an AppSync request's SigV4 `Authorization` header by re-signing the request with the local
 * credentials (@smithy/signature-v4) and comparing signatures.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../util/node-sha256.ts';

/** Credentials the local engine accepts for IAM auth. */
export interface IamCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What the verifier needs from an incoming HTTP request. */
export interface SignedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

/** The parts of `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** How far the request's x-amz-date may be from now (AWS allows 5 minutes of clock skew). */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Parses a SigV4 Authorization header; null when it is not one. */
export function parseSigV4Authorization(header: string): ParsedAuthorization | null {
  const match = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(header.trim());
  if (!match) return null;
  const parts = new Map<string, string>();
  for (const piece of match[1]!.split(',')) {
    const [name, ...rest] = piece.trim().split('=');
    if (name) parts.set(name, rest.join('='));
  }
  const credential = parts.get('Credential')?.split('/');
  const signedHeaders = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (!credential || credential.length !== 5 || credential[4] !== 'aws4_request' || !signedHeaders || !signature) {
    return null;
  }
  const [accessKeyId, date, region, service] = credential as [string, string, string, string];
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** Parses `YYYYMMDDTHHMMSSZ`. */
export function parseAmzDate(value: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

/** Why a signed request was refused, or null when it is valid. */
export type SigV4Failure = 'malformed' | 'host-not-signed' | 'unknown-access-key' | 'wrong-scope' | 'stale' | 'bad-signature';

/**
 * Verifies the request's signature for service `appsync` in `region`. The signed headers must include `host` and
 * `x-amz-date`.
 * @returns null when valid, else the reason (never shown to the caller, AppSync answers a generic 401).
 */
export async function verifySigV4(
  request: SignedRequest,
  credentials: IamCredentials,
  region: string,
  now: Date = new Date(),
): Promise<SigV4Failure | null> {
  const auth = parseSigV4Authorization(request.headers.authorization ?? '');
  if (!auth) return 'malformed';
  // A signature that does not cover `host` could be replayed against any server that accepts the credentials.
  if (!auth.signedHeaders.includes('host')) return 'host-not-signed';
  if (auth.accessKeyId !== credentials.accessKeyId) return 'unknown-access-key';
  if (auth.service !== 'appsync' || auth.region !== region) return 'wrong-scope';
  const amzDate = request.headers['x-amz-date'];
  const signingDate = amzDate ? parseAmzDate(amzDate) : null;
  if (!signingDate || !auth.signedHeaders.includes('x-amz-date')) return 'malformed';
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) return 'stale';
  if (!amzDate!.startsWith(auth.date)) return 'malformed';

  if (auth.signedHeaders.some((name) => request.headers[name] === undefined)) return 'malformed';
  const expected = await expectedSignature(request, auth.signedHeaders, credentials, { service: 'appsync', region, signingDate });
  if (!expected) return 'bad-signature';
  const a = Buffer.from(expected);
  const b = Buffer.from(auth.signature);
  return a.length === b.length && timingSafeEqual(a, b) ? null : 'bad-signature';
}

/**
 * The signature `credentials` make for the request over `signedHeaders`, for `service` in `region` at `signingDate`:
 * what a valid signature must equal. Null when a signed header is missing, or when a declared
 * x-amz-content-sha256 is not the body's (the signer would trust it instead of hashing the body).
 */
export async function expectedSignature(
  request: SignedRequest,
  signedHeaders: readonly string[],
  credentials: IamCredentials,
  scope: { service: string; region: string; signingDate: Date },
): Promise<string | null> {
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return null;
    headers[name] = value;
  }
  const declaredHash = headers['x-amz-content-sha256'];
  if (declaredHash !== undefined && declaredHash !== createHash('sha256').update(request.body).digest('hex')) return null;
  const sessionToken = headers['x-amz-security-token'];
  const signer = new SignatureV4({
    service: scope.service,
    region: scope.region,
    sha256: NodeSha256,
    // The client's own x-amz-content-sha256 (if any) is among the signed headers; never add one it did not sign.
    applyChecksum: false,
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: 'https:',
      hostname: headers.host ?? '',
      path: request.path,
      query: request.query,
      headers,
      body: request.body,
    }),
    { signingDate: scope.signingDate, signableHeaders: new Set(signedHeaders) },
  );
  return parseSigV4Authorization(String(signed.headers.authorization ?? ''))?.signature ?? null;
}
