import type { _Record as SdkStreamRecord, StreamRecord as SdkStreamData } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';

type Image = Record<string, AttributeValue>;

/**
 * A record as GetRecords sends it (the SDK's shape before its parsing): attribute values as Lambda's event holds them
 * (binary in base64) and the creation time in epoch seconds.
 */
export type WireStreamRecord = Omit<SdkStreamRecord, 'dynamodb'> & {
  dynamodb?: Omit<SdkStreamData, 'ApproximateCreationDateTime' | 'Keys' | 'NewImage' | 'OldImage'> & {
    ApproximateCreationDateTime?: number;
    Keys?: Image;
    NewImage?: Image;
    OldImage?: Image;
  };
};

/** Where a stream record came from, to label it as Lambda does. */
export interface RecordSource {
  /** The mapping's region (DynamoDB Local reports `ddblocal`). */
  region: string;
  /** The stream ARN as Lambda shows it (region normalized). */
  eventSourceArn: string;
  /** Epoch ms when the poller read the record. */
  observedAtMs: number;
}

/**
 * Converts a record from DynamoDB Local's GetRecords into the record Lambda delivers.
 *
 * Differences normalized: `awsRegion` is `ddblocal` locally; `eventSourceARN` is added (GetRecords has none);
 * `ApproximateCreationDateTime` (epoch seconds) is truncated to the minute by DynamoDB Local, so the time the poller
 * read the record is used when later: it is within one poll of the write; an empty map written as `{}` is `{ M: {} }`.
 */
export function toLambdaRecord(record: WireStreamRecord, source: RecordSource): DynamoDBRecord {
  const stream = record.dynamodb ?? {};
  const localSeconds = Math.floor(stream.ApproximateCreationDateTime ?? 0);
  const dynamodb: NonNullable<DynamoDBRecord['dynamodb']> = {
    ApproximateCreationDateTime: Math.max(localSeconds, Math.floor(source.observedAtMs / 1000)),
    Keys: convertImage(stream.Keys),
    NewImage: convertImage(stream.NewImage),
    OldImage: convertImage(stream.OldImage),
    SequenceNumber: stream.SequenceNumber,
    SizeBytes: stream.SizeBytes,
    StreamViewType: stream.StreamViewType,
  };
  for (const key of Object.keys(dynamodb) as (keyof typeof dynamodb)[]) {
    if (dynamodb[key] === undefined) delete dynamodb[key];
  }
  const lambdaRecord: DynamoDBRecord = {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: source.region,
    dynamodb,
    eventSourceARN: source.eventSourceArn,
  };
  if (record.userIdentity) {
    // TTL deletions carry { type: 'Service', principalId: 'dynamodb.amazonaws.com' }.
    lambdaRecord.userIdentity = { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId };
  }
  return lambdaRecord;
}

/** The stream ARN with DynamoDB Local's `ddblocal` region replaced by the mapping's region. */
export function normalizeStreamArn(streamArn: string, region: string): string {
  return streamArn.replace(/^arn:aws:dynamodb:ddblocal:/, `arn:aws:dynamodb:${region}:`);
}

function convertImage(image: Image | undefined): Image | undefined {
  if (!image) return undefined;
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, convertValue(value)]));
}

function convertValue(value: AttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: value.B };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.L !== undefined) return { L: value.L.map(convertValue) };
  if (value.M !== undefined) return { M: convertImage(value.M) ?? {} };
  // DynamoDB Local's stream records write an empty map as `{}` (GetItem returns it as {"M":{}}; empty lists and
  // nested non-empty maps keep their type), so a value without any type can only be an empty map.
  if (Object.values(value).every((member) => member === undefined)) return { M: {} };
  throw new Error(`Unsupported attribute value in a stream record: ${JSON.stringify(value)}`);
}
