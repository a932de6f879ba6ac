import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * The DynamoDB actions the resolvers use: GetItem (reads, and TransactGetItems), PutItem, UpdateItem and
 * ConditionCheckItem (single writes, and the entries of TransactWriteItems, which DynamoDB authorizes per entry).
 * No Scan, Query, batch or DeleteItem: no resolver lists items or deletes one (TTL does).
 */
export const TABLE_DATA_SOURCE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:ConditionCheckItem',
] as const;

/** The data source every resolver runs on, and the role AppSync assumes for it. */
export interface TableDataSource {
  readonly dataSource: appsync.DynamoDbDataSource;
  /** Allowed {@link TABLE_DATA_SOURCE_ACTIONS} on the table (not its indexes or stream) and nothing else. */
  readonly role: iam.Role;
}

/**
 * Creates the API's DynamoDB data source with a role of its own. `DynamoDbDataSource` always grants its role the
 * table's full read/write set (Scan, Query, BatchWriteItem, DeleteItem, …) — `addDynamoDbDataSource` too, and
 * `serviceRole` does not change that — so it gets the role as `withoutPolicyUpdates()`: the role is used as given,
 * its grants are dropped, and the role carries only the statement added here.
 */
export function createTableDataSource(scope: Construct, api: appsync.GraphqlApi, table: dynamodb.ITable): TableDataSource {
  const role = new iam.Role(scope, 'TableDataSourceRole', {
    assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
    description: 'AppSync resolvers of the OTP API: item reads and writes on the OTP table',
  });
  role.addToPolicy(new iam.PolicyStatement({ actions: [...TABLE_DATA_SOURCE_ACTIONS], resources: [table.tableArn] }));
  // Same id and scope as addDynamoDbDataSource used, so the data source keeps its name and logical id.
  const dataSource = new appsync.DynamoDbDataSource(api, 'TableDataSource', {
    api,
    table,
    serviceRole: role.withoutPolicyUpdates(),
  });
  return { dataSource, role };
}
