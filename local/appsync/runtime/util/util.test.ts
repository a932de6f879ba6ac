import { describe, expect, it } from 'vitest';
import type { InvocationStateRef } from '../invocation-state.ts';
import { testContext } from '../test-context.ts';
import { authType } from './auth-type.ts';
import { createUtil } from './index.ts';
import { createTimeUtils } from './time.ts';

/** Expected values below come from these AWS pages (quoted examples or the behaviour their text defines). */
const UTIL = 'https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html';
const VTL_UTIL = 'https://docs.aws.amazon.com/appsync/latest/devguide/utility-helpers-in-util.html';
const TIME = 'https://docs.aws.amazon.com/appsync/latest/devguide/time-helpers-in-util-time.html';
const DYNAMODB = 'https://docs.aws.amazon.com/appsync/latest/devguide/dynamodb-helpers-in-util-dynamodb-js.html';
const TRANSFORM = 'https://docs.aws.amazon.com/appsync/latest/devguide/transformation-helpers-in-utils-transform-js.html';
const STR = 'https://docs.aws.amazon.com/appsync/latest/devguide/str-helpers-in-util-str-js.html';
const MATH = 'https://docs.aws.amazon.com/appsync/latest/devguide/math-helpers-in-util-math-js.html';
const FILTERS = 'https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-enhanced-filtering.html';

const ref: InvocationStateRef = {
  current: { ctx: testContext(), appendedErrors: [], logs: [], invalidations: [], responseHeaders: {}, responseHeaderBytes: 0 },
};
const util = createUtil(ref);

describe(`encoding utils (${UTIL})`, () => {
  it('base64Encode / base64Decode use UTF-8', () => {
    expect(util.base64Encode('hello world')).toBe('aGVsbG8gd29ybGQ=');
    expect(util.base64Decode('aGVsbG8gd29ybGQ=')).toBe('hello world');
    expect(util.base64Decode(util.base64Encode('é€'))).toBe('é€');
  });

  it('urlEncode / urlDecode follow application/x-www-form-urlencoded', () => {
    expect(util.urlEncode('a b&c=d/é*')).toBe('a+b%26c%3Dd%2F%C3%A9*');
    expect(util.urlDecode('a+b%26c%3Dd%2F%C3%A9*')).toBe('a b&c=d/é*');
  });

  it('escapeJavaScript returns a JavaScript-escaped string', () => {
    expect(util.escapeJavaScript(`He said "it's"\n\\`)).toBe(`He said \\"it\\'s\\"\\n\\\\`);
    expect(util.escapeJavaScript('é')).toBe('\\u00E9');
  });
});

describe(`ID generation utils (${UTIL})`, () => {
  it('autoId returns a 128-bit random UUID', () => {
    const id = util.autoId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(util.autoId()).not.toBe(id);
  });

  it('autoUlid returns a 128-bit ULID (26 Crockford base-32 characters, time first)', () => {
    const ulid = util.autoUlid();
    expect(ulid).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(util.autoUlid()).not.toBe(ulid);
  });

  it('autoKsuid returns a KSUID base62 encoded as a String with a length of 27', () => {
    const ksuid = util.autoKsuid();
    expect(ksuid).toMatch(/^[0-9A-Za-z]{27}$/);
    expect(util.autoKsuid()).not.toBe(ksuid);
  });
});

