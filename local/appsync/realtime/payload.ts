/**
 * What a subscriber receives and whether it receives it: the mutation's (name-keyed) result projected onto the
 * subscriber's selection, and AppSync's argument filters. Pure.
 *
 * Decisions where the docs are silent: fields the subscriber selects but the mutation did not come back as null
 * (AppSync's documented advice is to select them in the mutation); `__typename` is filled from the schema for
 * object types (Apollo adds it to every selection); argument values and result fields compare as strings when
 * both are scalars (an `ID!` argument matches a numeric id).
 */
import {
  getNamedType,
  isObjectType,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type SelectionSetNode,
} from 'graphql';
import { fieldsOf } from '../execute/selection-set.ts';

type Fragments = Record<string, FragmentDefinitionNode>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `value` (keyed by field names) shaped as the subscriber's selection (keyed by its aliases). */
export function projectToSelection(
  value: unknown,
  selectionSet: SelectionSetNode | undefined,
  type: GraphQLNamedType,
  fragments: Fragments,
): unknown {
  if (!selectionSet || value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map((item) => projectToSelection(item, selectionSet, type, fragments));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const field of fieldsOf(selectionSet, fragments)) {
    const key = field.alias?.value ?? field.name.value;
    if (field.name.value === '__typename') {
      out[key] = isObjectType(type) ? type.name : (value.__typename ?? null);
      continue;
    }
    const definition = isObjectType(type) ? type.getFields()[field.name.value] : undefined;
    const childType = definition ? getNamedType(definition.type) : type;
    out[key] = projectToSelection(value[field.name.value], field.selectionSet, childType, fragments);
  }
  return out;
}

function sameArgument(argument: unknown, field: unknown): boolean {
  const scalar = (item: unknown) => item === null || typeof item !== 'object';
  if (scalar(argument) && scalar(field)) return field !== null && field !== undefined && String(argument) === String(field);
  return JSON.stringify(argument) === JSON.stringify(field);
}

/** AppSync's argument filter: every argument given with a non-null value equals the result's same-named field. */
export function matchesArguments(args: Record<string, unknown>, result: unknown): boolean {
  const record = isRecord(result) ? result : {};
  return Object.entries(args).every(([name, value]) => value === null || value === undefined || sameArgument(value, record[name]));
}
