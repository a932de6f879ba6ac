/// <reference types="vite/client" />

/** The build-time settings the app reads (see web/.env.example). */
interface ImportMetaEnv {
  readonly VITE_GRAPHQL_URL?: string;
  readonly VITE_API_KEY?: string;
  /** Digits per code (4–10, default 6): the code field submits itself once it has this many. */
  readonly VITE_OTP_CODE_LENGTH?: string;
  /** The user pool of the sign-in pages (src/auth/cognitoConfig.ts); all unset: no sign-in pages. */
  readonly VITE_COGNITO_USER_POOL_ID?: string;
  readonly VITE_COGNITO_CLIENT_ID?: string;
  /** Only for a pool that is not Cognito's own (the local stack's). */
  readonly VITE_COGNITO_ENDPOINT?: string;
  /** passwordless | mfa | either (the stack's SignInFlow output): which sign-in pages are offered. @default either */
  readonly VITE_COGNITO_SIGN_IN_FLOW?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

// Lets plain `tsc` (the repository-wide type check) accept `.vue` imports; vue-tsc uses the real component types.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
