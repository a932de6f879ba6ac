/**
 * The product's stack as `appsync-local` runs it: `npm start` is `appsync-local start` with this file, and the
 * end-to-end tests and benchmarks start the same stack (test/support/otp-stack.ts).
 */
import { defineConfig, type LocalStackOptions, type StackSource } from 'appsync-local';
import { webDevServer } from './web/dev-server.ts';

/**
 * The CDK app, its stack, and what it is built from (a start reuses the last synth while these are unchanged); the
 * endpoints file's `jwksUrl` is the stack's JwksUrl output (the local Function URL of the JWKS function).
 */
export const OTP_STACK = {
  // The entry, not a command: appsync-local compiles it and runs it with node (a synth 2.6 → 2.0 s against tsx).
  app: 'infra/bin/app.ts',
  stack: 'OtpService',
  sources: ['infra', 'resolvers', 'functions', 'schema.graphql', 'package-lock.json'],
  outputEndpoints: { jwksUrl: 'JwksUrl' },
} as const satisfies StackSource & Pick<LocalStackOptions, 'outputEndpoints'>;

/** `npm start`'s fixed ports, so bookmarks and web/.env keep working across restarts. */
const NPM_START_PORTS = { graphql: 20002, dynamodb: 8000, ses: 8005, sms: 8006, web: 5173 } as const;

export default defineConfig({
  name: 'otp-appsync',
  ...OTP_STACK,
  ports: { graphql: NPM_START_PORTS.graphql, dynamodb: NPM_START_PORTS.dynamodb, ses: NPM_START_PORTS.ses, sms: NPM_START_PORTS.sms },
  sidecars: [webDevServer({ port: NPM_START_PORTS.web })],
});
