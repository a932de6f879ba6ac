/**
 * Where the sign-in pages find the Cognito user pool: three build-time settings, written by the local stack's dev
 * server (from the endpoints file's `cognito` entry) or by `npm run deploy` (the stack's UserPoolId and
 * UserPoolClientId outputs, infra/lib/web-env.ts). Pure, so the rules are unit-tested; it imports nothing of Amplify,
 * so the verify page can read it without loading Amplify.
 */
import { SIGN_IN_FLOWS, type SignInFlow } from '../../../infra/model/index.ts';
import { isAbsoluteHttpUrl } from '../apiEndpoint.ts';

/** The part of `import.meta.env` that configures sign-in. */
export interface CognitoEnv {
  VITE_COGNITO_USER_POOL_ID?: string;
  VITE_COGNITO_CLIENT_ID?: string;
  /**
   * The pool's endpoint when it is not Cognito's own (the local pool, `http://127.0.0.1:<port>`). Unset after a
   * deploy: Amplify then derives `https://cognito-idp.<region>.amazonaws.com/` from the pool id.
   */
  VITE_COGNITO_ENDPOINT?: string;
  /** The flow the pool's triggers allow (the stack's SignInFlow output): which sign-in pages can work. */
  VITE_COGNITO_SIGN_IN_FLOW?: string;
}

/** The names Amplify's `Auth.Cognito` configuration uses, so the object is handed over as it is. */
export interface CognitoConfig {
  userPoolId: string;
  userPoolClientId: string;
  userPoolEndpoint?: string;
}

/** `<region>_<id>`, as Cognito names pools (e.g. `eu-west-1_AbC123xyz`); Amplify reads the region from it. */
const USER_POOL_ID = /^[a-z]{2}(-[a-z]+)+-\d_[0-9A-Za-z]+$/;
/** App client ids are 1–128 letters and digits. */
const CLIENT_ID = /^[0-9A-Za-z]{1,128}$/;

/**
 * The pool the sign-in pages use, or null when sign-in is not configured (neither id set: a stack deployed without a
 * user pool), in which case the app offers only email verification. Throws, naming the setting, when the settings are
 * half there or malformed: a page that silently hides sign-in would hide the misconfiguration too.
 *
 * @example readCognitoConfig(import.meta.env) // { userPoolId: 'us-east-1_Ab12', userPoolClientId: 'x1y2', userPoolEndpoint: 'http://127.0.0.1:9229' }
 */
export function readCognitoConfig(env: CognitoEnv): CognitoConfig | null {
  const userPoolId = env.VITE_COGNITO_USER_POOL_ID?.trim() ?? '';
  const userPoolClientId = env.VITE_COGNITO_CLIENT_ID?.trim() ?? '';
  const userPoolEndpoint = env.VITE_COGNITO_ENDPOINT?.trim() ?? '';
  if (!userPoolId && !userPoolClientId && !userPoolEndpoint) return null;
  if (!userPoolId || !userPoolClientId) {
    const missing = userPoolId ? 'VITE_COGNITO_CLIENT_ID' : 'VITE_COGNITO_USER_POOL_ID';
    throw new Error(`${missing} is not set, but other VITE_COGNITO_* settings are: set both ids (the stack's UserPoolId and UserPoolClientId outputs) or none.`);
  }
  if (!USER_POOL_ID.test(userPoolId)) throw new Error(`VITE_COGNITO_USER_POOL_ID is not a user pool id (<region>_<id>): ${userPoolId}`);
  if (!CLIENT_ID.test(userPoolClientId)) throw new Error(`VITE_COGNITO_CLIENT_ID is not an app client id: ${userPoolClientId}`);
  if (!userPoolEndpoint) return { userPoolId, userPoolClientId };
  if (!isAbsoluteHttpUrl(userPoolEndpoint)) throw new Error(`VITE_COGNITO_ENDPOINT is not an http(s) URL: ${userPoolEndpoint}`);
  return { userPoolId, userPoolClientId, userPoolEndpoint };
}

/**
 * The sign-in flow the pool allows, so the app offers only the pages that can work (the triggers refuse the other
 * flow). Unset: 'either' (a build configured by hand before the setting existed; the pool still refuses what it does
 * not allow). Throws on an unknown value, naming the setting.
 *
 * @example readSignInFlow({ VITE_COGNITO_SIGN_IN_FLOW: 'mfa' }) // 'mfa'
 */
export function readSignInFlow(env: CognitoEnv): SignInFlow {
  const flow = env.VITE_COGNITO_SIGN_IN_FLOW?.trim() ?? '';
  if (flow === '') return 'either';
  const known = SIGN_IN_FLOWS.find((candidate) => candidate === flow);
  if (!known) throw new Error(`VITE_COGNITO_SIGN_IN_FLOW must be one of ${SIGN_IN_FLOWS.join(', ')}: ${flow}`);
  return known;
}