describe(`type and pattern matching utils (${UTIL})`, () => {
  it('matches: util.matches("a*b", "aaaaab") is true (whole-string match)', () => {
    expect(util.matches('a*b', 'aaaaab')).toBe(true);
    expect(util.matches('a*b', 'aaaaabc')).toBe(false);
  });

  it('isNull / isNullOrEmpty / isNullOrBlank', () => {
    expect(util.isNull(null)).toBe(true);
    expect(util.isNull('')).toBe(false);
    expect(util.isNullOrEmpty('')).toBe(true);
    expect(util.isNullOrEmpty(' ')).toBe(false);
    expect(util.isNullOrBlank(' \t')).toBe(true);
    expect(util.isNullOrBlank('x')).toBe(false);
  });

  it('defaultIfNull / defaultIfNullOrEmpty / defaultIfNullOrBlank', () => {
    expect(util.defaultIfNull(null, 'd')).toBe('d');
    expect(util.defaultIfNull('', 'd')).toBe('');
    expect(util.defaultIfNullOrEmpty('', 'd')).toBe('d');
    expect(util.defaultIfNullOrEmpty(' ', 'd')).toBe(' ');
    expect(util.defaultIfNullOrBlank(' ', 'd')).toBe('d');
    expect(util.defaultIfNullOrBlank('v', 'd')).toBe('v');
  });

  it('isString / isNumber / isBoolean / isList / isMap', () => {
    expect([util.isString('a'), util.isString(1)]).toEqual([true, false]);
    expect([util.isNumber(1.5), util.isNumber('1')]).toEqual([true, false]);
    expect([util.isBoolean(false), util.isBoolean('false')]).toEqual([true, false]);
    expect([util.isList([]), util.isList({})]).toEqual([true, false]);
    expect([util.isMap({}), util.isMap([]), util.isMap(null)]).toEqual([true, false, false]);
  });

  it('typeOf names "Null", "Number", "String", "Map", "List", "Boolean"', () => {
    expect([null, 1, 'a', {}, [], true].map(util.typeOf)).toEqual(['Null', 'Number', 'String', 'Map', 'List', 'Boolean']);
  });

  it('authType names the four documented modes', () => {
    expect(authType(null)).toBe('API Key Authorization');
    expect(authType({ accountId: '1', userArn: 'arn:aws:iam::1:user/x', cognitoIdentityAuthType: null })).toBe(
      'IAM Authorization',
    );
    expect(authType({ sub: 's', issuer: 'https://cognito-idp.us-east-1.amazonaws.com/pool', claims: {} })).toBe(
      'User Pool Authorization',
    );
    expect(authType({ sub: 's', issuer: 'https://auth.example.com', claims: {} })).toBe('Open ID Connect Authorization');
    expect(util.authType()).toBe('API Key Authorization');
  });
});

