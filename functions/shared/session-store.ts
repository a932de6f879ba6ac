import { ConditionalCheckFailedException, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  markEmailedRequest,
  markUndeliverableRequest,
  storeCodeMacRequest,
  withdrawCodeRequest,
  type CodeWriteTarget,
} from './session-writes.ts';

/**
 * Adds the code's MAC and key to the session's `codes` (see storeCodeMacRequest for the condition).
 * Returns false when the condition fails: the session is gone, no longer PENDING, already emailed, undeliverable,
 * or holds MAX_CODES_PER_SESSION codes.
 */
export async function storeCodeMac(
  client: DynamoDBClient,
  target: CodeWriteTarget,
  issuedAtEpochSeconds: number,
): Promise<boolean> {
  return conditionally(client.send(new UpdateItemCommand(storeCodeMacRequest(target, issuedAtEpochSeconds))));
}

/**
 * Records that SES accepted the email for the code whose MAC is `target.mac`.
 * Returns false when that MAC is no longer in `codes` (the session was deleted, or the code removed meanwhile).
 */
export async function markEmailed(client: DynamoDBClient, target: CodeWriteTarget, emailedAt: string): Promise<boolean> {
  return conditionally(client.send(new UpdateItemCommand(markEmailedRequest(target, emailedAt))));
}

/** Removes the code's MAC from `codes`. Returns false when the session is gone. */
export async function withdrawCode(client: DynamoDBClient, target: CodeWriteTarget): Promise<boolean> {
  return conditionally(client.send(new UpdateItemCommand(withdrawCodeRequest(target))));
}

/** Removes the code's MAC and records `undeliverableAt` / `undeliverableReason`. Returns false when the session is gone. */
export async function markUndeliverable(
  client: DynamoDBClient,
  target: CodeWriteTarget,
  undeliverable: { at: string; reason: string },
): Promise<boolean> {
  return conditionally(client.send(new UpdateItemCommand(markUndeliverableRequest(target, undeliverable))));
}

export async function conditionally(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
