import type { OtpEndpoints } from './otp-stack.ts';

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc?: string[]; bcc?: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** Every email the local SES has accepted so far. */
export async function listEmails(endpoints: OtpEndpoints): Promise<StoredEmail[]> {
  const store = (await (await fetch(`${endpoints.sesUrl}/store`)).json()) as { emails: StoredEmail[] };
  return store.emails;
}

export function emailsTo(emails: StoredEmail[], address: string): StoredEmail[] {
  return emails.filter((email) => email.destination.to.some((to) => to.toLowerCase().includes(address.toLowerCase())));
}

/** The first run of 4–10 digits in the text body: how clients and our smoke test read the code. */
export function codeIn(email: StoredEmail): string {
  const match = /\b(\d{4,10})\b/.exec(email.body.text ?? '');
  if (!match?.[1]) throw new Error(`no code in the email "${email.subject}"`);
  return match[1];
}

/** Waits for the email to `address` (polling the local inbox) and returns it. */
export async function waitForEmail(endpoints: OtpEndpoints, address: string, timeoutMs = 15_000): Promise<StoredEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [email] = emailsTo(await listEmails(endpoints), address);
    if (email) return email;
    if (Date.now() > deadline) throw new Error(`no email to ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A unique address per test, so tests sharing one inbox never read each other's mail. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.floor(Math.random() * 1e9)}@example.com`;
}
