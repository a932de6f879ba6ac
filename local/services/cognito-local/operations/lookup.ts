/** Finding the pool and app client a request names, with Cognito's errors. */
import type { UserPoolClientConfig } from '../../../stack-description.ts';
import { CognitoError } from '../errors.ts';
import type { LocalUserPool } from '../local-pool.ts';
import type { CognitoServices } from './types.ts';

export function poolById(services: CognitoServices, userPoolId: string): LocalUserPool {
  const pool = services.pools.get(userPoolId);
  if (!pool) throw new CognitoError('ResourceNotFoundException', `User pool ${userPoolId} does not exist.`);
  return pool;
}

export function poolOfClient(services: CognitoServices, clientId: string): { pool: LocalUserPool; client: UserPoolClientConfig } {
  for (const pool of services.pools.values()) {
    const client = pool.client(clientId);
    if (client) return { pool, client };
  }
  throw new CognitoError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
}
