import type { InboxSource, StoredEmail } from './inbox.ts';
import { followedEmails } from './inbox-follower.ts';

/**
 * One poller of the local inbox shared by many concurrent clients: each waits for the mail to its own address
 * without every client downloading the whole store several times a second (which would load the stack more
 * than the traffic under test). Each poll reads only what arrived since the last (inbox-follower.ts): over a soak the
 * store grows to hundreds of emails of about 8.6 kB, and a full read every 300 ms serialized and parsed megabytes.
 */
export class MailWatcher {
  private readonly byAddress = new Map<string, StoredEmail[]>();
  private readonly seen = new Set<string>();
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;

  constructor(
    private readonly endpoints: InboxSource,
    private readonly intervalMs = 300,
  ) {}

  start(): void {
    const tick = () => {
      this.polling = this.poll().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.polling?.catch(() => {});
  }

  /** Reads the store once now (also useful after stop, for a final count). */
  async poll(): Promise<void> {
    for (const email of await followedEmails(this.endpoints)) {
      if (this.seen.has(email.messageId)) continue;
      this.seen.add(email.messageId);
      for (const to of email.destination.to) {
        const address = to.toLowerCase();
        this.byAddress.set(address, [...(this.byAddress.get(address) ?? []), email]);
      }
    }
  }

  /** Every email seen so far to `address`. */
  mailTo(address: string): StoredEmail[] {
    return this.byAddress.get(address.toLowerCase()) ?? [];
  }

  /** Resolves with the first email to `address`; rejects after `timeoutMs`. */
  async waitFor(address: string, timeoutMs = 30_000): Promise<StoredEmail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [email] = this.mailTo(address);
      if (email) return email;
      if (Date.now() > deadline) throw new Error(`no email to ${address} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, this.intervalMs / 2));
    }
  }
}
