/**
 * Follows a local SES's store for the code that waits for mail (waitForEmail): the first read takes the whole store,
 * every later one only what arrived since the newest email read (`GET /store?since=<seconds>`), and callers polling
 * at the same time share one request.
 *
 * Why: the shared e2e stack's store grows to hundreds of emails over a test run, and waiting callers polled all of it
 * every 25 ms each (20 sessions waiting at once made 800 full reads a second), serialized by the stack's process and
 * parsed by the test worker.
 */
import type { InboxSource, StoredEmail } from './inbox.ts';

interface Followed {
  /** In the store's order (the order emails arrived). */
  emails: StoredEmail[];
  ids: Set<string>;
  /** The newest `at` read (seconds, as the store stamps emails); -1 before the first read. */
  newestAt: number;
  reading?: Promise<void>;
}

const followed = new Map<string, Followed>();

/** Every email the store has accepted so far, read incrementally. */
export async function followedEmails(source: InboxSource): Promise<readonly StoredEmail[]> {
  let state = followed.get(source.sesUrl);
  if (!state) {
    state = { emails: [], ids: new Set(), newestAt: -1 };
    followed.set(source.sesUrl, state);
  }
  const current = state;
  current.reading ??= readNew(source.sesUrl, current).finally(() => (current.reading = undefined));
  await current.reading;
  return current.emails;
}

/** Forgets what was read from this store (after it was emptied). */
export function forgetFollowed(source: InboxSource): void {
  followed.delete(source.sesUrl);
}

async function readNew(sesUrl: string, state: Followed): Promise<void> {
  // The same second again: the store stamps whole seconds, and more emails may have arrived in the newest one.
  const since = state.newestAt >= 0 ? `?since=${state.newestAt}` : '';
  const { emails } = (await (await fetch(`${sesUrl}/store${since}`)).json()) as { emails: StoredEmail[] };
  for (const email of emails) {
    if (state.ids.has(email.messageId)) continue;
    state.ids.add(email.messageId);
    state.emails.push(email);
    state.newestAt = Math.max(state.newestAt, email.at);
  }
}
