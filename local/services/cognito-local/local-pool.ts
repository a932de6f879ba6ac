/**
 * One user pool as the local Cognito runs it: the template's configuration with its users, signing keys, refresh
 * tokens and a pool secret (for the simulated answers about users that do not exist). A hot reload replaces the
 * configuration; users, keys and tokens stay.
 */
import { randomBytes } from 'node:crypto';
import type { UserPoolClientConfig, UserPoolConfig } from '../../stack-description.ts';
import { RefreshTokenStore, type RefreshRecord } from './refresh-tokens.ts';
import { newSigningKeys, type PoolSigningKeys } from './signing-keys.ts';
import { UserDirectory, type StoredUser } from './users.ts';

/** What a pool keeps between runs (state-file.ts). */
export interface PoolState {
  keys: PoolSigningKeys;
  secret: Buffer;
  users: StoredUser[];
  refreshTokens: RefreshRecord[];
}

export class LocalUserPool {
  readonly users: UserDirectory;
  /** Settles once the pool has its signing keys: at once for a stored pool, after their generation for a new one. */
  readonly keysReady: Promise<void>;
  private signingKeys?: PoolSigningKeys;
  readonly refreshTokens: RefreshTokenStore;
  /** Keys the simulated salts and user ids of nonexistent users: the same answer for the same name, as Cognito. */
  readonly secret: Buffer;
  private current: UserPoolConfig;

  constructor(config: UserPoolConfig, state?: PoolState) {
    this.current = config;
    this.users = new UserDirectory(config);
    for (const user of state?.users ?? []) this.users.put(user);
    this.signingKeys = state?.keys;
    // Generated beside the rest of a start, not before it: the server awaits keysReady before any request.
    this.keysReady = this.signingKeys ? Promise.resolve() : newSigningKeys().then((keys) => void (this.signingKeys = keys));
    this.secret = state?.secret ?? randomBytes(32);
    this.refreshTokens = new RefreshTokenStore(state?.refreshTokens);
  }

  /** The signing keys; only read once {@link keysReady} has settled (the server's requests wait for it). */
  get keys(): PoolSigningKeys {
    if (!this.signingKeys) throw new Error(`The signing keys of ${this.id} are still being generated.`);
    return this.signingKeys;
  }

  get config(): UserPoolConfig {
    return this.current;
  }

  /** A hot reload's configuration (same pool id): users and keys stay; a changed case rule re-files the users. */
  reconfigure(config: UserPoolConfig): void {
    const users = this.users.all();
    this.current = config;
    this.users.reconfigure(config);
    for (const user of users) this.users.put(user);
  }

  get id(): string {
    return this.current.userPoolId;
  }

  /** The part of the pool id after the underscore: SRP's "pool name". */
  get srpPoolName(): string {
    return this.current.userPoolId.split('_')[1] ?? '';
  }

  /** The issuer of the pool's tokens, `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
  get issuer(): string {
    const region = this.current.userPoolId.split('_')[0];
    return `https://cognito-idp.${region}.amazonaws.com/${this.current.userPoolId}`;
  }

  client(clientId: string): UserPoolClientConfig | undefined {
    return this.current.clients.find((client) => client.clientId === clientId);
  }

  /** The template's groups the user belongs to (`cognito:groups`). */
  groupsOf(user: StoredUser): string[] {
    const fold = (name: string) => (this.current.caseSensitive ? name : name.toLowerCase());
    return this.current.groups.filter((group) => group.usernames.some((name) => fold(name) === fold(user.username))).map((group) => group.name);
  }

  /** What is kept between runs; undefined until the pool has its keys (there is nothing else to keep before then). */
  state(nowMs: number): PoolState | undefined {
    if (!this.signingKeys) return undefined;
    return { keys: this.signingKeys, secret: this.secret, users: this.users.all(), refreshTokens: this.refreshTokens.snapshot(nowMs) };
  }
}
