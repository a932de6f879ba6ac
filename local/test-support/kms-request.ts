/**
 * KMS's JSON 1.1 protocol as `@aws-sdk/client-kms` speaks it, for the local KMS's tests: `X-Amz-Target:
 * TrentService.<Operation>`, SigV4-signed for service `kms` (json-protocol-request.ts). Not part of the package's API.
 */
import type { IamCredentials } from '../appsync/auth/sigv4.ts';
import { jsonProtocolRequest, type JsonProtocolAnswer, type JsonProtocolRequest } from './json-protocol-request.ts';

export interface KmsRequest extends Omit<JsonProtocolRequest, 'targetPrefix' | 'service' | 'credentials'> {
  credentials: IamCredentials & { sessionToken?: string };
  /** @default 'kms' */
  service?: string;
  /** false: send it unsigned. @default true */
  sign?: boolean;
}

export type KmsAnswer = JsonProtocolAnswer;

/** Signs and sends one request. */
export function kmsRequest(request: KmsRequest): Promise<KmsAnswer> {
  const { sign, credentials, service, ...rest } = request;
  return jsonProtocolRequest({ ...rest, targetPrefix: 'TrentService', service: service ?? 'kms', ...(sign === false ? {} : { credentials }) });
}
