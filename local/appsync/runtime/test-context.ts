import type { ResolverContext } from './types.ts';

/** A complete ctx for tests (API-key caller, root Query field); override what a test cares about. */
export function testContext(overrides: Partial<ResolverContext> = {}): ResolverContext {
  const args = overrides.arguments ?? overrides.args ?? {};
  return {
    arguments: args,
    args,
    identity: null,
    source: null,
    stash: {},
    request: { headers: {}, domainName: null },
    info: {
      fieldName: 'getThing',
      parentTypeName: 'Query',
      variables: {},
      selectionSetList: [],
      selectionSetGraphQL: '',
    },
    env: {},
    ...overrides,
  };
}
