import { describe, expect, it } from 'vitest';
import { normalizeStreamArn, toLambdaRecord } from './stream-record.ts';

describe('toLambdaRecord', () => {
  it('normalizes what DynamoDB Local returns into what Lambda delivers', () => {
    const observedAtMs = Date.UTC(2025, 0, 1, 12, 0, 42, 500);
    const record = toLambdaRecord(
      {
        eventID: 'id-1',
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'ddblocal',
        dynamodb: {
          // DynamoDB Local truncates to the minute.
          ApproximateCreationDateTime: Date.UTC(2025, 0, 1, 12, 0, 0) / 1000,
          Keys: { pk: { S: 'SESSION#1' } },
          NewImage: {
            pk: { S: 'SESSION#1' },
            n: { N: '5' },
            b: { B: 'AQID' },
            nested: { M: { list: { L: [{ BOOL: true }, { NULL: true }, { BS: ['/w=='] }] } } },
          },
          SequenceNumber: '000000000000000000001',
          SizeBytes: 42,
          StreamViewType: 'NEW_IMAGE',
        },
      },
      { region: 'eu-west-1', eventSourceArn: 'arn:aws:dynamodb:eu-west-1:000000000000:table/t/stream/x', observedAtMs },
    );
    expect(record).toEqual({
      eventID: 'id-1',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      eventSourceARN: 'arn:aws:dynamodb:eu-west-1:000000000000:table/t/stream/x',
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(observedAtMs / 1000),
        Keys: { pk: { S: 'SESSION#1' } },
        NewImage: {
          pk: { S: 'SESSION#1' },
          n: { N: '5' },
          b: { B: 'AQID' },
          nested: { M: { list: { L: [{ BOOL: true }, { NULL: true }, { BS: ['/w=='] }] } } },
        },
        SequenceNumber: '000000000000000000001',
        SizeBytes: 42,
        StreamViewType: 'NEW_IMAGE',
      },
    });
  });

  it('keeps the userIdentity of TTL deletions', () => {
    const record = toLambdaRecord(
      { eventName: 'REMOVE', userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' }, dynamodb: {} },
      { region: 'eu-west-1', eventSourceArn: 'arn', observedAtMs: 0 },
    );
    expect(record.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
  });
});

describe('normalizeStreamArn', () => {
  it('replaces the ddblocal region', () => {
    expect(normalizeStreamArn('arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2025', 'us-east-1')).toBe(
      'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2025',
    );
  });
});
