import { ConditionalCheckFailedException, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PENDING_STATUS } from './constants.ts';

/**
 * Stores the code's hash on a session that is still PENDING and not yet emailed.
 * Returns false when the condition fails: the session is gone, no longer pending, or was emailed meanwhile.
 */
export async function storeCodeHash(
  client: DynamoDBClient,
  input: { tableName: string; pk: string; codeHash: string },
): Promise<boolean> {
  return conditionally(
    client.send(
      new UpdateItemCommand({
        TableName: input.tableName,
        Key: { pk: { S: input.pk } },
        UpdateExpression: 'SET codeHash = :hash',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(emailedAt) AND #status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':hash': { S: input.codeHash }, ':pending': { S: PENDING_STATUS } },
      }),
    ),
  );
}

/**
 * Records that SES accepted the email for the code whose hash is `codeHash`.
 * Returns false when the stored hash differs: a later attempt drew a newer code, and its email wins.
 */
export async function markEmailed(
  client: DynamoDBClient,
  input: { tableName: string; pk: string; codeHash: string; emailedAt: string },
): Promise<boolean> {
  return conditionally(
    client.send(
      new UpdateItemCommand({
        TableName: input.tableName,
        Key: { pk: { S: input.pk } },
        UpdateExpression: 'SET emailedAt = :emailedAt',
        ConditionExpression: 'codeHash = :hash',
        ExpressionAttributeValues: { ':emailedAt': { S: input.emailedAt }, ':hash': { S: input.codeHash } },
      }),
    ),
  );
}

async function conditionally(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
