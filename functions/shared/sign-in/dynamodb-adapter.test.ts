import { describe, expect, it } from 'vitest';
import { sendTransaction } from '../../../resolvers/lib/send-refusal.ts';
import { newSessionAttributes } from '../../../resolvers/lib/session.ts';
import { toAttributeMap, toAttributeValue } from './dynamodb-adapter.ts';

describe('AppSync typed values as SDK AttributeValues', () => {
  it('turns numbers (AppSync allows N as a number) into text, inside maps and lists too, and keeps the rest', () => {
    expect(toAttributeValue({ N: 5 })).toEqual({ N: '5' });
    expect(toAttributeValue({ N: '5' })).toEqual({ N: '5' });
    expect(toAttributeValue({ S: 'x' })).toEqual({ S: 'x' });
    expect(toAttributeValue({ BOOL: true })).toEqual({ BOOL: true });
    expect(toAttributeValue({ M: { a: { N: 1 }, b: { L: [{ N: 2 }, { S: 'y' }] } } })).toEqual({ M: { a: { N: '1' }, b: { L: [{ N: '2' }, { S: 'y' }] } } });
    expect(toAttributeValue({ M: {} })).toEqual({ M: {} });
    expect(() => toAttributeValue({})).toThrow(/needs a type/);
  });

  it("converts generateOtp's session attributes, as the sign-in trigger puts them", () => {
    const attributes = newSessionAttributes({
      sessionId: 's', email: 'ada@example.org', mailbox: 'ada@example.org', audience: 'cognito:c', nowMillis: 0, expiresAt: 300,
    });
    expect(toAttributeMap(attributes as never)).toMatchObject({ attempts: { N: '0' }, expiresAt: { N: '300' }, codes: { M: {} }, status: { S: 'PENDING' } });
    // Every value of the send transaction converts (a typo in a builder's shape would throw here, not at run time).
    const request = sendTransaction({
      tableName: 't',
      stash: { sessionId: 's', nowSeconds: 1000, expiresAt: 1300 },
      sessionAttributes: attributes,
      destination: 'ada@example.org',
      limits: { maxPerWindow: 5, windowSeconds: 900, cooldownSeconds: 30 } as never,
      budgets: [] as never,
    });
    for (const entry of request.transactItems as unknown as Record<string, Record<string, Record<string, never>> | undefined>[]) {
      expect(() => toAttributeMap(entry.key)).not.toThrow();
      expect(() => toAttributeMap(entry.condition?.expressionValues)).not.toThrow();
    }
  });
});
