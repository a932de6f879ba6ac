/**
 * Prints every verified session, email and SMS, as one JSON line: `{"sessionId":…,"email":…,"phoneNumber":…,"verifiedAt":…}`
 * (the one the session did not prove is null).
 *
 * A backend service's view of the OTP API: it subscribes to `onOtpVerified` with IAM (SigV4) through AWS's own
 * real-time client (aws-appsync-subscription-link, @apollo/client 3), so the same code runs against AWS and offline.
 *
 *   npm run listen                                  # the local stack: reads .local/endpoints.json (npm start)
 *   npm run listen -- someone@example.com           # only this address's verifications
 *   npm run listen -- +447400123456                 # only this number's (E.164) verifications
 *   GRAPHQL_URL=https://….appsync-api.eu-west-1.amazonaws.com/graphql AWS_REGION=eu-west-1 npm run listen
 *                                                   # AWS: credentials from the default chain (env, profile, SSO, role)
 *
 * Delivery is at least once: deduplicate on sessionId if a repeat matters. Status goes to stderr ("Subscribed …" once
 * AppSync has acknowledged the subscription, so scripts can wait for it); a refused subscription exits 1.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApolloClient, gql, InMemoryCache } from '@apollo/client/core';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { AUTH_TYPE, type AuthOptions } from 'aws-appsync-auth-link';
import { CONTROL_EVENTS_KEY, createSubscriptionHandshakeLink } from 'aws-appsync-subscription-link';
import WebSocket from 'ws';

const ON_OTP_VERIFIED = gql`
  subscription OnOtpVerified($email: AWSEmail, $phoneNumber: AWSPhone) {
    onOtpVerified(email: $email, phoneNumber: $phoneNumber) {
      sessionId
      email
      phoneNumber
      verifiedAt
    }
  }
`;

/** Where to connect and how to sign. */
interface Target {
  url: string;
  region: string;
  credentials: Extract<AuthOptions, { credentials: unknown }>['credentials'];
  source: string;
}

/** GRAPHQL_URL + AWS_REGION (AWS, default credential chain), else the local stack's `.local/endpoints.json`. */
function resolveTarget(env: NodeJS.ProcessEnv): Target {
  if (env.GRAPHQL_URL) {
    const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (!region) throw new Error('Set AWS_REGION along with GRAPHQL_URL.');
    return { url: env.GRAPHQL_URL, region, credentials: defaultProvider(), source: 'GRAPHQL_URL' };
  }
  const path = resolve(env.ENDPOINTS_FILE ?? '.local/endpoints.json');
  let endpoints: { graphqlUrl: string; region: string; iam: { accessKeyId: string; secretAccessKey: string } };
  try {
    endpoints = JSON.parse(readFileSync(path, 'utf8')) as typeof endpoints;
  } catch {
    throw new Error(`No ${path}: start the local stack (npm start) or set GRAPHQL_URL and AWS_REGION.`);
  }
  return { url: endpoints.graphqlUrl, region: endpoints.region, credentials: endpoints.iam, source: path };
}

/** The link fails with `{ errors: [{ message }] }` (AppSync's refusal), not an Error: show the messages themselves. */
function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  const errors = (error as { errors?: { message?: string }[] } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) return errors.map((e) => e.message ?? JSON.stringify(e)).join('; ');
  return JSON.stringify(error);
}

function main(): void {
  // Node has no global WebSocket before 22; the link uses the global one, as in browsers.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  const target = resolveTarget(process.env);
  // One filter: a phone number (international, `+…`) or an email address.
  const filter = process.argv[2];
  const variables = !filter ? {} : filter.startsWith('+') ? { phoneNumber: filter } : { email: filter };
  const client = new ApolloClient({
    link: createSubscriptionHandshakeLink({
      url: target.url,
      region: target.region,
      auth: { type: AUTH_TYPE.AWS_IAM, credentials: target.credentials },
    }),
    cache: new InMemoryCache(),
  });
  console.error(`Listening for verified sessions${filter ? ` of ${filter}` : ''} on ${target.url} (from ${target.source}); Ctrl-C stops.`);
  const subscription = client
    .subscribe<{ onOtpVerified: { sessionId: string; email: string | null; phoneNumber: string | null; verifiedAt: string } }>({
      query: ON_OTP_VERIFIED,
      variables,
      fetchPolicy: 'no-cache',
      // Ask the link for its control messages: CONNECTED arrives on AppSync's start_ack, i.e. events now reach us.
      context: { controlMessages: { [CONTROL_EVENTS_KEY]: true } },
    })
    .subscribe({
      next: ({ data, extensions }) => {
        if (extensions?.controlMsgType === 'CONNECTED') {
          console.error('Subscribed: verified sessions are printed as they happen.');
          return;
        }
        if (!data?.onOtpVerified) return;
        // Only the event's fields (Apollo adds __typename to every selection).
        const { sessionId, email: address, phoneNumber, verifiedAt } = data.onOtpVerified;
        console.log(JSON.stringify({ sessionId, email: address, phoneNumber, verifiedAt }));
      },
      error: (error: unknown) => {
        console.error(`Subscription failed: ${describeError(error)}`);
        // Exit now: the link keeps its WebSocket (and so the process) alive after a refusal.
        process.exit(1);
      },
    });
  // Ctrl-C, or a supervisor's (or test's) SIGTERM: unsubscribe and leave with success.
  const stop = (): void => {
    subscription.unsubscribe();
    client.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main();
