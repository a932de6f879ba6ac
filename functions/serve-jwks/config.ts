import { JWKS_KEY_ID_SEPARATOR, JWKS_KEY_IDS_VARIABLE } from '../../infra/model/index.ts';
import { ConfigurationError } from './errors.ts';

/** What the function publishes. */
export interface JwksConfig {
  /** KMS key ids: the signing key first, then previous keys whose tokens may still be unexpired. Each is its JWK's `kid`. */
  keyIds: string[];
}

/**
 * Reads and checks the function's configuration.
 *
 * @example readConfig({ JWKS_KEY_IDS: 'current-id,previous-id' }) // { keyIds: ['current-id', 'previous-id'] }
 * @throws ConfigurationError naming the variable when it lists no key.
 */
export function readConfig(env: Record<string, string | undefined>): JwksConfig {
  const keyIds = (env[JWKS_KEY_IDS_VARIABLE] ?? '')
    .split(JWKS_KEY_ID_SEPARATOR)
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (keyIds.length === 0) throw new ConfigurationError(`Environment variable ${JWKS_KEY_IDS_VARIABLE} must list at least one KMS key id`);
  return { keyIds: [...new Set(keyIds)] };
}
