/**
 * Cached Lambda authorizer responses, keyed by the authorizer and the exact token: a cached answer is only ever
 * reused for the very same token (AppSync caches per token for AuthorizerResultTtlInSeconds or the response's
 * ttlOverride). Bounded, so a flood of distinct tokens cannot grow it without limit.
 */
import type { AuthorizerResponse } from './authorizer-response.ts';

/** AppSync's maximum cache TTL (3600 s). */
const MAX_AUTHORIZER_TTL_SECONDS = 3600;
const MAX_ENTRIES = 10_000;

export class AuthorizerCache {
  private readonly entries = new Map<string, { response: AuthorizerResponse; expiresAtMs: number }>();

  /** A response cached for `token` of `authorizer` and still fresh at `nowMs`. */
  get(authorizer: string, token: string, nowMs: number): AuthorizerResponse | undefined {
    const key = `${authorizer}\n${token}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (nowMs >= entry.expiresAtMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.response;
  }

  /** Caches `response` for `ttlSeconds` (capped at 3600; 0 caches nothing). */
  set(authorizer: string, token: string, response: AuthorizerResponse, ttlSeconds: number, nowMs: number): void {
    const ttl = Math.min(ttlSeconds, MAX_AUTHORIZER_TTL_SECONDS);
    if (!(ttl > 0)) return;
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(`${authorizer}\n${token}`, { response, expiresAtMs: nowMs + ttl * 1000 });
  }

  clear(): void {
    this.entries.clear();
  }
}
