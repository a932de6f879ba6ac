/**
 * The local credentials IAM (SigV4) requests may be signed with, each mapped to the principal `ctx.identity`
 * reports for it. Credentials not in the store sign nothing: their requests are refused.
 */
import { LOCAL_USER, type IamPrincipal } from '../../iam-principals.ts';
import { parseSigV4Authorization, verifySigV4, type IamCredentials, type SignedRequest } from './sigv4.ts';

/** One accepted pair of credentials and who signs with it. */
export interface PrincipalCredentials extends IamCredentials {
  principal: IamPrincipal;
}

/** Finds the accepted credentials with an access key id. */
export interface CredentialLookup {
  find(accessKeyId: string): PrincipalCredentials | undefined;
}

/**
 * A mutable set of accepted credentials. The engine reads it at every request, so its owner (the local stack) may
 * add a function's credentials when the function starts and remove them when it stops.
 *
 * @example
 * const store = new IamCredentialStore();
 * store.add({ ...credentials, principal: assumedRolePrincipal(roleArn, 'publisher') });
 * await startAppSyncServer({ ..., iamPrincipals: store });
 */
/**
 * The local IAM user's credentials (signing as `LOCAL_USER`) in front of `others`: what the engine and the local KMS
 * accept. Without `user`, just `others`; without either, nobody.
 */
export function withLocalUser(user: IamCredentials | undefined, others?: CredentialLookup): CredentialLookup {
  const local = user && { ...user, principal: LOCAL_USER };
  return { find: (accessKeyId) => (local?.accessKeyId === accessKeyId ? local : others?.find(accessKeyId)) };
}

export class IamCredentialStore implements CredentialLookup {
  private readonly byAccessKeyId = new Map<string, PrincipalCredentials>();

  /** Accepts `credentials` from now on (replacing an entry with the same access key id). */
  add(credentials: PrincipalCredentials): void {
    this.byAccessKeyId.set(credentials.accessKeyId, credentials);
  }

  /** Refuses `accessKeyId` from now on. */
  remove(accessKeyId: string): void {
    this.byAccessKeyId.delete(accessKeyId);
  }

  find(accessKeyId: string): PrincipalCredentials | undefined {
    return this.byAccessKeyId.get(accessKeyId);
  }
}

/**
 * The accepted credentials `request` is correctly signed with (SigV4, service `appsync`, `region`), or null when it
 * is unsigned, signed with unknown credentials or mis-signed (the reason is never shown to the caller).
 */
export async function verifiedSigner(
  request: SignedRequest,
  credentials: CredentialLookup,
  region: string,
  now: Date = new Date(),
): Promise<PrincipalCredentials | null> {
  const signature = parseSigV4Authorization(request.headers.authorization ?? '');
  const signer = signature ? credentials.find(signature.accessKeyId) : undefined;
  if (!signer) return null;
  return (await verifySigV4(request, signer, region, now)) === null ? signer : null;
}
