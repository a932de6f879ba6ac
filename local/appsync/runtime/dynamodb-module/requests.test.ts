/**
 * The request builders of `@aws-appsync/utils/dynamodb`: request shapes from the JS resolver reference pages and
 * resolver-return-types.d.ts; expression texts from AppSync's recorded output where it exists (../README.md lists
 * the decided rest).
 */
import { describe, expect, it } from 'vitest';
import { loadModule } from '../load-module.ts';
import { testContext } from '../test-context.ts';
import { dynamodbModule as ddb } from './index.ts';

const DOCS = 'https://docs.aws.amazon.com/appsync/latest/devguide/built-in-modules-js.html';

describe(`request builders (${DOCS})`, () => {
  it('get → GetItem; projection names every segment #expName_n (decided)', () => {
    expect(ddb.get({ key: { id: 'abc' }, consistentRead: true, projection: ['id', 'author.name', 'author.tags[1]'] })).toEqual({
      operation: 'GetItem',
      key: { id: { S: 'abc' } },
      consistentRead: true,
      projection: {
        expression: '#expName_1, #expName_2.#expName_3, #expName_2.#expName_4[1]',
        expressionNames: { '#expName_1': 'id', '#expName_2': 'author', '#expName_3': 'name', '#expName_4': 'tags' },
      },
    });
  });

  it('put → PutItem; the condition is the filter builder\'s text, without expressionValues when it binds none', () => {
    expect(ddb.put({ key: { id: 'abc' }, item: { points: 3 }, condition: { id: { attributeExists: false } } })).toEqual({
      operation: 'PutItem',
      key: { id: { S: 'abc' } },
      attributeValues: { points: { N: 3 } },
      condition: { expression: '(attribute_not_exists(#id))', expressionNames: { '#id': 'id' } },
    });
  });

  it('remove → DeleteItem with a condition; _version and friends are passed through', () => {
    expect(ddb.remove({ key: { id: 'abc' }, condition: { owner: { eq: 'me' } }, _version: 2 })).toEqual({
      operation: 'DeleteItem',
      key: { id: { S: 'abc' } },
      _version: 2,
      condition: { expression: '(#owner = :owner_eq)', expressionNames: { '#owner': 'owner' }, expressionValues: { ':owner_eq': { S: 'me' } } },
    });
  });

  it('update → UpdateItem with the update expression and a condition', () => {
    expect(ddb.update({ key: { id: 1 }, update: { n: ddb.operations.increment(10) }, condition: { n: { lt: 100 } } })).toEqual({
      operation: 'UpdateItem',
      key: { id: { N: 1 } },
      update: {
        expression: 'SET #expName_1 = #expName_1 + :expValue_1',
        expressionNames: { '#expName_1': 'n' },
        expressionValues: { ':expValue_1': { N: 10 } },
      },
      condition: { expression: '(#n < :n_lt)', expressionNames: { '#n': 'n' }, expressionValues: { ':n_lt': { N: 100 } } },
    });
  });

  it('a condition that cannot be rendered is an error, never a write without it (decided); {} is left out', () => {
    expect(() => ddb.put({ key: { id: 'a' }, item: {}, condition: { id: { exists: false } } })).toThrow(/Invalid condition/);
    expect(ddb.put({ key: { id: 'a' }, item: {}, condition: {} })).not.toHaveProperty('condition');
  });

  it('query → Query: key condition by the filter builder (decided), filter, paging fields', () => {
    expect(
      ddb.query({
        query: { pk: { eq: 'USER#1' }, sk: { beginsWith: 'ORDER#' } },
        filter: { status: { ne: 'CANCELLED' } },
        index: 'byUser',
        limit: 20,
        nextToken: 'token',
        scanIndexForward: false,
        select: 'ALL_ATTRIBUTES',
      }),
    ).toEqual({
      operation: 'Query',
      query: {
        expression: '(#pk = :pk_eq) AND (begins_with(#sk,:sk_beginsWith))',
        expressionNames: { '#pk': 'pk', '#sk': 'sk' },
        expressionValues: { ':pk_eq': { S: 'USER#1' }, ':sk_beginsWith': { S: 'ORDER#' } },
      },
      filter: { expression: '(#status <> :status_ne)', expressionNames: { '#status': 'status' }, expressionValues: { ':status_ne': { S: 'CANCELLED' } } },
      index: 'byUser',
      limit: 20,
      nextToken: 'token',
      scanIndexForward: false,
      select: 'ALL_ATTRIBUTES',
    });
  });

  it('scan and sync keep only the fields given', () => {
    expect(ddb.scan({ limit: 10, nextToken: 'abc' })).toEqual({ operation: 'Scan', limit: 10, nextToken: 'abc' });
    expect(ddb.scan({ segment: 0, totalSegments: 2, filter: { points: { gt: 5 } } })).toMatchObject({
      segment: 0,
      totalSegments: 2,
      filter: { expression: '(#points > :points_gt)' },
    });
    expect(ddb.sync({ limit: 10, nextToken: 'n', lastSync: 1517943695750 })).toEqual({ operation: 'Sync', limit: 10, nextToken: 'n', lastSync: 1517943695750 });
  });

  it('batchGet / batchPut / batchDelete per table', () => {
    expect(ddb.batchGet({ tables: { post: { keys: [{ id: '1' }], consistentRead: false, projection: ['id'] } } })).toEqual({
      operation: 'BatchGetItem',
      tables: { post: { keys: [{ id: { S: '1' } }], consistentRead: false, projection: { expression: '#expName_1', expressionNames: { '#expName_1': 'id' } } } },
    });
    expect(ddb.batchPut({ tables: { post: [{ id: 'one', value: 'x' }] } })).toEqual({
      operation: 'BatchPutItem',
      tables: { post: [{ id: { S: 'one' }, value: { S: 'x' } }] },
    });
    expect(ddb.batchDelete({ tables: { post: [{ id: 'one' }] } })).toEqual({ operation: 'BatchDeleteItem', tables: { post: [{ id: { S: 'one' } }] } });
  });

  it('transactGet / transactWrite in the order given', () => {
    expect(ddb.transactGet({ items: [{ table: 'post', key: { id: '1' } }] })).toEqual({
      operation: 'TransactGetItems',
      transactItems: [{ table: 'post', key: { id: { S: '1' } } }],
    });
    const write = ddb.transactWrite({
      items: [
        { putItem: { table: 'post', key: { id: '1' }, item: { title: 't' } } },
        { deleteItem: { table: 'post', key: { id: '2' } } },
        { updateItem: { table: 'post', key: { id: '3' }, update: { title: 'u' } } },
        { conditionCheck: { table: 'post', key: { id: '4' }, condition: { version: { eq: 1 } } } },
      ],
    }) as { transactItems: Record<string, unknown>[] };
    expect(write.transactItems.map((item) => item.operation)).toEqual(['PutItem', 'DeleteItem', 'UpdateItem', 'ConditionCheck']);
    expect(write.transactItems[2]?.update).toEqual({
      expression: 'SET #expName_1 = :expValue_1',
      expressionNames: { '#expName_1': 'title' },
      expressionValues: { ':expValue_1': { S: 'u' } },
    });
    expect(write.transactItems[3]?.condition).toMatchObject({ expression: '(#version = :version_eq)' });
  });

  it('set helpers keep their values (numbers stay numbers, decided)', () => {
    expect(ddb.toStringSet(['a'])).toEqual({ SS: ['a'] });
    expect(ddb.toNumberSet([1, 2])).toEqual({ NS: [1, 2] });
    expect(ddb.toBinarySet(['SGVsbG8='])).toEqual({ BS: ['SGVsbG8='] });
  });
});

describe('the module as handler code imports it', () => {
  it('named and namespace imports build the same requests inside loadModule', () => {
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
    expect(mod.evaluate('request', testContext({ arguments: { pk: 'S#1' } })).result).toEqual({ operation: 'GetItem', key: { pk: { S: 'S#1' } } });
    expect(mod.evaluate('request', testContext({ arguments: { pk: 'S#1', kind: 'update' } })).result).toMatchObject({
      update: { expression: 'SET #expName_1 = #expName_1 + :expValue_1' },
    });
  });
});
