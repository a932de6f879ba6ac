import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryDepth } from './query-depth.ts';

function depthOf(query: string): number {
  const document = parse(query);
  const fragments = Object.fromEntries(
    document.definitions.flatMap((definition) => (definition.kind === 'FragmentDefinition' ? [[definition.name.value, definition]] : [])),
  );
  return queryDepth(document.definitions.find((definition) => definition.kind === 'OperationDefinition') as OperationDefinitionNode, fragments);
}

describe('queryDepth', () => {
  it('counts the documented example as depth 4', () => {
    expect(depthOf('query MyQuery { L1: nextLayer { L2: nextLayer { L3: nextLayer { L4: value } } } }')).toBe(4);
  });

  it('expands fragments and ignores __typename', () => {
    expect(depthOf('{ a { ...F __typename } } fragment F on A { b { c } }')).toBe(3);
    expect(depthOf('{ a { ... on A { b } } }')).toBe(2);
  });
});
