import { describe, expect, it } from 'vitest';
import { loadModule } from '../load-module.ts';
import { testContext } from '../test-context.ts';
import { dynamodbModule as ddb } from './index.ts';

/**
 * Expected request shapes: the DynamoDB request documents of the JS resolver reference and the built-in module page.
 * Where AWS does not print the generated expression text, the tests pin this implementation's text (marked
 * "unconfirmed text") so a change is deliberate.
 */
const MODULE = 'https://docs.aws.amazon.com/appsync/latest/devguide/built-in-modules-js.html';
const GET = 'https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-getitem.html';
const PUT = 'https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-putitem.html';
const UPDATE = 'https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-updateitem.html';
const DELETE = 'https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-deleteitem.html';
const QUERY = 'https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-query.html';
const SCAN = 'https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-scan.html';
const SYNC = 'https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-sync.html';
const BATCH_GET = 'https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-batch-get-item.html';
const BATCH_PUT = 'https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-batch-put-item.html';
const BATCH_DELETE =
  'https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-batch-delete-item.html';
const TRANSACT_GET =
  'https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-transact-get-items.html';
const TRANSACT_WRITE =
  'https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-transact-write-items.html';
const CONDITIONS =
  'https://docs.aws.amazon.com/appsync/latest/devguide/js-aws-appsync-resolver-reference-dynamodb-condition-expressions.html';

