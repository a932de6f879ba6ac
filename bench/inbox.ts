/** Reads the local SES store (`GET {sesUrl}/store`) for the email-latency and drain steps. */

interface StoredEmail {
  destination: { to: string[] };
  at: number;
}

/** Addresses of every email the local SES holds. */
export async function storedRecipients(sesUrl: string): Promise<string[]> {
  const store = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: StoredEmail[] };
  return store.emails.flatMap((email) => email.destination.to.map((to) => to.toLowerCase()));
}

/** Empties the store, so later polls stay small. */
export async function clearStore(sesUrl: string): Promise<void> {
  await fetch(`${sesUrl}/clear-store`, { method: 'POST' });
}

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
    const count = (await storedRecipients(sesUrl)).length;
    if (count >= expected || Date.now() > deadline) return count;
    if (count !== last) {
      last = count;
      stableSince = Date.now();
    } else if (Date.now() - stableSince > 3000) return count;
    await sleep(250);
  }
}

/**
 * Waits for the email to `address` and returns the code in it (the first run of 4–10 digits of the text body, as
 * clients read it). The code is used for one verify request and never printed.
 */
export async function waitForCode(sesUrl: string, address: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const store = (await (await fetch(`${sesUrl}/store`)).json()) as { emails: (StoredEmail & { body?: { text?: string } })[] };
    const email = store.emails.find((candidate) => candidate.destination.to.some((to) => to.toLowerCase() === address.toLowerCase()));
    const code = email ? /\b(\d{4,10})\b/.exec(email.body?.text ?? '')?.[1] : undefined;
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`no email with a code to ${address} within ${timeoutMs} ms`);
    await sleep(25);
  }
}
