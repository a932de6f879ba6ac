import { buildCondition } from '../dynamodb-module/expression.ts';

/**
 * `util.transform` (https://docs.aws.amazon.com/appsync/latest/devguide/transformation-helpers-in-utils-transform-js.html).
 * The DynamoDB helpers return a JSON string, as the type definitions of @aws-appsync/utils declare.
 */
export const transform = {
  toDynamoDBFilterExpression: (filter: Record<string, unknown>): string => JSON.stringify(buildCondition(filter)),
  toDynamoDBConditionExpression: (condition: Record<string, unknown>): string =>
    JSON.stringify(buildCondition(condition)),
  /**
   * `{ field: { op: value }, or: [...], and: [...] }` → `{ filterGroup: [{ filters: [{ fieldName, operator, value }] }] }`
   * (aws-appsync-real-time-enhanced-filtering). Top-level fields form one group (AND); an `or` list adds one group per
   * entry; `ignoredFields` are skipped; each `rules` field becomes an extra OR'ed group (decision: the docs say at
   * least one rule must hold, without giving the produced shape).
   */
  toSubscriptionFilter: (
    filter: Record<string, unknown>,
    ignoredFields: string[] = [],
    rules?: Record<string, unknown>,
  ): { filterGroup: { filters: { fieldName: string; operator: string; value: unknown }[] }[] } => {
    const filtersOf = (object: Record<string, unknown>) =>
      Object.entries(object)
        .filter(([field]) => field !== 'and' && field !== 'or' && !ignoredFields.includes(field))
        .flatMap(([fieldName, operators]) =>
          Object.entries(operators as Record<string, unknown>).map(([operator, value]) => ({ fieldName, operator, value })),
        );
    const base = filtersOf(filter);
    const and = Array.isArray(filter.and) ? (filter.and as Record<string, unknown>[]).flatMap(filtersOf) : [];
    const groups: { filters: { fieldName: string; operator: string; value: unknown }[] }[] = [];
    if (Array.isArray(filter.or)) {
      for (const alternative of filter.or as Record<string, unknown>[]) {
        groups.push({ filters: [...base, ...and, ...filtersOf(alternative)] });
      }
    } else {
      groups.push({ filters: [...base, ...and] });
    }
    if (rules) {
      const ruleFilters = filtersOf(rules);
      return { filterGroup: groups.flatMap((group) => ruleFilters.map((rule) => ({ filters: [...group.filters, rule] }))) };
    }
    return { filterGroup: groups };
  },
};
