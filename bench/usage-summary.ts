/**
 * Turns the measured DynamoDB usage per API call into usage per verification (one generateOtp, its email, one
 * right-code verifyOtp) for the cost table. Pure. The email Lambda's own writes are not seen by the engine's
 * counters; they are counted from its code (functions/shared/session-store.ts: storeCodeHash, markEmailed).
 */
import type { UsageRow } from './dynamodb-usage.ts';
import type { UsagePerVerification } from './pricing.ts';

/** Writes the email Lambda makes per session: storeCodeHash and markEmailed, one UpdateItem each. */
export const LAMBDA_WRITES_PER_SESSION = 2;

export interface DynamoDbUsageSummary {
  perVerification: UsagePerVerification;
  assumptions: string[];
  /** A markdown paragraph for the report. */
  text: string;
}

export interface LambdaAssumption {
  memoryMb: number;
  /** Billed duration per invocation, ms. */
  durationMs: number;
}

/** Items in generateOtp's TransactWriteItems: session, rate window, cooldown, mailbox lock check, two budget counters. */
export const GENERATE_TRANSACTION_ITEMS = 6;
/** Right-code verifyOtp: the attempt count (a standard UpdateItem), then a transaction of the session and the lock check. */
export const VERIFY_STANDARD_WRITES = 1;
export const VERIFY_TRANSACTION_ITEMS = 2;

/**
 * Write request units per verification by DynamoDB's published rules (1 WRU per standard write of an item ≤ 1 KB,
 * 2 per item of a transactional write), from the writes in the resolvers' code (the same requests the direct floor
 * sends; bench/floor-check.ts holds the floor to them): generateOtp's 6-item TransactWriteItems, verifyOtp's
 * UpdateItem and 2-item TransactWriteItems. Each transaction has one ConditionCheck (the mailbox lock), counted
 * like the other items: DynamoDB's pages do not say plainly how a ConditionCheck is billed; a third-party
 * measurement against AWS (martinhicks.dev, "What a conditional DynamoDB transaction actually costs") found 2 WCU.
 * DynamoDB Local's own ConsumedCapacity is shown in the per-call table but not used: it under-reports transactions.
 */
export const API_WRITE_UNITS_PER_VERIFICATION = GENERATE_TRANSACTION_ITEMS * 2 + VERIFY_STANDARD_WRITES + VERIFY_TRANSACTION_ITEMS * 2;

/** Usage of one verification (generateOtp, its email, one right-code verifyOtp). */
export function summarizeUsage(rows: readonly UsageRow[], lambda: LambdaAssumption): DynamoDbUsageSummary {
  const generate = rows.find((row) => row.answer === 'created');
  const verify = rows.find((row) => row.answer === 'VERIFIED');
  const apiWrites = API_WRITE_UNITS_PER_VERIFICATION;
  const writeUnits = apiWrites + LAMBDA_WRITES_PER_SESSION;
  const gbSeconds = (lambda.memoryMb / 1024) * (lambda.durationMs / 1000);
  const assumptions = [
    'One verification = generateOtp + its email + one verifyOtp with the right code (2 AppSync operations). Each wrong code adds 1 AppSync operation and 2 DynamoDB requests (two UpdateItems: the session\'s attempt count and the mailbox\'s failure count, about 2 WRU), not in this table; the wrong code that uses up a mailbox\'s failure budget, and each one while it is locked, adds a third (the lock).',
    `DynamoDB writes: ${apiWrites} WRU from the API (generateOtp: a ${GENERATE_TRANSACTION_ITEMS}-item transaction, 2 WRU per item; verifyOtp: an UpdateItem, 1 WRU, and a ${VERIFY_TRANSACTION_ITEMS}-item transaction, 2 WRU per item; each transaction's ConditionCheck counted as 2 WRU, see the note in bench/usage-summary.ts) + ${LAMBDA_WRITES_PER_SESSION} WRU from the email Lambda (two UpdateItems); all items < 1 KB. No reads: the Lambda reads the stream, and Lambda's reads of a DynamoDB stream are not charged; AppSync's re-read after a failed condition (closed sessions) happens on no path of a verification.`,
    `Lambda: one invocation per session (batches of one at low traffic; up to 10 records share an invocation under load, which only lowers the cost), ${lambda.memoryMb} MB, ${lambda.durationMs} ms billed (assumed: the SES call dominates; CloudWatch's Duration gives the real figure after deploy). Stream events filtered out (MODIFY, REMOVE) are not billed.`,
    'Not included: data transfer, CloudWatch Logs, DynamoDB storage (sessions are deleted by TTL a day after use), the SQS dead-letter queue (empty when healthy), free tiers.',
  ];
  const perVerification: UsagePerVerification = {
    appsyncOperations: 2,
    writeUnits,
    readUnits: 0,
    lambdaInvocations: 1,
    lambdaGbSeconds: gbSeconds,
    emails: 1,
  };
  const generateRequests = generate?.requests ?? 0;
  const verifyRequests = verify?.requests ?? 0;
  const text = `Per verification (generateOtp + right-code verifyOtp): ${generateRequests} + ${verifyRequests} = ${generateRequests + verifyRequests} DynamoDB requests from the API and ${LAMBDA_WRITES_PER_SESSION} from the email Lambda; ${writeUnits} write units in all.`;
  return { perVerification, assumptions, text };
}
