/**
 * Turns the measured DynamoDB usage per API call into usage per verification (one generateOtp, its email, one
 * right-code verifyOtp) for the cost table. Pure. The email Lambda's own writes are not seen by the engine's
 * counters; they are counted from its code (functions/send-otp-email/session-store.ts: storeCodeHash, markEmailed).
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

/**
 * Write request units per verification by DynamoDB's published rules (1 WRU per standard write of an item ≤ 1 KB,
 * 2 per item of a transactional write), from the writes in the resolvers' code: generateOtp's TransactWriteItems
 * of 3 items (session, rate-window counter, cooldown mark) and verifyOtp's TransactWriteItems of 1 item. DynamoDB
 * Local's own ConsumedCapacity is shown in the per-call table but not used: it under-reports transactions.
 */
export const API_WRITE_UNITS_PER_VERIFICATION = 3 * 2 + 1 * 2;

/** Usage of one verification (generateOtp, its email, one right-code verifyOtp). */
export function summarizeUsage(rows: readonly UsageRow[], lambda: LambdaAssumption): DynamoDbUsageSummary {
  const generate = rows.find((row) => row.answer === 'created');
  const verify = rows.find((row) => row.answer === 'VERIFIED');
  const apiWrites = API_WRITE_UNITS_PER_VERIFICATION;
  const writeUnits = apiWrites + LAMBDA_WRITES_PER_SESSION;
  const gbSeconds = (lambda.memoryMb / 1024) * (lambda.durationMs / 1000);
  const assumptions = [
    'One verification = generateOtp + its email + one verifyOtp with the right code (2 AppSync operations). Each wrong code adds 1 AppSync operation and 2 DynamoDB requests (a cancelled transaction, then the attempt count); their write units are not in this table (how DynamoDB bills a transaction cancelled by its condition is not confirmed here).',
    `DynamoDB writes: ${apiWrites} WRU from the API (generateOtp: a 3-item transaction, 2 WRU per item; verifyOtp: a 1-item transaction, 2 WRU) + ${LAMBDA_WRITES_PER_SESSION} WRU from the email Lambda (two UpdateItems); all items < 1 KB. No reads: the Lambda reads the stream, and Lambda's reads of a DynamoDB stream are not charged.`,
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
  const text = `Per verification (generateOtp + right-code verifyOtp): ${(generate?.requests ?? 0) + (verify?.requests ?? 0)} DynamoDB requests from the API and ${LAMBDA_WRITES_PER_SESSION} from the email Lambda; ${writeUnits} write units in all.`;
  return { perVerification, assumptions, text };
}
