import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFunction as bundleFunctionCode } from '../../infra/lib/function-code.ts';

/** A session item as the resolvers write it (plain values; see sessionItem for the DynamoDB form). */
export interface SessionFields {
  sessionId: string;
  email: string;
  status: 'PENDING' | 'VERIFIED';
  attempts: number;
  createdAt: string;
  expiresAt: number;
  emailedAt?: string;
  /** Code hash → issued-at epoch second; generateOtp creates the session with none. */
  codes: Record<string, number>;
}

/** Session fields with defaults: a fresh PENDING session expiring in 5 minutes. */
export function sessionFields(overrides: Partial<SessionFields> = {}): SessionFields {
  const sessionId = overrides.sessionId ?? randomUUID();
  return {
    sessionId,
    email: `user-${sessionId.slice(0, 8)}@example.com`,
    status: 'PENDING',
    attempts: 0,
    createdAt: new Date().toISOString(),
    expiresAt: Math.floor(Date.now() / 1000) + 300,
    codes: {},
    ...overrides,
  };
}

/**
 * The attribute values a session item holds (strings, numbers, and the `codes` map of numbers): usable both with
 * the SDK and in a Lambda stream record.
 */
export type SessionAttributeValue = { S: string } | { N: string } | { M: Record<string, { N: string }> };

/** The DynamoDB item (typed attribute values) for a session. */
export function sessionItem(fields: SessionFields): Record<string, SessionAttributeValue> {
  const item: Record<string, SessionAttributeValue> = {
    pk: { S: `SESSION#${fields.sessionId}` },
    sessionId: { S: fields.sessionId },
    email: { S: fields.email },
    status: { S: fields.status },
    attempts: { N: String(fields.attempts) },
    createdAt: { S: fields.createdAt },
    expiresAt: { N: String(fields.expiresAt) },
    codes: { M: Object.fromEntries(Object.entries(fields.codes).map(([hash, issuedAt]) => [hash, { N: String(issuedAt) }])) },
  };
  if (fields.emailedAt) item.emailedAt = { S: fields.emailedAt };
  return item;
}

let sequence = 1000;

/** A stream record as Lambda delivers it for the INSERT of a session (NEW_IMAGE view). */
export function sessionInsertRecord(fields: SessionFields): DynamoDBRecord {
  sequence += 1;
  const item = sessionItem(fields);
  return {
    eventID: randomUUID().replaceAll('-', ''),
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-west-1',
    eventSourceARN: 'arn:aws:dynamodb:eu-west-1:000000000000:table/OtpTable/stream/2025-01-01T00:00:00.000',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: { pk: item.pk as AttributeValue },
      NewImage: item,
      SequenceNumber: String(sequence).padStart(21, '0'),
      SizeBytes: 200,
      StreamViewType: 'NEW_IMAGE',
    },
  };
}

/** The event Lambda passes for a batch of stream records. */
export function streamEvent(...records: DynamoDBRecord[]): DynamoDBStreamEvent {
  return { Records: records };
}

/** Bundles the function into `outDir/index.mjs` exactly as the CDK app does. */
export function bundleFunction(outDir: string): void {
  bundleFunctionCode(join(dirname(fileURLToPath(import.meta.url)), 'index.ts'), outDir);
}

/** The first 4–10 digit run of a text, as clients extract the code. */
export function extractCode(text: string): string | undefined {
  return /\b(\d{4,10})\b/.exec(text)?.[1];
}
