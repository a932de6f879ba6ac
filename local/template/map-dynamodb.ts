import type { TableConfig } from '../stack-description.ts';
import { evaluate, evaluateString } from './intrinsics.ts';
import type { StackScope } from './stack-scope.ts';
import type { NamedResource } from './template-types.ts';

/** AWS::DynamoDB::Table → {@link TableConfig}. */
export function toTableConfig(resource: NamedResource, scope: StackScope): TableConfig {
  const properties = resource.Properties ?? {};
  const ttl = evaluate(properties.TimeToLiveSpecification, scope) as { AttributeName?: string; Enabled?: boolean } | undefined;
  const stream = evaluate(properties.StreamSpecification, scope) as { StreamViewType?: TableConfig['streamViewType'] } | undefined;
  const globalSecondaryIndexes = evaluate(properties.GlobalSecondaryIndexes, scope) as unknown[] | undefined;
  return {
    logicalId: resource.logicalId,
    tableName: evaluateString({ Ref: resource.logicalId }, scope, resource.logicalId),
    keySchema: evaluate(properties.KeySchema, scope) as TableConfig['keySchema'],
    attributeDefinitions: evaluate(properties.AttributeDefinitions, scope) as TableConfig['attributeDefinitions'],
    ...(globalSecondaryIndexes ? { globalSecondaryIndexes } : {}),
    ...(ttl?.Enabled && ttl.AttributeName ? { ttlAttribute: ttl.AttributeName } : {}),
    ...(stream?.StreamViewType ? { streamViewType: stream.StreamViewType } : {}),
  };
}
