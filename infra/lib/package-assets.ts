/**
 * Where the package's prebuilt code lives: the bundled resolvers, the bundled Lambda functions and the schema, written
 * by `infra/build/build-package.ts` into `dist/assets/` for the package, and into a content-addressed store in the
 * repository (below). The same relative URLs work from this source file (`infra/lib/`) and from the bundled entry
 * (`dist/index.js`): both sit one folder below the package root.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What the build writes beside the resolver bundles: every resolver and pipeline function, and its data source. */
export interface ResolverManifest {
  resolvers: {
    typeName: string;
    fieldName: string;
    kind: 'UNIT' | 'PIPELINE';
    /** UNIT: the data source it runs on, as its file names it (`Type.field.[source].ts`). */
    dataSource?: string;
    /** The bundle, relative to the resolvers folder. */
    file: string;
    functions: { name: string; dataSource: string; file: string }[];
  }[];
}

/** The packed package's assets: a plain folder, as `npm pack` (which skips symlinks) can carry it. */
export const PACKAGED_ASSETS_DIR: string = fileURLToPath(new URL('../dist/assets/', import.meta.url));
/**
 * In the repository, builds go to content-addressed folders `dist/.assets-store/<stamp>/` (left out of the package by
 * its `files`), and the file `current` names the newest. A build never changes a folder a reader may be using: it
 * writes a new one and replaces the pointer with a rename, so a concurrent synth sees the old or the new build whole.
 */
export const ASSETS_STORE_DIR: string = fileURLToPath(new URL('../dist/.assets-store/', import.meta.url));
export const ASSETS_POINTER_FILE = 'current';

/** The folder the store's pointer names, or undefined when there is no store (the packed package, or never built). */
export function currentStoreAssets(storeDir: string = ASSETS_STORE_DIR): string | undefined {
  const pointer = `${storeDir}${ASSETS_POINTER_FILE}`;
  if (!existsSync(pointer)) return undefined;
  const dir = `${storeDir}${readFileSync(pointer, 'utf8').trim()}/`;
  return existsSync(dir) ? dir : undefined;
}

// Live bindings (`export let`): importers read them when they use them, so a build in this process (a CDK app builds
// its assets after its imports are evaluated) moves every reader of this module to the folder it built.
export let ASSETS_DIR: string = currentStoreAssets() ?? PACKAGED_ASSETS_DIR;
export let RESOLVERS_DIR = `${ASSETS_DIR}resolvers/`;
export let SCHEMA_FILE = `${ASSETS_DIR}schema.graphql`;

/** Points this process's readers at `dir` (a built assets folder, with a trailing slash). Called by buildAssets. */
export function useAssetsDir(dir: string): void {
  ASSETS_DIR = dir.endsWith('/') ? dir : `${dir}/`;
  RESOLVERS_DIR = `${ASSETS_DIR}resolvers/`;
  SCHEMA_FILE = `${ASSETS_DIR}schema.graphql`;
}
/** The bundled functions, by name: `functions/<name>/index.mjs` with handler `index.handler`. */
export const FUNCTION_NAMES = [
  'send-otp-email',
  'send-otp-sms',
  'publish-verification-event',
  'serve-jwks',
  'handle-ses-feedback',
  // The Cognito sign-in factor's custom-auth triggers (sign-in-factor.ts).
  'cognito-define-auth-challenge',
  'cognito-create-auth-challenge',
  'cognito-verify-auth-challenge',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];
export const FUNCTION_HANDLER = 'index.handler';

export function functionDir(name: FunctionName): string {
  return `${ASSETS_DIR}functions/${name}`;
}

/** @throws Error naming the build command when the package's code has not been built. */
export function readResolverManifest(): ResolverManifest {
  const path = `${RESOLVERS_DIR}manifest.json`;
  if (!existsSync(path)) {
    throw new Error(`The OtpService package's code is not built (${path} is missing): run npm run build -w infra.`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as ResolverManifest;
}