describe(`request builders (${MODULE})`, () => {
  it(`get → GetItem with typed key (${GET})`, () => {
    expect(ddb.get({ key: { id: 'abc' }, consistentRead: true, projection: ['id', 'author.name'] })).toEqual({
      operation: 'GetItem',
      key: { id: { S: 'abc' } },
      consistentRead: true,
      projection: { expression: '#id, #author.#name', expressionNames: { '#id': 'id', '#author': 'author', '#name': 'name' } },
    });
  });

  it(`put → PutItem with key and attributeValues apart, optional condition (${PUT})`, () => {
    expect(
      ddb.put({
        key: { id: 'abc' },
        item: { title: 'New Task', owner: 'me', isComplete: false, points: 3 },
        condition: { id: { attributeExists: false } },
      }),
    ).toEqual({
      operation: 'PutItem',
      key: { id: { S: 'abc' } },
      attributeValues: {
        title: { S: 'New Task' },
        owner: { S: 'me' },
        isComplete: { BOOL: false },
        points: { N: 3 },
      },
      condition: { expression: 'attribute_not_exists(#id)', expressionNames: { '#id': 'id' }, expressionValues: {} },
    });
  });

  it(`remove → DeleteItem (${DELETE})`, () => {
    expect(ddb.remove({ key: { id: 'abc' }, condition: { owner: { eq: 'me' } } })).toEqual({
      operation: 'DeleteItem',
      key: { id: { S: 'abc' } },
      condition: {
        expression: '#owner = :owner_eq',
        expressionNames: { '#owner': 'owner' },
        expressionValues: { ':owner_eq': { S: 'me' } },
      },
    });
  });

  it(`update → UpdateItem with AppSync's #expName_n / :expValue_n placeholders (${UPDATE}; see README for unconfirmed forms)`, () => {
    expect(
      ddb.update({
        key: { id: 1 },
        update: {
          isVerified: true,
          name: ddb.operations.replace('Ann'),
          address: ddb.operations.add({ city: 'New York' }),
          nickname: ddb.operations.remove(),
          friendsCount: ddb.operations.increment(10),
          score: ddb.operations.decrement(2),
          friendsIds: ddb.operations.append([101, 104]),
          recentIds: ddb.operations.prepend([7]),
          tags: [ddb.operations.updateListItem('102', 1), ddb.operations.updateListItem('112', 2)],
          profile: { bio: 'hi' },
        },
        condition: { name: { eq: 'Bob' } },
      }),
    ).toEqual({
      operation: 'UpdateItem',
      key: { id: { N: 1 } },
      update: {
        expression:
          'SET #expName_1 = :expValue_1, #expName_2 = :expValue_2, #expName_3 = :expValue_3, ' +
          '#expName_5 = #expName_5 + :expValue_4, #expName_6 = #expName_6 - :expValue_5, ' +
          '#expName_7 = list_append(#expName_7, :expValue_6), #expName_8 = list_append(:expValue_7, #expName_8), ' +
          '#expName_9[1] = :expValue_8, #expName_9[2] = :expValue_9, #expName_10.#expName_11 = :expValue_10 REMOVE #expName_4',
        expressionNames: {
          '#expName_1': 'isVerified',
          '#expName_2': 'name',
          '#expName_3': 'address',
          '#expName_4': 'nickname',
          '#expName_5': 'friendsCount',
          '#expName_6': 'score',
          '#expName_7': 'friendsIds',
          '#expName_8': 'recentIds',
          '#expName_9': 'tags',
          '#expName_10': 'profile',
          '#expName_11': 'bio',
        },
        expressionValues: {
          ':expValue_1': { BOOL: true },
          ':expValue_2': { S: 'Ann' },
          ':expValue_3': { M: { city: { S: 'New York' } } },
          ':expValue_4': { N: 10 },
          ':expValue_5': { N: 2 },
          ':expValue_6': { L: [{ N: 101 }, { N: 104 }] },
          ':expValue_7': { L: [{ N: 7 }] },
          ':expValue_8': { S: '102' },
          ':expValue_9': { S: '112' },
          ':expValue_10': { S: 'hi' },
        },
      },
      condition: {
        expression: '#name = :name_eq',
        expressionNames: { '#name': 'name' },
        expressionValues: { ':name_eq': { S: 'Bob' } },
      },
    });
  });
  it('update: plain values and null are SET in order, as recorded from AppSync (EvaluateCode output in public tests)', () => {
    expect(ddb.update({ key: { id: 'u1' }, update: { name: 'Toni', bio: null } }).update).toEqual({
      expression: 'SET #expName_1 = :expValue_1, #expName_2 = :expValue_2',
      expressionNames: { '#expName_1': 'name', '#expName_2': 'bio' },
      expressionValues: { ':expValue_1': { S: 'Toni' }, ':expValue_2': { NULL: null } },
    });
  });
  it('update: decrement(1) is SET a = a - 1, as recorded from AppSync (no ADD: a missing attribute fails, as on AWS)', () => {
    expect(ddb.update({ key: { streamId: 'asdf' }, update: { currentView: ddb.operations.decrement(1) } }).update).toEqual({
      expression: 'SET #expName_1 = #expName_1 - :expValue_1',
      expressionNames: { '#expName_1': 'currentView' },
      expressionValues: { ':expValue_1': { N: 1 } },
    });
  });
  it('update: increment() defaults to 1 and uses +', () => {
    expect(ddb.update({ key: { id: 'u1' }, update: { age: ddb.operations.increment() } }).update).toEqual({
      expression: 'SET #expName_1 = #expName_1 + :expValue_1',
      expressionNames: { '#expName_1': 'age' },
      expressionValues: { ':expValue_1': { N: 1 } },
    });
  });
  it('operations build the documented { _type } markers (dynamodb-helpers.d.ts)', () => {
    expect(ddb.operations.increment()).toEqual({ _type: 'increment', by: 1 });
    expect(ddb.operations.decrement()).toEqual({ _type: 'decrement', by: 1 });
    expect(ddb.operations.remove()).toEqual({ _type: 'remove' });
    expect(ddb.operations.updateListItem('x', 2)).toEqual({ _type: 'updateListItem', payload: 'x', index: 2 });
  });

  it(`query → Query with key conditions, filter, index, paging (${QUERY}; unconfirmed text)`, () => {
    expect(
      ddb.query({
        query: { pk: { eq: 'USER#1' }, sk: { beginsWith: 'ORDER#' } },
        filter: { status: { ne: 'CANCELLED' } },
        index: 'byUser',
        limit: 20,
        nextToken: 'token',
        scanIndexForward: false,
        consistentRead: false,
        select: 'ALL_ATTRIBUTES',
      }),
    ).toEqual({
      operation: 'Query',
      query: {
        expression: '#pk = :pk_eq AND begins_with(#sk, :sk_beginsWith)',
        expressionNames: { '#pk': 'pk', '#sk': 'sk' },
        expressionValues: { ':pk_eq': { S: 'USER#1' }, ':sk_beginsWith': { S: 'ORDER#' } },
      },
      filter: {
        expression: '#status <> :status_ne',
        expressionNames: { '#status': 'status' },
        expressionValues: { ':status_ne': { S: 'CANCELLED' } },
      },
      index: 'byUser',
      limit: 20,
      nextToken: 'token',
      scanIndexForward: false,
      consistentRead: false,
      select: 'ALL_ATTRIBUTES',
    });
  });

  it(`scan → Scan with segments and filter (${SCAN})`, () => {
    expect(ddb.scan({ limit: 10, segment: 0, totalSegments: 2, filter: { points: { gt: 5 } } })).toEqual({
      operation: 'Scan',
      limit: 10,
      segment: 0,
      totalSegments: 2,
      filter: {
        expression: '#points > :points_gt',
        expressionNames: { '#points': 'points' },
        expressionValues: { ':points_gt': { N: 5 } },
      },
    });
  });

  it(`sync → Sync (${SYNC})`, () => {
    expect(ddb.sync({ limit: 10, nextToken: 'n', lastSync: 1517943695750 })).toEqual({
      operation: 'Sync',
      limit: 10,
      nextToken: 'n',
      lastSync: 1517943695750,
    });
  });

  it(`batchGet → BatchGetItem per table (${BATCH_GET})`, () => {
    expect(
      ddb.batchGet({ tables: { post: { keys: [{ id: '1' }, { id: '2' }], consistentRead: false, projection: ['id'] } } }),
    ).toEqual({
      operation: 'BatchGetItem',
      tables: {
        post: {
          keys: [{ id: { S: '1' } }, { id: { S: '2' } }],
          consistentRead: false,
          projection: { expression: '#id', expressionNames: { '#id': 'id' } },
        },
      },
    });
  });

  it(`batchPut → BatchPutItem (${BATCH_PUT})`, () => {
    expect(ddb.batchPut({ tables: { post: [{ id: 'one', value: 'x' }], comment: [{ id: 'one', text: 'y' }] } })).toEqual({
      operation: 'BatchPutItem',
      tables: {
        post: [{ id: { S: 'one' }, value: { S: 'x' } }],
        comment: [{ id: { S: 'one' }, text: { S: 'y' } }],
      },
    });
  });

  it(`batchDelete → BatchDeleteItem (${BATCH_DELETE})`, () => {
    expect(ddb.batchDelete({ tables: { post: [{ id: 'one' }, { id: 'two' }] } })).toEqual({
      operation: 'BatchDeleteItem',
      tables: { post: [{ id: { S: 'one' } }, { id: { S: 'two' } }] },
    });
  });

  it(`transactGet → TransactGetItems (${TRANSACT_GET})`, () => {
    expect(ddb.transactGet({ items: [{ table: 'post', key: { id: '1' }, projection: ['name'] }] })).toEqual({
      operation: 'TransactGetItems',
      transactItems: [
        { table: 'post', key: { id: { S: '1' } }, projection: { expression: '#name', expressionNames: { '#name': 'name' } } },
      ],
    });
  });

  it(`transactWrite → TransactWriteItems in order (${TRANSACT_WRITE})`, () => {
    expect(
      ddb.transactWrite({
        items: [
          { putItem: { table: 'post', key: { id: '1' }, item: { title: 't' } } },
          { deleteItem: { table: 'post', key: { id: '2' } } },
          { updateItem: { table: 'post', key: { id: '3' }, update: { title: 'u' } } },
          { conditionCheck: { table: 'post', key: { id: '4' }, condition: { version: { eq: 1 } } } },
        ],
      }),
    ).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: 'post', operation: 'PutItem', key: { id: { S: '1' } }, attributeValues: { title: { S: 't' } } },
        { table: 'post', operation: 'DeleteItem', key: { id: { S: '2' } } },
        {
          table: 'post',
          operation: 'UpdateItem',
          key: { id: { S: '3' } },
          update: {
            expression: 'SET #expName_1 = :expValue_1',
            expressionNames: { '#expName_1': 'title' },
            expressionValues: { ':expValue_1': { S: 'u' } },
          },
        },
        {
          table: 'post',
          operation: 'ConditionCheck',
          key: { id: { S: '4' } },
          condition: {
            expression: '#version = :version_eq',
            expressionNames: { '#version': 'version' },
            expressionValues: { ':version_eq': { N: 1 } },
          },
        },
      ],
    });
  });

  it('toStringSet / toNumberSet / toBinarySet (dynamodb-helpers.d.ts: { "NS": ["1", "2", "3"] })', () => {
    expect(ddb.toStringSet(['a', 'b', 'c'])).toEqual({ SS: ['a', 'b', 'c'] });
    expect(ddb.toNumberSet([1, 2, 3])).toEqual({ NS: ['1', '2', '3'] });
    expect(ddb.toBinarySet(['SGVsbG8=', 'V29ybGQ='])).toEqual({ BS: ['SGVsbG8=', 'V29ybGQ='] });
  });
});

