import { randomBytes } from 'node:crypto';

/** The account, region and credentials the local stack stands in for AWS with. */
export interface LocalIdentity {
  accountId: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/**
 * Fresh credentials for each run: IAM-signed requests must be signed with these (read them from
 * .local/endpoints.json), so a signature made for another stack or with made-up keys is refused.
 */
export function localIdentity(region = process.env.AWS_REGION ?? 'us-east-1'): LocalIdentity {
  return {
    accountId: '000000000000',
    region,
    credentials: {
      accessKeyId: `ASIALOCAL${randomBytes(6).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64url'),
    },
  };
}
