/**
 * Refresh tokens of one pool. A refresh token is an opaque random string (Cognito's are encrypted JWTs that clients
 * never look into); only its SHA-256 is kept. Each belongs to one sign-in, named by its `origin_jti`, which the ID and
 * access tokens of that sign-in (and of its refreshes) carry: GlobalSignOut revokes the user's sign-ins, so their
 * refresh tokens stop working and GetUser refuses their access tokens ("Access Token has been revoked").
 */
import { createHash, randomBytes } from 'node:crypto';

export interface RefreshRecord {
  tokenHash: string;
  originJti: string;
  clientId: string;
  /** The internal username. */
  username: string;
  /** The sign-in's `auth_time` (epoch seconds), kept by every refresh. */
  authTime: number;
  /** Epoch ms. */
  expiresAt: number;
  revoked: boolean;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export class RefreshTokenStore {
  private readonly byHash = new Map<string, RefreshRecord>();
  private readonly byOrigin = new Map<string, RefreshRecord>();

  constructor(records: readonly RefreshRecord[] = []) {
    for (const record of records) this.add(record);
  }

  private add(record: RefreshRecord): void {
    this.byHash.set(record.tokenHash, record);
    this.byOrigin.set(record.originJti, record);
  }

  /** A new refresh token for a sign-in; returns the token (shown once, to the client). */
  issue(record: Omit<RefreshRecord, 'tokenHash' | 'revoked'>): string {
    const token = randomBytes(64).toString('base64url');
    this.add({ ...record, tokenHash: hashOf(token), revoked: false });
    return token;
  }

  find(token: string): RefreshRecord | undefined {
    return this.byHash.get(hashOf(token));
  }

  /** Whether the sign-in `originJti` is still valid (not signed out, not expired) at `nowMs`. */
  isActive(originJti: string, nowMs: number): boolean {
    const record = this.byOrigin.get(originJti);
    return record !== undefined && !record.revoked && record.expiresAt > nowMs;
  }

  /** Revokes one sign-in: its refresh token and the access tokens issued under it (RevokeToken). */
  revoke(record: RefreshRecord): void {
    record.revoked = true;
  }

  /** Revokes every sign-in of `username` (GlobalSignOut). */
  revokeUser(username: string): void {
    for (const record of this.byHash.values()) if (record.username === username) record.revoked = true;
  }

  /** What the state file keeps: unexpired records. */
  snapshot(nowMs: number): RefreshRecord[] {
    return [...this.byHash.values()].filter((record) => record.expiresAt > nowMs);
  }
}