describe(`condition and filter operators (${CONDITIONS}; unconfirmed text except the documented contains form)`, () => {
  const expressionOf = (condition: Record<string, unknown>) =>
    (ddb.scan({ filter: condition }) as { filter: { expression: string; expressionValues: unknown } }).filter;

  it.each([
    [{ a: { eq: 1 } }, '#a = :a_eq'],
    [{ a: { ne: 1 } }, '#a <> :a_ne'],
    [{ a: { le: 1 } }, '#a <= :a_le'],
    [{ a: { lt: 1 } }, '#a < :a_lt'],
    [{ a: { ge: 1 } }, '#a >= :a_ge'],
    [{ a: { gt: 1 } }, '#a > :a_gt'],
    [{ a: { in: [1, 2] } }, '#a IN (:a_in_0, :a_in_1)'],
    [{ a: { contains: 'x' } }, 'contains(#a, :a_contains)'],
    [{ a: { notContains: 'x' } }, 'NOT contains(#a, :a_notContains)'],
    [{ a: { beginsWith: 'x' } }, 'begins_with(#a, :a_beginsWith)'],
    [{ a: { between: [1, 5] } }, '#a BETWEEN :a_between_0 AND :a_between_1'],
    [{ a: { attributeExists: true } }, 'attribute_exists(#a)'],
    [{ a: { attributeExists: false } }, 'attribute_not_exists(#a)'],
    [{ a: { attributeType: 'string' } }, 'attribute_type(#a, :a_attributeType)'],
    [{ a: { size: { le: 3 } } }, 'size(#a) <= :a_size_le'],
    [{ a: { eq: 1 }, b: { eq: 2 } }, '(#a = :a_eq) AND (#b = :b_eq)'],
    [{ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, '(#a = :a_eq) OR (#b = :b_eq)'],
    [{ and: [{ a: { gt: 1 } }, { a: { lt: 5 } }] }, '(#a > :a_gt) AND (#a < :a_lt)'],
    [{ not: { a: { eq: 1 } } }, 'NOT (#a = :a_eq)'],
  ])('%j → %s', (condition, expression) => {
    expect(expressionOf(condition).expression).toBe(expression);
  });

  it('maps attributeType names to DynamoDB type codes and keeps repeated value names distinct', () => {
    expect(expressionOf({ a: { attributeType: 'stringSet' } }).expressionValues).toEqual({ ':a_attributeType': { S: 'SS' } });
    expect(expressionOf({ or: [{ a: { eq: 1 } }, { a: { eq: 2 } }] })).toEqual({
      expression: '(#a = :a_eq) OR (#a = :a_eq_1)',
      expressionNames: { '#a': 'a' },
      expressionValues: { ':a_eq': { N: 1 }, ':a_eq_1': { N: 2 } },
    });
  });
});

describe('the module as handler code imports it', () => {
  it('builds requests from inside loadModule, including named and namespace imports', () => {
    const mod = loadModule(
      `import * as ddb from '@aws-appsync/utils/dynamodb';
       import { update, operations } from '@aws-appsync/utils/dynamodb';
       export function request(ctx) {
         if (ctx.args.kind === 'update') return update({ key: { pk: ctx.args.pk }, update: { attempts: operations.increment(1) } });
         return ddb.get({ key: { pk: ctx.args.pk } });
       }
       export function response(ctx) { return ctx.result; }`,
      'module-import.js',
    );
    expect(mod.evaluate('request', testContext({ arguments: { pk: 'SESSION#1' } })).result).toEqual({
      operation: 'GetItem',
      key: { pk: { S: 'SESSION#1' } },
    });
    expect(mod.evaluate('request', testContext({ arguments: { pk: 'SESSION#1', kind: 'update' } })).result).toEqual({
      operation: 'UpdateItem',
      key: { pk: { S: 'SESSION#1' } },
      update: {
        expression: 'SET #expName_1 = #expName_1 + :expValue_1',
        expressionNames: { '#expName_1': 'attempts' },
        expressionValues: { ':expValue_1': { N: 1 } },
      },
    });
  });
});
