/// <reference types="vite/client" />

/** The build-time settings the app reads (see web/.env.example). */
interface ImportMetaEnv {
  readonly VITE_GRAPHQL_URL?: string;
  readonly VITE_API_KEY?: string;
  /** Digits per code (4–10, default 6): the code field submits itself once it has this many. */
  readonly VITE_OTP_CODE_LENGTH?: string;
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
