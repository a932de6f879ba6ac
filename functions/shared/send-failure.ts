import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import { UndeliverableError } from './send-errors.ts';
import { markUndeliverable, withdrawCode } from './session-store.ts';
import type { CodeWriteTarget } from './session-writes.ts';

/** Which send failed, for the log lines: `SES` and `email`, or `SNS` and `SMS`. */
export interface SendChannel {
  provider: string;
  message: string;
}

/**
 * Settles a session whose message the provider did not accept; `target` is the code this invocation stored. The same
 * for email and SMS:
 *
 * - Refused for good (an UndeliverableError): one write removes the code and records `undeliverableAt` and
 *   `undeliverableReason`; returns 'undeliverable' so the record counts as processed: the rest of the batch goes
 *   on and nothing is retried or dead-lettered for a message the provider will keep refusing.
 * - Anything else: removes the code, best effort (the code was not delivered, so it must not stay valid; if the
 *   removal fails too, the code stays valid but unknown to anyone, within the MAX_CODES_PER_SESSION bound), then
 *   rethrows so the event source mapping retries the record.
 *
 * Logs the sessionId and the provider's error name only: never the code, its MAC, the address or the number.
 */
export async function settleFailedSend(
  error: unknown,
  context: { dynamoDb: DynamoDBClient; logger: Logger; target: CodeWriteTarget; sessionId: string; now: () => Date; channel: SendChannel },
): Promise<'undeliverable'> {
  const { dynamoDb, logger, target, sessionId, channel } = context;
  if (error instanceof UndeliverableError) {
    await markUndeliverable(dynamoDb, target, { at: context.now().toISOString(), reason: error.reason });
    const outcome = 'undeliverable';
    logger.warn(`${channel.provider} refused the ${channel.message} for good; session marked undeliverable`, {
      sessionId,
      outcome,
      errorName: error.reason,
    });
    return outcome;
  }
  try {
    await withdrawCode(dynamoDb, target);
  } catch (withdrawError) {
    logger.warn(`Could not withdraw the code of a failed ${channel.message}`, {
      sessionId,
      errorName: withdrawError instanceof Error ? withdrawError.name : 'UnknownError',
    });
  }
  throw error;
}
