/**
 * The web app's dev server as the local stack's sidecar: `npm start` (appsync-local.config.ts) and the end-to-end
 * tests serve the Vue app with Vite, pointed at the local API.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertPortFree, freePort, type CognitoEndpoints, type Sidecar } from 'appsync-local';
import type { LogLevel } from 'vite';

/** Absolute path of the Vue app (`web/`). */
export const webRoot = fileURLToPath(new URL('./', import.meta.url));

export interface WebDevServerOptions {
  /** Port on 127.0.0.1; must be free (no fallback to another port). @default a free port */
  port?: number;
  /** The GraphQL endpoint the app calls (VITE_GRAPHQL_URL). */
  graphqlUrl: string;
  /** The API key the app sends as x-api-key (VITE_API_KEY). */
  apiKey: string;
  /** Digits per code (VITE_OTP_CODE_LENGTH), so the code field submits itself at the right length. @default the app's 6 */
  codeLength?: string;
  /**
   * The user pool the sign-in pages use (VITE_COGNITO_*): the local Cognito's endpoint, the pool and its app client,
   * as the endpoints file's `cognito` entry has them. @default none: the app offers only email verification
   */
  cognito?: Pick<CognitoEndpoints, 'endpoint' | 'userPoolId' | 'clientId'>;
  /** The flow the pool allows (VITE_COGNITO_SIGN_IN_FLOW), the stack's `SignInFlow` output. @default unset: the app offers both pages */
  signInFlow?: string;
  /** Vite's own logging. @default 'warn' (the local stack prints its own summary) */
  logLevel?: LogLevel;
}

export interface WebDevServer {
  /** http://127.0.0.1:PORT (no trailing slash) */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Serves the web app with Vite's dev server (hot reload included), configured to call the given API,
 * so the local stack needs no web/.env file.
 *
 * @example
 * const web = await startWebDevServer({ graphqlUrl: 'http://127.0.0.1:4000/graphql', apiKey: 'da2-local' });
 * // open web.url, then
 * await web.stop();
 */
export async function startWebDevServer(options: WebDevServerOptions): Promise<WebDevServer> {
  if (options.port !== undefined) await assertPortFree(options.port, 'web app');
  const port = options.port ?? (await freePort());
  // Loaded here, not up front: Vite takes ~1 s to import, which `--no-sidecars`, the tests and the bench never need.
  const { createServer } = await import('vite');
  const sigtermBefore = process.listeners('SIGTERM');
  const server = await createServer({
    configFile: join(webRoot, 'vite.config.ts'),
    root: webRoot,
    logLevel: options.logLevel ?? 'warn',
    clearScreen: false,
    // Build-time constants win over web/.env, so a developer's own .env cannot point the local stack elsewhere.
    define: {
      'import.meta.env.VITE_GRAPHQL_URL': JSON.stringify(options.graphqlUrl),
      'import.meta.env.VITE_API_KEY': JSON.stringify(options.apiKey),
      ...(options.codeLength === undefined ? {} : { 'import.meta.env.VITE_OTP_CODE_LENGTH': JSON.stringify(options.codeLength) }),
      // Always defined (empty without a pool), so a web/.env written by `npm run deploy` cannot send the local app's
      // sign-ins to the deployed pool.
      ...cognitoDefines(options.cognito, options.signInFlow),
    },
    server: { host: '127.0.0.1', port, strictPort: true },
  });
  // Vite's dev server exits the process on SIGTERM once it has closed itself. Here it is one part of a stack whose
  // owner stops every part on SIGTERM (DynamoDB Local's JVM among them): Vite exiting first would leave those behind.
  for (const listener of process.listeners('SIGTERM')) if (!sigtermBefore.includes(listener)) process.off('SIGTERM', listener);
  try {
    await server.listen();
    // Vite scans and pre-bundles the app's dependencies in the background; waiting for it means the first page
    // load neither waits nor reloads itself, and an early stop() does not cut the scan short (which logs errors).
    await server.environments.client.depsOptimizer?.scanProcessing;
    await server.waitForRequestsIdle();
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    // A closure, not a method: callers keep `stop` apart from the object (e.g. in a list of stoppers).
    stop: () => server.close(),
  };
}

/** The build-time constants of the sign-in pages (web/src/auth/cognitoConfig.ts reads them). */
export function cognitoDefines(cognito: WebDevServerOptions['cognito'], signInFlow?: string): Record<string, string> {
  // A pool without an app client cannot be signed in to from a browser: the app then leaves sign-in out.
  const usable = cognito?.clientId ? cognito : undefined;
  return {
    'import.meta.env.VITE_COGNITO_ENDPOINT': JSON.stringify(usable?.endpoint ?? ''),
    'import.meta.env.VITE_COGNITO_USER_POOL_ID': JSON.stringify(usable?.userPoolId ?? ''),
    'import.meta.env.VITE_COGNITO_CLIENT_ID': JSON.stringify(usable?.clientId ?? ''),
    'import.meta.env.VITE_COGNITO_SIGN_IN_FLOW': JSON.stringify(usable ? (signInFlow ?? '') : ''),
  };
}

/**
 * The sidecar: once the stack serves, the app is served against its API (key and `OTP_CODE_LENGTH` from the API's
 * configuration) and its user pool when the stack has one (the endpoints' `cognito`), and `webUrl` joins the
 * endpoints.
 */
export function webDevServer(options: { port?: number } = {}): Sidecar {
  return {
    name: 'web app',
    // Vite's modules load while DynamoDB Local's JVM boots, not after the stack is up (about 0.6 s of npm start).
    prepare: () => import('vite').then(() => undefined),
    async start({ endpoints, config }) {
      const [api] = config.apis;
      if (!endpoints.apiKey || !api) throw new Error('The web app needs an AppSync API with an API key.');
      const web = await startWebDevServer({
        port: options.port,
        graphqlUrl: endpoints.graphqlUrl,
        apiKey: endpoints.apiKey,
        codeLength: api.environmentVariables.OTP_CODE_LENGTH,
        cognito: endpoints.cognito,
        // The product stack's output (infra/lib/otp-stack.ts); a stack without it gets both pages.
        signInFlow: endpoints.outputs.SignInFlow,
      });
      return { endpoints: { webUrl: web.url }, stop: web.stop };
    },
  };
}
