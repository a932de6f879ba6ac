import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import { UndeliverableEmailError } from './errors.ts';
import { markUndeliverable, withdrawCode } from './session-store.ts';
import type { CodeWriteTarget } from './session-writes.ts';
import type { RecordOutcome } from './types.ts';

/**
 * Settles a session whose email SES did not accept; `target` is the code this invocation stored.
 *
 * - Refused for good (UndeliverableEmailError): one write removes the code and records `undeliverableAt` and
 *   `undeliverableReason`; returns 'undeliverable' so the record counts as processed: the rest of the batch goes
 *   on and nothing is retried or dead-lettered for a message SES will keep refusing.
 * - Anything else: removes the code, best effort (the code was not delivered, so it must not stay valid; if the
 *   removal fails too, the code stays valid but unknown to anyone, within the MAX_CODES_PER_SESSION bound), then
 *   rethrows so the event source mapping retries the record.
 *
 * Logs the sessionId and SES's error name only: never the code, its MAC or the address.
 */
export async function settleFailedSend(
  error: unknown,
  context: { dynamoDb: DynamoDBClient; logger: Logger; target: CodeWriteTarget; sessionId: string; now: () => Date },
): Promise<RecordOutcome> {
  const { dynamoDb, logger, target, sessionId } = context;
  if (error instanceof UndeliverableEmailError) {
    await markUndeliverable(dynamoDb, target, { at: context.now().toISOString(), reason: error.reason });
    const outcome: RecordOutcome = 'undeliverable';
    logger.warn('SES refused the email for good; session marked undeliverable', {
      sessionId,
      outcome,
      errorName: error.reason,
    });
    return outcome;
  }
  try {
    await withdrawCode(dynamoDb, target);
  } catch (withdrawError) {
    logger.warn('Could not withdraw the code of a failed email', {
      sessionId,
      errorName: withdrawError instanceof Error ? withdrawError.name : 'UnknownError',
    });
  }
  throw error;
}
