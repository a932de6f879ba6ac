import { buildFilterExpression } from '../dynamodb-module/filter-expression.ts';
import { toElasticsearchQueryDSL } from './opensearch-query.ts';
import { toSubscriptionFilter } from './subscription-filter.ts';

/** The JSON text of an expression, or null where AppSync cannot render the filter (it answers null, not an error). */
function expressionJson(filter: unknown): string | null {
  const expression = buildFilterExpression(filter);
  return expression === null ? null : JSON.stringify(expression);
}

/**
 * `util.transform` (https://docs.aws.amazon.com/appsync/latest/devguide/transformation-helpers-in-utils-transform-js.html).
 * The DynamoDB helpers answer a JSON string, as the type definitions declare, and the two produce the same text
 * (recorded; see dynamodb-module/filter-expression.ts); toElasticsearchQueryDSL answers JSON text too (opensearch-query.ts).
 */
export const transform = {
  toDynamoDBFilterExpression: (filter: unknown): string | null => expressionJson(filter),
  toDynamoDBConditionExpression: (condition: unknown): string | null => expressionJson(condition),
  toElasticsearchQueryDSL,
  toSubscriptionFilter,
};