describe(`util.time (examples from ${TIME})`, () => {
  const time = createTimeUtils(() => 1517943695750);

  it('nowISO8601 / nowEpochSeconds / nowEpochMilliSeconds', () => {
    expect(time.nowISO8601()).toBe('2018-02-06T19:01:35.750Z');
    expect(time.nowEpochSeconds()).toBe(1517943695);
    expect(time.nowEpochMilliSeconds()).toBe(1517943695750);
    expect(Math.abs(util.time.nowEpochMilliSeconds() - Date.now())).toBeLessThan(1000);
  });

  it('nowFormatted("yyyy-MM-dd HH:mm:ssZ"[, "Australia/Perth"])', () => {
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth')).toBe('2018-02-07 03:01:35+0800');
  });

  it('parseFormattedToEpochMilliSeconds with an offset in the text or a zone argument', () => {
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-01 17:19:30+0000', 'yyyy-MM-dd HH:mm:ssZ')).toBe(1517505570000);
    expect(time.parseFormattedToEpochMilliSeconds('2018-02-01 17:19:30', 'yyyy-MM-dd HH:mm:ss', '+08:00')).toBe(
      1517476770000,
    );
  });

  it('parseISO8601ToEpochMilliSeconds("2018-02-01T17:21:05.180+08:00")', () => {
    expect(time.parseISO8601ToEpochMilliSeconds('2018-02-01T17:21:05.180+08:00')).toBe(1517476865180);
  });

  it('epochMilliSecondsToSeconds / epochMilliSecondsToISO8601', () => {
    expect(time.epochMilliSecondsToSeconds(1517943695750)).toBe(1517943695);
    expect(time.epochMilliSecondsToISO8601(1517943695750)).toBe('2018-02-06T19:01:35.750Z');
  });

  it('epochMilliSecondsToFormatted(1517943695750, "yyyy-MM-dd HH:mm:ssZ"[, "Australia/Perth"])', () => {
    expect(time.epochMilliSecondsToFormatted(1517943695750, 'yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(time.epochMilliSecondsToFormatted(1517943695750, 'yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth')).toBe(
      '2018-02-07 03:01:35+0800',
    );
  });

  it('supports SSS, XXX, EEE and quoted literal text (Java DateTimeFormatter letters)', () => {
    expect(time.epochMilliSecondsToFormatted(1517943695750, "EEE dd MMM yyyy 'at' HH:mm:ss.SSS XXX", 'UTC')).toBe(
      'Tue 06 Feb 2018 at 19:01:35.750 Z',
    );
    expect(time.epochMilliSecondsToFormatted(1517943695750, "yyyy-MM-dd'T'HH:mmXXX", 'America/New_York')).toBe(
      '2018-02-06T14:01-05:00',
    );
  });
});

describe(`util.dynamodb (examples from ${DYNAMODB})`, () => {
  const mapInput = { foo: 'bar', baz: 1234, beep: ['boop'] };
  const mapValues = { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } };

  it('toDynamoDB: string, number, boolean, list, map', () => {
    expect(util.dynamodb.toDynamoDB('foo')).toEqual({ S: 'foo' });
    expect(util.dynamodb.toDynamoDB(12345)).toEqual({ N: 12345 });
    expect(util.dynamodb.toDynamoDB(true)).toEqual({ BOOL: true });
    expect(util.dynamodb.toDynamoDB(['foo', 123, { bar: 'baz' }])).toEqual({
      L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }],
    });
    expect(util.dynamodb.toDynamoDB(mapInput)).toEqual({ M: mapValues });
  });

  it('toString / toStringSet', () => {
    expect(util.dynamodb.toString('foo')).toEqual({ S: 'foo' });
    expect(util.dynamodb.toStringSet(['foo', 'bar', 'baz'])).toEqual({ SS: ['foo', 'bar', 'baz'] });
  });

  it('toNumber / toNumberSet', () => {
    expect(util.dynamodb.toNumber(12345)).toEqual({ N: 12345 });
    expect(util.dynamodb.toNumberSet([1, 23, 4.56])).toEqual({ NS: [1, 23, 4.56] });
  });

  it('toBinary / toBinarySet', () => {
    expect(util.dynamodb.toBinary('foo')).toEqual({ B: 'foo' });
    expect(util.dynamodb.toBinarySet(['foo', 'bar', 'baz'])).toEqual({ BS: ['foo', 'bar', 'baz'] });
  });

  it('toBoolean / toNull', () => {
    expect(util.dynamodb.toBoolean(true)).toEqual({ BOOL: true });
    expect(util.dynamodb.toNull()).toEqual({ NULL: null });
  });

  it('toList / toMap / toMapValues', () => {
    expect(util.dynamodb.toList(['foo', 123, { bar: 'baz' }])).toEqual({
      L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }],
    });
    expect(util.dynamodb.toMap(mapInput)).toEqual({ M: mapValues });
    expect(util.dynamodb.toMapValues(mapInput)).toEqual(mapValues);
  });

  it('toS3Object / fromS3ObjectJson', () => {
    const stored = util.dynamodb.toS3Object('foo', 'bar', 'baz') as { S: string };
    expect(JSON.parse(stored.S)).toEqual({ s3: { key: 'foo', bucket: 'bar', region: 'baz' } });
    const versioned = util.dynamodb.toS3Object('foo', 'bar', 'baz', 'beep') as { S: string };
    expect(JSON.parse(versioned.S)).toEqual({ s3: { key: 'foo', bucket: 'bar', region: 'baz', version: 'beep' } });
    expect(util.dynamodb.fromS3ObjectJson('{ "s3" : { "key" : "foo", "bucket" : "bar", "region" : "baz" } }')).toEqual({
      key: 'foo',
      bucket: 'bar',
      region: 'baz',
    });
  });
});

