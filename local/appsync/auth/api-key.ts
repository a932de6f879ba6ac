/** API key checks (x-api-key), pure so the HTTP and real-time servers share them. */
import type { ApiKeyConfig } from '../../stack-description.ts';

/** AppSync's default key lifetime when a key has no explicit expiry: 7 days (from the engine's start). */
export const DEFAULT_API_KEY_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

/** Outcome of checking an `x-api-key` value. */
export type ApiKeyCheck = 'valid' | 'unknown' | 'expired';

/**
 * Checks `value` against the API's keys at `nowSeconds`. `defaultExpires` stands in for keys without `expires`
 * (AppSync: 7 days after creation; locally: after the engine started).
 */
export function checkApiKey(
  keys: readonly ApiKeyConfig[],
  value: string,
  nowSeconds: number,
  defaultExpires: number,
): ApiKeyCheck {
  const key = keys.find((candidate) => candidate.id === value);
  if (!key) return 'unknown';
  return nowSeconds < (key.expires ?? defaultExpires) ? 'valid' : 'expired';
}
