/**
 * `npm run attacks`: runs the attacks of SECURITY.md against a fresh local stack with the product's default policy
 * and prints what each achieved, as a Markdown table for RELIABILITY.md's Attacks table. The same runners back
 * test/attacks.test.ts, which asserts on them.
 *
 * Two stacks: one with every default; one for the failure budget with the send limits lifted (cooldown 0, 1000
 * codes per window), so that only the failure budget can stop a run of new sessions at one mailbox.
 */
import { join } from 'node:path';
import { startOtpStack, type OtpStack } from '../test/support/otp-stack.ts';
import {
  aliasedGenerate,
  burstOfGuesses,
  forgedEvents,
  MAILBOX_VARIANTS,
  mailboxVariants,
  wrongCodes,
} from '../test/support/attack-runs.ts';
import { GenerateOtpDocument, VerifyOtpDocument } from '../infra/documents/generated/graphql.ts';
import { graphql } from '../test/support/graphql-client.ts';
import { codeIn, uniqueEmail, waitForEmail } from '../test/support/inbox.ts';
import { SessionTable } from '../test/support/table.ts';
import { REPO_ROOT } from './startup.ts';

const log = (line: string) => process.stderr.write(`[attacks] ${line}\n`);
const rows: string[] = [];
const row = (attack: string, outcome: string) => {
  rows.push(`| ${attack} | ${outcome} |`);
  log(`${attack}: ${outcome}`);
};

async function withStack(name: string, context: Record<string, string>, run: (stack: OtpStack) => Promise<void>): Promise<void> {
  const stack = await startOtpStack({ stateDir: join(REPO_ROOT, '.local', name), web: false, log: () => {}, context });
  try {
    await run(stack);
  } finally {
    await stack.stop();
  }
}

async function defaultPolicyAttacks(stack: OtpStack): Promise<void> {
  const { endpoints } = stack;
  const table = new SessionTable(endpoints);
  try {
    const bursts = [];
    for (let i = 0; i < 20; i += 1) bursts.push(await burstOfGuesses(endpoints, table, 200));
    row(
      'Burst: 20 sessions × 200 concurrent guesses, right code last',
      `${bursts.filter((b) => b.verified > 0).length} of 20 sessions verified; at most ${Math.max(...bursts.map((b) => b.compared))} ` +
        `compared and ${Math.max(...bursts.map((b) => b.storedAttempts))} stored attempts per session`,
    );

    const alias = await aliasedGenerate(endpoints, () => stack.settled(), 10);
    row('One request, 10 aliased generateOtp fields for 10 addresses', `${alias.emailsSent} emails sent, ${alias.errors} errors`);

    for (const [label, variantsOf] of Object.entries(MAILBOX_VARIANTS)) {
      const outcome = await mailboxVariants(endpoints, () => stack.settled(), variantsOf);
      row(`Mailbox variants at once (${label}), 30 s cooldown`, `${outcome.accepted} of 4 accepted, ${outcome.emailsSent} emails`);
    }

    const forged = await forgedEvents(endpoints);
    row(
      'Forged publishOtpVerified by another IAM principal',
      `${forged.published} of ${forged.attempts} published (${forged.errorTypes.join(', ')})`,
    );

    const flood = await Promise.all(
      Array.from({ length: 150 }, (_, i) => graphql(endpoints, GenerateOtpDocument, { email: uniqueEmail(`flood-${i}`) })),
    );
    row(
      'Flood: 150 codes to 150 addresses at one domain within a minute',
      `${flood.filter((answer) => answer.body.data?.generateOtp).length} of 150 accepted`,
    );
  } finally {
    table.close();
  }
}

/**
 * New sessions at one mailbox, 4 wrong codes each (never the session's 5th, which would lock the session rather than
 * test the mailbox), until generateOtp refuses: the INVALID_CODE answers are guesses compared while the mailbox
 * was open.
 */
async function failureBudgetAttack(stack: OtpStack): Promise<void> {
  const { endpoints } = stack;
  const base = `victim${Date.now()}`;
  let sessions = 0;
  let comparedOpen = 0;
  let refusal = 'none';
  for (let i = 0; i < 10; i += 1) {
    const email = `${base}+${i}@example.com`;
    const generated = await graphql(endpoints, GenerateOtpDocument, { email });
    if (!generated.body.data?.generateOtp) {
      refusal = String(generated.body.errors?.[0]?.errorType);
      break;
    }
    sessions += 1;
    const sessionId = generated.body.data.generateOtp.sessionId;
    const code = codeIn(await waitForEmail(endpoints, email, 30_000));
    for (const wrong of wrongCodes(code, 4)) {
      const answer = await graphql(endpoints, VerifyOtpDocument, { sessionId, code: wrong });
      if (answer.body.data?.verifyOtp?.status === 'INVALID_CODE') comparedOpen += 1;
    }
  }
  row(
    'Guessing across sessions: new sessions at one mailbox, 4 wrong codes each (send limits lifted)',
    `${sessions} sessions started, ${comparedOpen} wrong codes answered INVALID_CODE, then ${refusal}`,
  );
}

await withStack('attacks', {}, defaultPolicyAttacks);
await withStack('attacks-budget', { resendCooldownSeconds: '0', maxCodesPerWindow: '1000' }, failureBudgetAttack);
process.stdout.write(['| attack | outcome |', '|---|---|', ...rows].join('\n') + '\n');