describe(`util.transform (${TRANSFORM}; texts recorded from AppSync, local/fixtures/runtime/recorded-cases.ts)`, () => {
  const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

  it('toDynamoDBFilterExpression: a JSON string, every comparison in parentheses, no space after a function comma', () => {
    const json = util.transform.toDynamoDBFilterExpression({ title: { contains: 'Hello World' } });
    expect(json).toBe('{"expression":"(contains(#title,:title_contains))","expressionNames":{"#title":"title"},"expressionValues":{":title_contains":{"S":"Hello World"}}}');
  });

  it('toDynamoDBConditionExpression writes the same text as the filter helper', () => {
    const condition = { id: { attributeExists: false }, tags: { size: { gt: 2 } } };
    expect(util.transform.toDynamoDBConditionExpression(condition)).toBe(util.transform.toDynamoDBFilterExpression(condition));
    expect(parse(util.transform.toDynamoDBConditionExpression(condition))).toEqual({
      expression: '(attribute_not_exists(#id)) AND (size(#tags) > :tags_size_gt)',
      expressionNames: { '#id': 'id', '#tags': 'tags' },
      expressionValues: { ':tags_size_gt': { N: 2 } },
    });
  });

  it('names values after their nesting and wraps groups of several members', () => {
    expect(parse(util.transform.toDynamoDBFilterExpression({ not: { or: [{ a: { eq: 1 } }, { b: { between: [1, 2] } }] } }))).toEqual({
      expression: '(NOT ((#a = :not_or_0_a_eq) OR (#b BETWEEN :not_or_1_b_between_start AND :not_or_1_b_between_end)))',
      expressionNames: { '#a': 'a', '#b': 'b' },
      expressionValues: { ':not_or_0_a_eq': { N: 1 }, ':not_or_1_b_between_start': { N: 1 }, ':not_or_1_b_between_end': { N: 2 } },
    });
  });

  it('answers null, not an error, for a filter it cannot render', () => {
    expect(util.transform.toDynamoDBFilterExpression({ v: { like: 'x' } })).toBeNull();
    expect(util.transform.toDynamoDBConditionExpression({ and: { a: { eq: 1 } } })).toBeNull();
  });

  it(`toSubscriptionFilter multiplies operators, or members and rules out into groups (${FILTERS})`, () => {
    expect(util.transform.toSubscriptionFilter({ severity: { ge: 7, eq: 1 }, owner: { eq: 'x' } }, ['owner'])).toEqual({
      filterGroup: [
        { filters: [{ fieldName: 'severity', operator: 'ge', value: 7 }] },
        { filters: [{ fieldName: 'severity', operator: 'eq', value: 1 }] },
      ],
    });
    expect(util.transform.toSubscriptionFilter({ a: { eq: 1 }, or: [{ b: { eq: 2 } }, { c: { eq: 3 } }] }, [], { r: { eq: 4 } })).toEqual({
      filterGroup: [
        { filters: [{ fieldName: 'a', operator: 'eq', value: 1 }, { fieldName: 'b', operator: 'eq', value: 2 }, { fieldName: 'r', operator: 'eq', value: 4 }] },
        { filters: [{ fieldName: 'a', operator: 'eq', value: 1 }, { fieldName: 'c', operator: 'eq', value: 3 }, { fieldName: 'r', operator: 'eq', value: 4 }] },
      ],
    });
    expect(util.transform.toSubscriptionFilter('{"a":{"eq":1}}')).toBeNull();
  });
});

describe(`util.str (${STR})`, () => {
  it('normalize with nfc / nfd / nfkc / nfkd', () => {
    const decomposed = 'e\u0301';
    expect(util.str.normalize(decomposed, 'nfc')).toBe('\u00e9');
    expect(util.str.normalize('\u00e9', 'nfd')).toBe(decomposed);
    expect(util.str.normalize('\ufb01', 'nfkc')).toBe('fi');
    expect(util.str.normalize('\ufb01', 'nfkd')).toBe('fi');
  });
});

describe(`util.math (${MATH})`, () => {
  it('roundNum rounds a double to the nearest integer; minVal / maxVal', () => {
    expect(util.math.roundNum(10.6)).toBe(11);
    expect(util.math.roundNum(10.2)).toBe(10);
    expect(util.math.minVal(10.6, 4)).toBe(4);
    expect(util.math.maxVal(10.6, 4)).toBe(10.6);
  });

  it('randomDouble is in [0, 1); randomWithinRange stays within the range', () => {
    for (let i = 0; i < 200; i += 1) {
      const double = util.math.randomDouble();
      expect(double).toBeGreaterThanOrEqual(0);
      expect(double).toBeLessThan(1);
      const integer = util.math.randomWithinRange(3, 6);
      expect(Number.isInteger(integer)).toBe(true);
      expect(integer).toBeGreaterThanOrEqual(3);
      expect(integer).toBeLessThanOrEqual(6);
    }
  });
});

describe(`error utils (${VTL_UTIL})`, () => {
  it('appendError records into the current evaluation with null for missing parts', () => {
    util.appendError('msg', 'Type');
    expect(ref.current?.appendedErrors).toEqual([{ message: 'msg', errorType: 'Type', data: null, errorInfo: null }]);
  });
});
