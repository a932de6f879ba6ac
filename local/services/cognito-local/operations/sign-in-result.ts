/**
 * The end of a successful sign-in or refresh: PreTokenGeneration (version 1: claims to add, override or suppress in
 * the ID token, groups to override), then the ID and access tokens, and for a sign-in a new refresh token that
 * starts a new `origin_jti`. The answer is `{ AuthenticationResult, ChallengeParameters: {} }`, as Cognito's.
 */
import { randomUUID } from 'node:crypto';
import type { UserPoolClientConfig } from '../../../stack-description.ts';
import type { LocalUserPool } from '../local-pool.ts';
import { issueTokens, type ClaimsOverride } from '../tokens.ts';
import type { StoredUser } from '../users.ts';
import type { CognitoServices } from './types.ts';

export type TokenSource = 'TokenGeneration_Authentication' | 'TokenGeneration_NewPasswordChallenge' | 'TokenGeneration_RefreshTokens';

interface PreTokenResponse {
  claimsOverrideDetails?: {
    claimsToAddOrOverride?: Record<string, string>;
    claimsToSuppress?: string[];
    groupOverrideDetails?: { groupsToOverride?: string[] };
  } | null;
}

async function claimsOverride(
  services: CognitoServices,
  pool: LocalUserPool,
  client: UserPoolClientConfig,
  user: StoredUser,
  source: TokenSource,
  clientMetadata: Record<string, string>,
): Promise<ClaimsOverride | undefined> {
  if (!services.triggers.has(pool, 'PreTokenGeneration')) return undefined;
  const answer = await services.triggers.invoke<Record<string, unknown>, PreTokenResponse>({
    pool,
    trigger: 'PreTokenGeneration',
    triggerSource: source,
    userName: user.username,
    clientId: client.clientId,
    request: {
      userAttributes: user.attributes,
      groupConfiguration: { groupsToOverride: pool.groupsOf(user), iamRolesToOverride: [], preferredRole: null },
      clientMetadata,
    },
    response: { claimsOverrideDetails: null },
  });
  const details = answer.claimsOverrideDetails;
  if (!details) return undefined;
  return {
    ...(details.claimsToAddOrOverride ? { claimsToAddOrOverride: details.claimsToAddOrOverride } : {}),
    ...(details.claimsToSuppress ? { claimsToSuppress: details.claimsToSuppress } : {}),
    ...(details.groupOverrideDetails?.groupsToOverride ? { groupsToOverride: details.groupOverrideDetails.groupsToOverride } : {}),
  };
}

/** Tokens for a completed sign-in, with a new refresh token. */
export async function signedIn(
  services: CognitoServices,
  pool: LocalUserPool,
  client: UserPoolClientConfig,
  user: StoredUser,
  source: Exclude<TokenSource, 'TokenGeneration_RefreshTokens'>,
  clientMetadata: Record<string, string>,
): Promise<Record<string, unknown>> {
  const nowMs = services.now();
  const override = await claimsOverride(services, pool, client, user, source, clientMetadata);
  const originJti = randomUUID();
  const authTime = Math.floor(nowMs / 1000);
  const tokens = issueTokens({ pool, client, user, originJti, authTime, nowMs, ...(override ? { override } : {}) });
  const refreshToken = pool.refreshTokens.issue({
    originJti,
    clientId: client.clientId,
    username: user.username,
    authTime,
    expiresAt: nowMs + client.refreshTokenValiditySeconds * 1000,
  });
  services.changed();
  return { AuthenticationResult: { ...tokens, RefreshToken: refreshToken }, ChallengeParameters: {} };
}

/** New ID and access tokens for the sign-in a refresh token belongs to (no new refresh token). */
export async function refreshed(
  services: CognitoServices,
  pool: LocalUserPool,
  client: UserPoolClientConfig,
  user: StoredUser,
  sign: { originJti: string; authTime: number },
  clientMetadata: Record<string, string>,
): Promise<Record<string, unknown>> {
  const override = await claimsOverride(services, pool, client, user, 'TokenGeneration_RefreshTokens', clientMetadata);
  const tokens = issueTokens({ pool, client, user, ...sign, nowMs: services.now(), ...(override ? { override } : {}) });
  return { AuthenticationResult: tokens, ChallengeParameters: {} };
}
