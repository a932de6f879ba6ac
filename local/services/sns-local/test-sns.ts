/**
 * A local SNS for this folder's tests: one accepted user, AWS's own client for it, and `call` for hand-made query
 * requests (signed like the SDK signs them, then changed on the way: attacks, other hosts, no signature). Sent with
 * node:http, which (unlike fetch) lets a test send a `host` header other than the server's, as the engine's endpoint
 * override does. Not part of the package's API.
 */
import { request as httpRequest } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SNSClient } from '@aws-sdk/client-sns';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { IamCredentialStore } from '../../appsync/auth/credential-store.ts';
import type { IamCredentials } from '../../appsync/auth/sigv4.ts';
import { LOCAL_USER } from '../../iam-principals.ts';
import { startSnsLocal, type SnsLocal, type SnsLocalOptions } from './sns-local.ts';

export const REGION = 'eu-west-1';
export const CREDENTIALS = { accessKeyId: 'AKIALOCALSNSTEST0001', secretAccessKey: 'sns-test-secret-access-key-0000000000000' };

export interface SnsCall {
  /** Form parameters (`Action`, `Version` added unless given). */
  params: Record<string, string>;
  /** @default CREDENTIALS */
  credentials?: IamCredentials;
  /** The host signed and sent. @default the server's `127.0.0.1:<port>` */
  host?: string;
  /** @default 'sns' */
  service?: string;
  /** @default REGION */
  signingRegion?: string;
  signingDate?: Date;
  /** false: send it unsigned. @default true */
  sign?: boolean;
  /** Changes the headers after signing. */
  tamper?: (headers: Record<string, string>) => void;
  /** The body sent, when it should differ from the signed one. */
  sentBody?: string;
}

export interface SnsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface TestSns {
  sns: SnsLocal;
  /** AWS's client for the local SNS, signing as CREDENTIALS (destroyed by `stop`). */
  client: SNSClient;
  call(action: string, call?: Partial<SnsCall>): Promise<SnsAnswer>;
  stop(): Promise<void>;
}

export async function startTestSns(options: Partial<SnsLocalOptions> = {}): Promise<TestSns> {
  const credentials = new IamCredentialStore();
  credentials.add({ ...CREDENTIALS, principal: LOCAL_USER });
  const sns = await startSnsLocal({ region: REGION, credentials, ...options });
  const client = new SNSClient({ endpoint: sns.url, region: REGION, credentials: { ...CREDENTIALS }, maxAttempts: 1 });
  return {
    sns,
    client,
    call: (action, call = {}) => snsRequest(sns.url, { ...call, params: { Action: action, Version: '2010-03-31', ...call.params } }),
    stop: async () => {
      client.destroy();
      await sns.stop();
    },
  };
}

/** Signs (as the SDK does: form body, x-amz-content-sha256) and sends one request. */
export async function snsRequest(url: string, call: SnsCall): Promise<SnsAnswer> {
  const target = new URL(url);
  const host = call.host ?? target.host;
  const body = new URLSearchParams(call.params).toString();
  let headers: Record<string, string> = { host, 'content-type': 'application/x-www-form-urlencoded' };
  if (call.sign !== false) {
    const signer = new SignatureV4({
      service: call.service ?? 'sns',
      region: call.signingRegion ?? REGION,
      sha256: Sha256,
      credentials: call.credentials ?? CREDENTIALS,
    });
    const signed = await signer.sign(new HttpRequest({ method: 'POST', protocol: 'https:', hostname: host, path: '/', headers, body }), {
      ...(call.signingDate ? { signingDate: call.signingDate } : {}),
    });
    headers = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
  }
  call.tamper?.(headers);
  const sent = call.sentBody ?? body;
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: target.hostname, port: target.port, method: 'POST', path: '/', headers: { ...headers, 'content-length': Buffer.byteLength(sent) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(sent);
  });
}

/** The `Code` and `Message` of an XML error answer. */
export function errorOf(answer: SnsAnswer): { code: string | undefined; message: string | undefined } {
  return {
    code: /<Code>([^<]*)<\/Code>/.exec(answer.body)?.[1],
    message: /<Message>([^<]*)<\/Message>/.exec(answer.body)?.[1],
  };
}
