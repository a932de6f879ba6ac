/**
 * Reading the local SES's inbox (`GET {sesUrl}/store` of aws-ses-v2-local), for the end-to-end tests, the function
 * harness and the benchmarks alike.
 */
import { followedEmails, forgetFollowed } from './inbox-follower.ts';
import type { OtpEndpoints } from './otp-stack.ts';

/** Where the local SES is: the stack's endpoints, or `{ sesUrl }` of a local SES started on its own. */
export type InboxSource = Pick<OtpEndpoints, 'sesUrl'>;

/** An email as the local SES's store lists it. */
export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc?: string[]; bcc?: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** Every email the local SES has accepted so far. */
export async function listEmails(source: InboxSource): Promise<StoredEmail[]> {
  const store = (await (await fetch(`${source.sesUrl}/store`)).json()) as { emails: StoredEmail[] };
  return store.emails;
}

/**
 * Empties the store, so later polls stay small. Only on a stack of one's own: the local SES has one store for
 * everyone reading mail from it.
 */
export async function clearInbox(source: InboxSource): Promise<void> {
  await fetch(`${source.sesUrl}/clear-store`, { method: 'POST' });
  forgetFollowed(source);
}

export function emailsTo(emails: readonly StoredEmail[], address: string): StoredEmail[] {
  return emails.filter((email) => email.destination.to.some((to) => to.toLowerCase().includes(address.toLowerCase())));
}

/** The first run of 4–10 digits in a text: how clients (and these tests) read the code from an email. */
export function extractCode(text: string): string | undefined {
  return /\b(\d{4,10})\b/.exec(text)?.[1];
}

/** The code in the email's text body; throws when there is none. */
export function codeIn(email: StoredEmail): string {
  const code = extractCode(email.body.text ?? '');
  if (!code) throw new Error(`no code in the email "${email.subject}"`);
  return code;
}

/** Waits for the email to `address` (polling the local inbox, reading only what is new: inbox-follower.ts) and returns it. */
export async function waitForEmail(source: InboxSource, address: string, timeoutMs = 15_000): Promise<StoredEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [email] = emailsTo(await followedEmails(source), address);
    if (email) return email;
    if (Date.now() > deadline) throw new Error(`no email to ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A unique address per test, so tests sharing one inbox never read each other's mail. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e9)}@example.com`;
}
