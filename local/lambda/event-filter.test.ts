import { describe, expect, it } from 'vitest';
import { matchesAnyFilter, matchesPattern, parseFilterPattern } from './event-filter.ts';

const insert = {
  eventName: 'INSERT',
  eventSource: 'aws:dynamodb',
  dynamodb: {
    Keys: { pk: { S: 'SESSION#abc' } },
    NewImage: {
      pk: { S: 'SESSION#abc' },
      status: { S: 'PENDING' },
      email: { S: 'User@Example.com' },
      attempts: { N: '0' },
      tags: { SS: ['a', 'b'] },
    },
    SizeBytes: 120,
  },
};

const match = (pattern: object, record: unknown = insert) => matchesPattern(record, parseFilterPattern(JSON.stringify(pattern)));

describe('event filter', () => {
  it('matches exact values and rejects others', () => {
    expect(match({ eventName: ['INSERT'] })).toBe(true);
    expect(match({ eventName: ['MODIFY'] })).toBe(false);
    expect(match({ eventName: ['MODIFY', 'INSERT'] })).toBe(true);
    expect(match({ dynamodb: { SizeBytes: [120] } })).toBe(true);
    expect(match({ dynamodb: { SizeBytes: ['120'] } })).toBe(false);
  });

  it('descends nested objects and requires every key (AND)', () => {
    expect(match({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'SESSION#' }] } } } })).toBe(true);
    expect(match({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'RATE#' }] } } } })).toBe(false);
    expect(match({ dynamodb: { Missing: { S: ['x'] } } })).toBe(false);
  });

  it('supports prefix and suffix, also ignoring case', () => {
    expect(match({ dynamodb: { NewImage: { email: { S: [{ suffix: '@Example.com' }] } } } })).toBe(true);
    expect(match({ dynamodb: { NewImage: { email: { S: [{ suffix: '@example.com' }] } } } })).toBe(false);
    expect(match({ dynamodb: { NewImage: { email: { S: [{ suffix: { 'equals-ignore-case': '@EXAMPLE.COM' } }] } } } })).toBe(true);
    expect(match({ dynamodb: { NewImage: { email: { S: [{ prefix: { 'equals-ignore-case': 'user@' } }] } } } })).toBe(true);
  });

  it('supports equals-ignore-case and wildcard', () => {
    expect(match({ eventName: [{ 'equals-ignore-case': 'insert' }] })).toBe(true);
    expect(match({ eventName: [{ 'equals-ignore-case': 'modify' }] })).toBe(false);
    expect(match({ dynamodb: { Keys: { pk: { S: [{ wildcard: 'SESSION#*' }] } } } })).toBe(true);
    expect(match({ dynamodb: { Keys: { pk: { S: [{ wildcard: '*#x' }] } } } })).toBe(false);
  });

  it('supports anything-but with values, lists and prefixes', () => {
    expect(match({ eventName: [{ 'anything-but': 'REMOVE' }] })).toBe(true);
    expect(match({ eventName: [{ 'anything-but': ['INSERT', 'REMOVE'] }] })).toBe(false);
    expect(match({ eventName: [{ 'anything-but': { prefix: 'INS' } }] })).toBe(false);
    // A missing field is not "anything but": only exists:false matches absence.
    expect(match({ userIdentity: [{ 'anything-but': 'x' }] })).toBe(false);
  });

  it('supports numeric ranges on JSON numbers only', () => {
    expect(match({ dynamodb: { SizeBytes: [{ numeric: ['>', 100, '<=', 120] }] } })).toBe(true);
    expect(match({ dynamodb: { SizeBytes: [{ numeric: ['<', 100] }] } })).toBe(false);
    expect(match({ dynamodb: { SizeBytes: [{ numeric: ['=', 120] }] } })).toBe(true);
    // DynamoDB numbers are strings in the event: a numeric filter does not match them.
    expect(match({ dynamodb: { NewImage: { attempts: { N: [{ numeric: ['=', 0] }] } } } })).toBe(false);
  });

  it('supports exists true and false', () => {
    expect(match({ dynamodb: { NewImage: { status: { S: [{ exists: true }] } } } })).toBe(true);
    expect(match({ dynamodb: { NewImage: { emailedAt: { S: [{ exists: false }] } } } })).toBe(true);
    expect(match({ dynamodb: { NewImage: { emailedAt: { S: [{ exists: true }] } } } })).toBe(false);
    expect(match({ dynamodb: { NewImage: { status: { S: [{ exists: false }] } } } })).toBe(false);
  });

  it('matches an array value in the record when any element matches', () => {
    expect(match({ dynamodb: { NewImage: { tags: { SS: ['b'] } } } })).toBe(true);
    expect(match({ dynamodb: { NewImage: { tags: { SS: ['c'] } } } })).toBe(false);
  });

  it('matches null literally', () => {
    expect(match({ value: [null] }, { value: null })).toBe(true);
    expect(match({ value: [null] }, { value: 'x' })).toBe(false);
    expect(match({ value: [null] }, {})).toBe(false);
  });

  it('supports $or', () => {
    expect(match({ $or: [{ eventName: ['MODIFY'] }, { eventName: ['INSERT'] }] })).toBe(true);
    expect(match({ $or: [{ eventName: ['MODIFY'] }, { eventName: ['REMOVE'] }] })).toBe(false);
  });

  it('ORs the filters of a mapping, and lets everything through without filters', () => {
    const patterns = [{ eventName: ['MODIFY'] }, { eventName: ['INSERT'] }].map((p) => parseFilterPattern(JSON.stringify(p)));
    expect(matchesAnyFilter(insert, patterns)).toBe(true);
    expect(matchesAnyFilter(insert, patterns.slice(0, 1))).toBe(false);
    expect(matchesAnyFilter(insert, [])).toBe(true);
  });

  it('rejects malformed patterns', () => {
    expect(() => parseFilterPattern('not json')).toThrow(/not JSON/);
    expect(() => parseFilterPattern('["INSERT"]')).toThrow(/not an object/);
    expect(() => parseFilterPattern('{"eventName":"INSERT"}')).toThrow(/must be an array/);
    expect(() => parseFilterPattern('{"eventName":[{"startsWith":"I"}]}')).toThrow(/unknown matcher/);
  });
});
