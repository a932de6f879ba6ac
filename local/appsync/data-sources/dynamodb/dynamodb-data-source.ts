/** The AMAZON_DYNAMODB data source: dispatches a request object on its `operation`. */
import { InvalidDataSourceRequestError, type DataSource, type DataSourceResult } from '../types.ts';
import { batchDeleteItem, batchGetItem, batchPutItem } from './batch-operations.ts';
import type { DynamoDbJsonClient } from './dynamodb-json-client.ts';
import { deleteItem, getItem, putItem, updateItem } from './item-operations.ts';
import type { OperationContext, RequestObject } from './operation-context.ts';
import { query, scan } from './read-operations.ts';
import type { DynamoDbStats } from './stats.ts';
import { transactGetItems, transactWriteItems } from './transaction-operations.ts';

type Operation = (context: OperationContext, request: RequestObject) => Promise<DataSourceResult>;

const OPERATIONS: Record<string, Operation> = {
  GetItem: getItem,
  PutItem: putItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  Query: query,
  Scan: scan,
  BatchGetItem: batchGetItem,
  BatchPutItem: batchPutItem,
  BatchDeleteItem: batchDeleteItem,
  TransactGetItems: transactGetItems,
  TransactWriteItems: transactWriteItems,
};

/** Creates a DynamoDB data source for `tableName` using a shared client and shared counters. */
export function createDynamoDbDataSource(client: DynamoDbJsonClient, tableName: string, stats: DynamoDbStats): DataSource {
  const context: OperationContext = { client, tableName, stats };
  return {
    invoke: async (request: unknown): Promise<DataSourceResult> => {
      if (request === null || typeof request !== 'object' || Array.isArray(request)) {
        throw new InvalidDataSourceRequestError('The request handler must return a DynamoDB request object');
      }
      const operation = (request as RequestObject).operation;
      const run = typeof operation === 'string' ? OPERATIONS[operation] : undefined;
      if (!run) throw new InvalidDataSourceRequestError(`Unsupported operation ${JSON.stringify(operation)}`);
      return run(context, request as RequestObject);
    },
  };
}
