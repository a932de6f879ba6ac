/** Waiting for the email Lambda to drain between bench runs, on top of the shared inbox reader (test/support). */
import { listEmails } from '../test/support/inbox.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the email Lambda has caught up (the store holds `expected` emails, or stopped growing for 3 s), so a
 * backlog from one run does not load the next. Returns the count reached.
 */
export async function waitForInbox(sesUrl: string, expected: number, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let stableSince = Date.now();
  for (;;) {
    const count = (await listEmails({ sesUrl })).length;
    if (count >= expected || Date.now() > deadline) return count;
    if (count !== last) {
      last = count;
      stableSince = Date.now();
    } else if (Date.now() - stableSince > 3000) return count;
    await sleep(250);
  }
}
