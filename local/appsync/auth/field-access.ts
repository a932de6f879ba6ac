/**
 * Whether one caller may read one field, beyond the request-level check: the field's auth directives must allow the
 * caller's mode; a Lambda authorizer's `deniedFields` deny; a user pools caller must belong to one of the field's
 * `cognito_groups` when its directive names any, and under a pool whose DefaultAction is DENY may read only fields
 * whose directive grants one of its groups (decision: the docs describe DENY as denying what the pool configuration
 * does not match; a group rule is the only thing a field can match).
 */
import type { GraphQLSchema } from 'graphql';
import type { AuthMode } from '../../stack-description.ts';
import type { Identity } from '../runtime/types.ts';
import { buildCognitoGroupIndex, type CognitoGroupIndex, type FieldAuthIndex } from './auth-mode-directives.ts';

/** The caller as field checks see it. */
export interface FieldCaller {
  mode: AuthMode;
  identity: Identity;
  /** `Type.field` keys the Lambda authorizer denied. */
  deniedFields?: ReadonlySet<string>;
}

/** What field checks need of a prepared API. */
export interface FieldAuthSource {
  schema: GraphQLSchema;
  fieldAuth: FieldAuthIndex;
}

// Built once per schema (a reload prepares a new schema), without widening PreparedApi.
const groupIndexes = new WeakMap<GraphQLSchema, CognitoGroupIndex>();

function groupIndexOf(schema: GraphQLSchema): CognitoGroupIndex {
  let index = groupIndexes.get(schema);
  if (!index) {
    index = buildCognitoGroupIndex(schema);
    groupIndexes.set(schema, index);
  }
  return index;
}

function callerGroups(identity: Identity): readonly unknown[] {
  const groups = identity?.groups;
  return Array.isArray(groups) ? groups : [];
}

/** Whether `caller` may read `typeName.fieldName`. */
export function mayAccessField(api: FieldAuthSource, caller: FieldCaller, typeName: string, fieldName: string): boolean {
  if (!api.fieldAuth(typeName, fieldName).has(caller.mode)) return false;
  // Introspection is open to any authenticated request.
  if (fieldName.startsWith('__') || typeName.startsWith('__')) return true;
  if (caller.deniedFields?.has(`${typeName}.${fieldName}`)) return false;
  if (caller.mode !== 'AMAZON_COGNITO_USER_POOLS') return true;
  const groups = groupIndexOf(api.schema)(typeName, fieldName);
  if (groups) return callerGroups(caller.identity).some((group) => typeof group === 'string' && groups.includes(group));
  return caller.identity?.defaultAuthStrategy !== 'DENY';
}
