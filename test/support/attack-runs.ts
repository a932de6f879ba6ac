/**
 * Attacks on the service as an attacker holding the public API key (or another IAM principal) would run them, each
 * returning what it achieved. test/attacks.test.ts asserts on these outcomes; bench/attacks.ts (`npm run attacks`)
 * prints them for RELIABILITY.md's Attacks table.
 */
import type { OtpEndpoints } from './otp-stack.ts';
import { GenerateOtpDocument, PublishOtpVerifiedDocument, VerifyOtpDocument } from '../../infra/documents/generated/graphql.ts';
import { graphql } from './graphql-client.ts';
import { codeIn, emailsTo, listEmails, uniqueEmail, waitForEmail } from './inbox.ts';
import type { SessionTable } from './table.ts';

/**
 * The stack's settle barrier (LocalStack.settled, or the shared test stack's): once it resolves, every email the
 * stack was going to send for the requests made so far is in the inbox, so a count of them is final.
 */
export type Settle = () => Promise<void>;

/** A new session for `email` and the code emailed for it. */
export async function newSession(endpoints: OtpEndpoints, email: string): Promise<{ sessionId: string; code: string }> {
  const answer = await graphql(endpoints, GenerateOtpDocument, { email });
  const sessionId = answer.body.data?.generateOtp?.sessionId;
  if (!sessionId) throw new Error(`generateOtp failed: ${JSON.stringify(answer.body)}`);
  return { sessionId, code: codeIn(await waitForEmail(endpoints, email, 30_000)) };
}

/** `count` distinct wrong codes of the right code's length. */
export function wrongCodes(code: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => String((Number(code) + 1 + i) % 10 ** code.length).padStart(code.length, '0'));
}

/** What a burst of guesses achieved on one session. */
export interface BurstOutcome {
  /** Answers that reflect a comparison of the code (INVALID_CODE or VERIFIED). */
  compared: number;
  /** Requests answered VERIFIED. */
  verified: number;
  /** `attempts` stored on the session afterwards. */
  storedAttempts: number;
  /** Whether the session is VERIFIED in the table afterwards. */
  storedVerified: boolean;
}

/** `count` new sessions and their codes, asked for together (their emails arrive side by side, not one by one). */
export function newSessions(endpoints: OtpEndpoints, count: number, label = 'burst'): Promise<{ sessionId: string; code: string }[]> {
  return Promise.all(Array.from({ length: count }, () => newSession(endpoints, uniqueEmail(label))));
}

/**
 * `guesses` concurrent verifyOtp requests on one session nobody has guessed on yet (a new one unless given, e.g. from
 * {@link newSessions}), all wrong but the last.
 */
export async function burstOfGuesses(
  endpoints: OtpEndpoints,
  table: SessionTable,
  guesses: number,
  session?: { sessionId: string; code: string },
): Promise<BurstOutcome> {
  const { sessionId, code } = session ?? (await newSession(endpoints, uniqueEmail('burst')));
  const answers = await Promise.all(
    [...wrongCodes(code, guesses - 1), code].map((guess) => graphql(endpoints, VerifyOtpDocument, { sessionId, code: guess })),
  );
  const results = answers.map((answer) => answer.body.data?.verifyOtp);
  const stored = await table.session(sessionId);
  return {
    compared: results.filter((result) => result?.status === 'INVALID_CODE' || result?.status === 'VERIFIED').length,
    verified: results.filter((result) => result?.verified === true).length,
    storedAttempts: Number(stored?.attempts ?? 0),
    storedVerified: stored?.status === 'VERIFIED',
  };
}

/** What one request with many aliased generateOtp fields achieved. */
export interface AliasOutcome {
  /** Session ids in the answer (a failed `OtpSession!` field nulls the whole mutation, so this can be 0). */
  sessionsReturned: number;
  /** Emails to any of the addresses: the sessions actually started. */
  emailsSent: number;
  errors: number;
}

