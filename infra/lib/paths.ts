import { join, resolve } from 'node:path';

/** Absolute path of the repository root (infra/lib/../..). */
export const repoRoot: string = resolve(import.meta.dirname, '..', '..');

/** The GraphQL schema deployed to AppSync. */
export const schemaPath: string = join(repoRoot, 'schema.graphql');

/** Entry of the stream-triggered email Lambda. */
export const sendOtpEmailEntry: string = join(repoRoot, 'functions', 'send-otp-email', 'index.ts');

/** Entry of the stream-triggered function that publishes verification events. */
export const publishVerificationEventEntry: string = join(repoRoot, 'functions', 'publish-verification-event', 'index.ts');

/** Where resolvers are bundled at synth time unless a construct is told otherwise. */
export const defaultResolverBundleDir: string = join(repoRoot, 'dist', 'resolvers');
