/** `AWSCognitoIdentityProviderService.<Operation>` → what runs it, and whether it must be SigV4-signed. */
import { adminConfirmSignUp, adminCreateUser, adminDeleteUser, adminGetUser, adminSetUserPassword, adminUserGlobalSignOut } from './admin-users.ts';
import { initiateAuth } from './initiate-auth.ts';
import { getTokensFromRefreshToken } from './refresh.ts';
import { respondToAuthChallenge } from './respond-to-auth-challenge.ts';
import { confirmSignUp, resendConfirmationCode, signUp } from './sign-up.ts';
import type { OperationSpec } from './types.ts';
import { getUser, globalSignOut, revokeToken } from './user-session.ts';

const open = (run: OperationSpec['run']): OperationSpec => ({ run, signed: false });
const signed = (run: OperationSpec['run']): OperationSpec => ({ run, signed: true });

export const OPERATIONS: Readonly<Record<string, OperationSpec>> = {
  SignUp: open(signUp),
  ConfirmSignUp: open(confirmSignUp),
  ResendConfirmationCode: open(resendConfirmationCode),
  InitiateAuth: open(initiateAuth),
  RespondToAuthChallenge: open(respondToAuthChallenge),
  GetUser: open(getUser),
  GlobalSignOut: open(globalSignOut),
  RevokeToken: open(revokeToken),
  GetTokensFromRefreshToken: open(getTokensFromRefreshToken),
  AdminCreateUser: signed(adminCreateUser),
  AdminSetUserPassword: signed(adminSetUserPassword),
  AdminGetUser: signed(adminGetUser),
  AdminConfirmSignUp: signed(adminConfirmSignUp),
  AdminDeleteUser: signed(adminDeleteUser),
  AdminUserGlobalSignOut: signed(adminUserGlobalSignOut),
};
