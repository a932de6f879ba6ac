/**
 * Reading the local SNS's SMS inbox (`GET {smsUrl}/store`, local/services/sns-local), for the end-to-end tests: the
 * texts sent to one number, waiting for one, and the code in it.
 */
import type { OtpEndpoints } from './otp-stack.ts';

/** Where the local SNS is: the stack's endpoints. */
export type SmsInboxSource = Pick<OtpEndpoints, 'smsUrl'>;

/** A text message as the local SNS's store lists it. */
export interface StoredSms {
  phoneNumber: string;
  message: string;
  senderId?: string;
  sentAt: string;
}

/** Every text the local SNS has accepted so far. */
export async function listTexts(source: SmsInboxSource): Promise<StoredSms[]> {
  if (!source.smsUrl) throw new Error('the stack has no local SNS (smsUrl)');
  const store = (await (await fetch(`${source.smsUrl}/store`)).json()) as { messages: StoredSms[] };
  return store.messages;
}

/** The texts sent to `phoneNumber` (E.164, as SNS was given it). */
export async function textsTo(source: SmsInboxSource, phoneNumber: string): Promise<StoredSms[]> {
  return (await listTexts(source)).filter((sms) => sms.phoneNumber === phoneNumber);
}

/** Waits for the first text to `phoneNumber` and returns it. */
export async function waitForText(source: SmsInboxSource, phoneNumber: string, timeoutMs = 15_000): Promise<StoredSms> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [sms] = await textsTo(source, phoneNumber);
    if (sms) return sms;
    if (Date.now() > deadline) throw new Error(`no text to ${phoneNumber} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The code a text starts with (every locale's SMS puts it first, so it shows in a notification); throws when none. */
export function codeInText(sms: StoredSms): string {
  const code = /^(\d{4,10})\b/.exec(sms.message)?.[1];
  if (!code) throw new Error(`no code at the start of the text to ${sms.phoneNumber}`);
  return code;
}

/**
 * A mobile number no other test uses, in E.164: GB +44 7400 nnnnnn or DE +49 1512 nnnnnnn (both in
 * libphonenumber-js's mobile ranges and in the default allowed countries).
 */
export function uniqueMobile(country: 'GB' | 'DE' = 'GB'): string {
  const digits = (count: number) => String(Math.floor(Math.random() * 10 ** count)).padStart(count, '0');
  return country === 'GB' ? `+447400${digits(6)}` : `+491512${digits(7)}`;
}
