/**
 * SigV4 signing of AppSync requests for the engine's tests (service `appsync`), as AWS's clients sign them: one place
 * instead of a signer per test file. Not part of the package's API.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { IamCredentials } from '../appsync/auth/sigv4.ts';

/** A POST to sign. */
export interface GraphqlRequestToSign {
  /** Where it goes; its host is the signed `host` (the engine's `127.0.0.1:<port>`, or an API host for real-time). */
  url: string | URL;
  body: string;
  credentials: IamCredentials;
  region: string;
  /** Headers sent and signed besides `host`. @default { 'content-type': 'application/json' } */
  headers?: Record<string, string>;
  /** false: `host` is left out of the signed headers (a signature a careless client could make). @default true */
  signHost?: boolean;
  /** @default now */
  signingDate?: Date;
  /** false: no `x-amz-content-sha256` header. @default true */
  applyChecksum?: boolean;
}

/** The request's headers with the signature, lower-case names, `host` included (real-time messages carry it). */
export async function signGraphqlRequest(request: GraphqlRequestToSign): Promise<Record<string, string>> {
  const target = new URL(request.url);
  const { signHost = true, applyChecksum = true } = request;
  const signer = new SignatureV4({ service: 'appsync', region: request.region, sha256: Sha256, applyChecksum, credentials: request.credentials });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: target.protocol,
      hostname: target.hostname,
      ...(target.port ? { port: Number(target.port) } : {}),
      path: target.pathname,
      headers: { ...(request.headers ?? { 'content-type': 'application/json' }), host: target.host },
      body: request.body,
    }),
    {
      ...(request.signingDate ? { signingDate: request.signingDate } : {}),
      ...(signHost ? {} : { unsignableHeaders: new Set(['host']) }),
    },
  );
  return Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

/** `headers` without `host`, for fetch (which sends its own). */
export function withoutHost(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'host'));
}
