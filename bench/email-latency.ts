/**
 * Email latency: from the generateOtp response to the message in the local SES store, over sequential sessions.
 * Covers the stream poller's delay, the Lambda host round trip and the SES call. The store is polled every 5 ms,
 * so figures carry up to 5 ms of polling granularity.
 */
import { randomUUID } from 'node:crypto';
import { GenerateOtpDocument } from '../infra/documents/generated/graphql.ts';
import { clearInbox, emailsTo, listEmails } from '../test/support/inbox.ts';
import type { GraphQLPost } from './graphql-client.ts';
import { summarize, type RunSummary } from './latency-stats.ts';

const POLL_MS = 5;

/**
 * Measures `sessions` sequential generate→email round trips; a message missing after `timeoutMs` counts as an error.
 * `ownsInbox`: the stack is the bench's own, so its store may be emptied to keep polls cheap; never on a stack that
 * other suites read mail from (the local SES has one store for everyone).
 */
export async function measureEmailLatency(
  post: GraphQLPost,
  sesUrl: string,
  sessions: number,
  { timeoutMs = 10_000, ownsInbox = true }: { timeoutMs?: number; ownsInbox?: boolean } = {},
): Promise<RunSummary> {
  if (ownsInbox) await clearInbox({ sesUrl });
  const latencies: number[] = [];
  let errors = 0;
  const run = randomUUID().slice(0, 8);
  const started = performance.now();
  for (let index = 0; index < sessions; index += 1) {
    const address = `latency-${run}-${index}@example.com`;
    const body = await post(GenerateOtpDocument, { email: address });
    if (!body.data?.generateOtp) {
      errors += 1;
      continue;
    }
    const answered = performance.now();
    const arrived = await waitFor(sesUrl, address, answered + timeoutMs);
    if (arrived === undefined) errors += 1;
    else latencies.push(arrived - answered);
    // Keep the store small: each poll returns the whole store.
    if (ownsInbox && index % 10 === 9) await clearInbox({ sesUrl });
  }
  return summarize(latencies, errors, performance.now() - started);
}

async function waitFor(sesUrl: string, address: string, deadline: number): Promise<number | undefined> {
  for (;;) {
    if (emailsTo(await listEmails({ sesUrl }), address).length > 0) return performance.now();
    if (performance.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
