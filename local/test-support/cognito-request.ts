/**
 * Cognito's JSON 1.1 protocol as AWS's clients speak it, for the local Cognito's tests (the SDK's Cognito client is
 * not a dependency): `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`, unsigned for the user's own
 * operations and SigV4-signed (service `cognito-idp`) for Admin* ones when `credentials` are given
 * (json-protocol-request.ts). Not part of the package's API.
 */
import type { IamCredentials } from '../appsync/auth/sigv4.ts';
import { jsonProtocolRequest, type JsonProtocolAnswer } from './json-protocol-request.ts';

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

export type CognitoAnswer = JsonProtocolAnswer;

export function cognitoRequest(request: CognitoRequest): Promise<CognitoAnswer> {
  return jsonProtocolRequest({ ...request, targetPrefix: 'AWSCognitoIdentityProviderService', service: request.service ?? 'cognito-idp' });
}
