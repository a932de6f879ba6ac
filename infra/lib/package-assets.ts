/**
 * Where the package's prebuilt code lives: the bundled resolvers, the bundled Lambda functions and the schema, written
 * by `infra/build/build-package.ts` into `dist/assets/`. The same relative URL works from this source file
 * (`infra/lib/`) and from the bundled entry (`dist/index.js`): both sit one folder below the package root.
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

export const ASSETS_DIR: string = fileURLToPath(new URL('../dist/assets/', import.meta.url));
export const RESOLVERS_DIR = `${ASSETS_DIR}resolvers/`;
export const SCHEMA_FILE = `${ASSETS_DIR}schema.graphql`;
/** The bundled functions, by name: `functions/<name>/index.mjs` with handler `index.handler`. */
export const FUNCTION_NAMES = ['send-otp-email', 'send-otp-sms', 'publish-verification-event', 'serve-jwks', 'handle-ses-feedback'] as const;
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
