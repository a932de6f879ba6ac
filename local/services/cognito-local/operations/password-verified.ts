/**
 * What follows a proven password outside the custom flow (USER_SRP_AUTH, USER_PASSWORD_AUTH): an unconfirmed user is
 * told so only now (UserNotConfirmedException), an invited user must choose a password (NEW_PASSWORD_REQUIRED, unless
 * the temporary one expired), anyone else is signed in.
 */
import type { UserPoolClientConfig } from '../../../stack-description.ts';
import type { AuthSession } from '../auth-sessions.ts';
import { CognitoError } from '../errors.ts';
import type { LocalUserPool } from '../local-pool.ts';
import type { StoredUser } from '../users.ts';
import { signedIn } from './sign-in-result.ts';
import type { CognitoServices } from './types.ts';

export interface VerifiedPassword {
  services: CognitoServices;
  pool: LocalUserPool;
  client: UserPoolClientConfig;
  session: AuthSession;
  user: StoredUser;
  clientMetadata: Record<string, string>;
}

export async function afterPasswordVerified(step: VerifiedPassword): Promise<Record<string, unknown>> {
  const { services, pool, client, session, user } = step;
  if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    if ((user.password?.temporaryExpiresAt ?? Number.POSITIVE_INFINITY) <= services.now()) {
      throw new CognitoError('NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.');
    }
    session.expected = 'NEW_PASSWORD_REQUIRED';
    delete session.srp;
    const { sub: _sub, ...shown } = user.attributes;
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ChallengeParameters: { USER_ID_FOR_SRP: user.username, requiredAttributes: '[]', userAttributes: JSON.stringify(shown) },
      Session: services.sessions.open(session),
    };
  }
  return signedIn(services, pool, client, user, 'TokenGeneration_Authentication', step.clientMetadata);
}
