/**
 * The users of one local pool: who they are, their attributes and status, their password's SRP verifier (never the
 * password), a pending confirmation code and the sign-in failure count. Sign-in names resolve as Cognito resolves
 * them: the internal username (case-folded when the pool is case-insensitive), the email or phone number when the
 * pool uses them as usernames, and verified aliases.
 */
import type { UserPoolConfig } from '../../stack-description.ts';
import type { PasswordVerifier } from './srp/password-verifier.ts';

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD';

export interface StoredUser {
  /** The internal username (USER_ID_FOR_SRP, `cognito:username`): the sub when email or phone is the username. */
  username: string;
  /** Attributes by name, `sub` included; booleans as 'true'/'false' strings, as Cognito stores them. */
  attributes: Record<string, string>;
  status: UserStatus;
  enabled: boolean;
  password?: PasswordVerifier & { temporaryExpiresAt?: number };
  /** A pending sign-up confirmation code and when it expires (epoch ms). */
  confirmation?: { code: string; expiresAt: number; failedAttempts: number; attribute: 'email' | 'phone_number' };
  createdAt: number;
  modifiedAt: number;
  /** Consecutive failed password proofs, and until when (epoch ms) attempts are refused. */
  failedSignIns: number;
  lockedUntil?: number;
}

/** The standard attributes of a user pool (OIDC's plus Cognito's); other names must be `custom:…`. */
export const STANDARD_ATTRIBUTES = new Set([
  'sub', 'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website',
  'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number', 'phone_number_verified', 'address',
  'updated_at',
]);

export class UserDirectory {
  private readonly users = new Map<string, StoredUser>();

  constructor(private config: UserPoolConfig) {}

  /** A new configuration of the same pool: the caller files the users again (their keys may change case rule). */
  reconfigure(config: UserPoolConfig): void {
    this.config = config;
    this.users.clear();
  }

  /** The key a username is filed under (lower case in a case-insensitive pool). */
  private key(username: string): string {
    return this.config.caseSensitive ? username : username.toLowerCase();
  }

  get(username: string): StoredUser | undefined {
    return this.users.get(this.key(username));
  }

  put(user: StoredUser): void {
    this.users.set(this.key(user.username), user);
  }

  delete(username: string): void {
    this.users.delete(this.key(username));
  }

  all(): StoredUser[] {
    return [...this.users.values()];
  }

  /**
   * The user a sign-in name (what a client sends as USERNAME) names: the internal username, an email or phone number
   * that is the username in this pool (any such user, verified or not), or a verified alias.
   */
  find(signInName: string): StoredUser | undefined {
    const direct = this.get(signInName);
    if (direct) return direct;
    for (const attribute of ['email', 'phone_number'] as const) {
      const asUsername = this.config.usernameAttributes.includes(attribute);
      const asAlias = (this.config.aliasAttributes as string[]).includes(attribute);
      if (!asUsername && !asAlias) continue;
      const match = this.all().find(
        (user) => sameValue(attribute, user.attributes[attribute], signInName) && (asUsername || user.attributes[`${attribute}_verified`] === 'true'),
      );
      if (match) return match;
    }
    if ((this.config.aliasAttributes as string[]).includes('preferred_username')) {
      return this.all().find((user) => user.attributes.preferred_username !== undefined && this.key(user.attributes.preferred_username) === this.key(signInName));
    }
    return undefined;
  }

  /** Another user already holding `value` of a username attribute or a verified alias attribute. */
  holderOf(attribute: string, value: string, except?: string): StoredUser | undefined {
    return this.all().find(
      (user) => user.username !== except && sameValue(attribute, user.attributes[attribute], value) && (this.config.usernameAttributes as string[]).includes(attribute),
    );
  }
}

/** Emails compare case-insensitively (as Cognito compares them); other values exactly. */
function sameValue(attribute: string, stored: string | undefined, given: string): boolean {
  if (stored === undefined) return false;
  return attribute === 'email' ? stored.toLowerCase() === given.toLowerCase() : stored === given;
}