/** One request whose `fields` aliased generateOtp fields each ask a code for another address. */
export async function aliasedGenerate(endpoints: OtpEndpoints, settled: Settle, fields: number): Promise<AliasOutcome> {
  const emails = Array.from({ length: fields }, (_, i) => uniqueEmail(`alias-${i}`));
  const selections = emails.map((_, i) => `a${i}: generateOtp(email: $e${i}) { sessionId }`).join('\n');
  const query = `mutation Aliases(${emails.map((_, i) => `$e${i}: AWSEmail!`).join(', ')}) {\n${selections}\n}`;
  const variables = Object.fromEntries(emails.map((email, i) => [`e${i}`, email]));
  const answer = await graphql<Record<string, { sessionId: string } | null>>(endpoints, query, variables);
  await settled();
  const inbox = await listEmails(endpoints);
  return {
    sessionsReturned: Object.values(answer.body.data ?? {}).filter((value) => value?.sessionId).length,
    emailsSent: emails.flatMap((email) => emailsTo(inbox, email)).length,
    errors: answer.body.errors?.length ?? 0,
  };
}

/** Variants of one mailbox, built from a unique local part. */
export const MAILBOX_VARIANTS = {
  'plus tags': (base: string) => [`${base}@example.com`, `${base}+1@example.com`, `${base}+shop@example.com`, `${base.toUpperCase()}+x@EXAMPLE.com`],
  'Gmail dots and googlemail.com': (base: string) => [
    `${base}@gmail.com`,
    `${base.slice(0, 3)}.${base.slice(3)}@gmail.com`,
    `${base}@googlemail.com`,
    `${base}+z@gmail.com`,
  ],
} as const;

/** What concurrent requests for variants of one mailbox achieved. */
export interface VariantOutcome {
  accepted: number;
  refusedTypes: string[];
  emailsSent: number;
}

/** generateOtp for every variant of one mailbox at once. */
export async function mailboxVariants(
  endpoints: OtpEndpoints,
  settled: Settle,
  variantsOf: (base: string) => readonly string[],
): Promise<VariantOutcome> {
  const base = `mbx${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const variants = variantsOf(base);
  const answers = await Promise.all(variants.map((email) => graphql(endpoints, GenerateOtpDocument, { email })));
  await settled();
  const inbox = await listEmails(endpoints);
  return {
    accepted: answers.filter((answer) => answer.body.data?.generateOtp?.sessionId).length,
    refusedTypes: answers.flatMap((answer) => (answer.body.data?.generateOtp ? [] : [String(answer.body.errors?.[0]?.errorType)])),
    // Any variant's email counts (a dotted Gmail variant does not contain the base as written).
    emailsSent: inbox.filter((email) => email.destination.to.some((to) => variants.some((variant) => to.toLowerCase() === variant.toLowerCase()))).length,
  };
}

/** What forged publishOtpVerified calls achieved. */
export interface ForgeryOutcome {
  /** Forgeries that were published (returned an event). */
  published: number;
  attempts: number;
  errorTypes: string[];
}

/**
 * publishOtpVerified signed with the stack's local IAM user (not the publisher function's role): once for a real
 * verified session, once for a session that never existed.
 */
export async function forgedEvents(endpoints: OtpEndpoints): Promise<ForgeryOutcome> {
  const email = uniqueEmail('forge');
  const { sessionId, code } = await newSession(endpoints, email);
  await graphql(endpoints, VerifyOtpDocument, { sessionId, code });
  const answers = await Promise.all(
    [sessionId, '7d3f1a52-1c1e-4c8e-9a51-5b6f0c6d7e8f'].map((target) =>
      graphql(
        endpoints,
        PublishOtpVerifiedDocument,
        { sessionId: target, email, verifiedAt: new Date().toISOString() },
        { iam: endpoints.iam, region: endpoints.region },
      ),
    ),
  );
  return {
    published: answers.filter((answer) => answer.body.data?.publishOtpVerified).length,
    attempts: answers.length,
    errorTypes: answers.map((answer) => String(answer.body.errors?.[0]?.errorType ?? 'none')),
  };
}
