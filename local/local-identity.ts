import { randomBytes } from 'node:crypto';
import type { IamCredentials } from './appsync/auth/sigv4.ts';
import { LOCAL_ACCOUNT_ID } from './iam-principals.ts';

/** The account, region and credentials the local stack stands in for AWS with. */
export interface LocalIdentity {
  accountId: string;
  region: string;
  /** The local IAM user's credentials (`.local/endpoints.json`'s `iam`). */
  credentials: IamCredentials;
}

/**
 * Fresh random credentials. Drawn per run (and per function start), so a signature made for another stack or with
 * made-up keys is refused.
 */
export function randomCredentials(): IamCredentials {
  return {
    accessKeyId: `ASIALOCAL${randomBytes(6).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
  };
}

/**
 * The identity of one run: IAM-signed requests of the local user must be signed with its credentials (read them
 * from .local/endpoints.json).
 */
export function localIdentity(region = process.env.AWS_REGION ?? 'us-east-1'): LocalIdentity {
  return { accountId: LOCAL_ACCOUNT_ID, region, credentials: randomCredentials() };
}
