import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { matchesArguments, projectToSelection } from './payload.ts';

const schema = buildSchema(`type Query { x: Int } type Item { id: ID! name: String owner: Owner } type Owner { team: String }`);

function selectionOf(text: string) {
  const operation = parse(`{ item ${text} }`).definitions[0] as OperationDefinitionNode;
  const field = operation.selectionSet.selections[0]!;
  return field.kind === 'Field' ? field.selectionSet : undefined;
}

describe('projectToSelection', () => {
  it('keeps the subscriber selection, applies its aliases, fills __typename and nulls fields the mutation did not select', () => {
    const result = { id: '1', name: 'n', owner: { team: 't' } };
    const projected = projectToSelection(result, selectionOf('{ key: id __typename owner { team __typename } missing: count }'), schema.getType('Item')!, {});
    expect(projected).toEqual({ key: '1', __typename: 'Item', owner: { team: 't', __typename: 'Owner' }, missing: null });
  });
});

describe('matchesArguments', () => {
  it('requires every non-null argument to equal the same-named result field', () => {
    expect(matchesArguments({ id: '1', name: null }, { id: '1', name: 'x' })).toBe(true);
    expect(matchesArguments({ id: '1' }, { id: 1 })).toBe(true);
    expect(matchesArguments({ id: '2' }, { id: '1' })).toBe(false);
    expect(matchesArguments({ id: '2' }, { name: 'x' })).toBe(false);
    expect(matchesArguments({}, null)).toBe(true);
  });
});
