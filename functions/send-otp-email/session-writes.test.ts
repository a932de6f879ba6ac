import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { EMAIL_FUNCTION_WRITTEN_ATTRIBUTES, isSessionPk, sessionPk } from '../../infra/model/index.ts';
import {
  markEmailedRequest,
  markUndeliverableRequest,
  storeCodeHashRequest,
  withdrawCodeRequest,
} from './session-writes.ts';

const target = { tableName: 'OtpTable', pk: sessionPk('6f1c0000-0000-4000-8000-000000000000'), codeHash: 'ab'.repeat(32) };
const requests: Record<string, UpdateItemCommandInput> = {
  storeCodeHash: storeCodeHashRequest(target, 1_700_000_000),
  markEmailed: markEmailedRequest(target, '2026-01-01T00:00:00.000Z'),
  withdrawCode: withdrawCodeRequest(target),
  markUndeliverable: markUndeliverableRequest(target, { at: '2026-01-01T00:00:00.000Z', reason: 'MessageRejected' }),
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
    expect(requests.storeCodeHash).toMatchObject({
      UpdateExpression: 'SET codes.#h = :issuedAt',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(emailedAt) AND attribute_not_exists(undeliverableAt) ' +
        'AND size(codes) < :maxCodes',
      ExpressionAttributeNames: { '#h': target.codeHash },
      ExpressionAttributeValues: { ':issuedAt': { N: '1700000000' }, ':maxCodes': { N: '3' } },
    });
    expect(requests.markEmailed).toMatchObject({
      UpdateExpression: 'SET emailedAt = :emailedAt',
      ConditionExpression: 'attribute_exists(codes.#h)',
      ExpressionAttributeNames: { '#h': target.codeHash },
    });
    expect(requests.withdrawCode).toMatchObject({
      UpdateExpression: 'REMOVE codes.#h',
      ConditionExpression: 'attribute_exists(pk)',
    });
    expect(requests.markUndeliverable).toMatchObject({
      UpdateExpression: 'REMOVE codes.#h SET undeliverableAt = :now, undeliverableReason = :reason',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': { S: '2026-01-01T00:00:00.000Z' }, ':reason': { S: 'MessageRejected' } },
    });
  });
});
