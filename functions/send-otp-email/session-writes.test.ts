import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { EMAIL_FUNCTION_WRITTEN_ATTRIBUTES, isSessionPk, sessionPk } from '../../infra/model/index.ts';
import {
  markEmailedRequest,
  markUndeliverableRequest,
  storeCodeMacRequest,
  withdrawCodeRequest,
} from '../shared/session-writes.ts';
import { markSuppressedRequest, suppressionReadRequest } from './suppression.ts';

const target = {
  tableName: 'OtpTable',
  pk: sessionPk('6f1c0000-0000-4000-8000-000000000000'),
  mac: 'q83vASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4k=',
  keyId: 'arn:aws:kms:eu-west-1:000000000000:key/aaaaaaaa-0000-4000-8000-000000000000',
};
const requests: Record<string, UpdateItemCommandInput> = {
  storeCodeMac: storeCodeMacRequest(target, 1_700_000_000),
  markEmailed: markEmailedRequest(target, '2026-01-01T00:00:00.000Z'),
  withdrawCode: withdrawCodeRequest(target),
  markUndeliverable: markUndeliverableRequest(target, { at: '2026-01-01T00:00:00.000Z', reason: 'MessageRejected' }),
  markSuppressed: markSuppressedRequest('OtpTable', target.pk, '2026-01-01T00:00:00.000Z'),
};

/** The top-level attribute names an UpdateExpression writes (SET / REMOVE / ADD / DELETE targets). */
function writtenAttributes(request: UpdateItemCommandInput): string[] {
  const names = request.ExpressionAttributeNames ?? {};
  const clauses = (request.UpdateExpression ?? '').split(/\b(?=SET|REMOVE|ADD|DELETE)\b/);
  return clauses.flatMap((clause) => {
    const [, body = ''] = /^(?:SET|REMOVE|ADD|DELETE)\s+(.*)$/s.exec(clause.trim()) ?? [];
    return body.split(',').map((action) => {
      const root = action.trim().split(/[\s=.[]/)[0] ?? '';
      return root.startsWith('#') ? (names[root] ?? root) : root;
    });
  });
}

describe('the email function’s session writes', () => {
  it('write only SESSION# items and only the attributes the IAM policy allows', () => {
    for (const [name, request] of Object.entries(requests)) {
      expect(isSessionPk(request.Key?.pk?.S), name).toBe(true);
      expect(Object.keys(request.Key ?? {}), name).toEqual(['pk']);
      const written = writtenAttributes(request);
      expect(written.length, name).toBeGreaterThan(0);
      for (const attribute of written) expect(EMAIL_FUNCTION_WRITTEN_ATTRIBUTES, name).toContain(attribute);
    }
  });

  it('together write every allowed attribute (so the list holds nothing the function no longer writes)', () => {
    const written = new Set(Object.values(requests).flatMap(writtenAttributes));
    expect([...written].sort()).toEqual([...EMAIL_FUNCTION_WRITTEN_ATTRIBUTES].sort());
  });

  it('are the expressions agreed with the resolvers and the IAM policy', () => {
    // The MAC is the map key and the key that made it is stored with it (StoredCode in infra/model/items.ts).
    expect(requests.storeCodeMac).toMatchObject({
      UpdateExpression: 'SET codes.#m = :code',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(emailedAt) AND attribute_not_exists(undeliverableAt) ' +
        'AND size(codes) < :maxCodes',
      ExpressionAttributeNames: { '#m': target.mac },
      ExpressionAttributeValues: {
        ':code': { M: { keyId: { S: target.keyId }, issuedAt: { N: '1700000000' } } },
        ':maxCodes': { N: '3' },
      },
    });
    expect(requests.markEmailed).toMatchObject({
      UpdateExpression: 'SET emailedAt = :emailedAt',
      ConditionExpression: 'attribute_exists(codes.#m)',
      ExpressionAttributeNames: { '#m': target.mac },
    });
    expect(requests.withdrawCode).toMatchObject({
      UpdateExpression: 'REMOVE codes.#m',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#m': target.mac },
    });
    expect(requests.markUndeliverable).toMatchObject({
      UpdateExpression: 'REMOVE codes.#m SET undeliverableAt = :now, undeliverableReason = :reason',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': { S: '2026-01-01T00:00:00.000Z' }, ':reason': { S: 'MessageRejected' } },
    });
  });
});

describe('the email function’s suppression read', () => {
  it('is a consistent GetItem of the SUPPRESSED# key projecting only what its IAM policy allows', () => {
    expect(suppressionReadRequest('OtpTable', 'bob@example.com')).toEqual({
      TableName: 'OtpTable',
      Key: { pk: { S: 'SUPPRESSED#bob@example.com' } },
      ConsistentRead: true,
      ProjectionExpression: 'pk, expiresAt',
    });
  });

  it('marks a suppressed session undeliverable with reason Suppressed, never over an earlier outcome', () => {
    expect(markSuppressedRequest('OtpTable', target.pk, '2026-01-01T00:00:00.000Z')).toMatchObject({
      UpdateExpression: 'SET undeliverableAt = :now, undeliverableReason = :reason',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(emailedAt) AND attribute_not_exists(undeliverableAt)',
      ExpressionAttributeValues: { ':reason': { S: 'Suppressed' } },
    });
  });
});
