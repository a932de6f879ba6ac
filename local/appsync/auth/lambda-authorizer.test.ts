/** The Lambda authorizer path with stand-in functions: the event it sends, and every way it must deny. */
import { describe, expect, it } from 'vitest';
import type { LambdaAuthorizerProviderConfig } from '../../stack-description.ts';
import type { LocalFunction } from '../../lambda/function-directory.ts';
import type { InvokeOutcome } from '../../lambda/host-protocol.ts';
import { AuthorizerCache } from './authorizer-cache.ts';
import { runLambdaAuthorizer, type AuthorizerEvent } from './lambda-authorizer.ts';

const config: LambdaAuthorizerProviderConfig = {
  type: 'AWS_LAMBDA',
  functionName: 'authorizer',
  functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:authorizer',
  resultTtlSeconds: 60,
};
const request = {
  context: { apiId: 'Api', accountId: '000000000000', queryString: '{ a }', operationName: null, variables: { x: 1 } },
  headers: { host: '127.0.0.1:1', authorization: 'tok' },
};

/** A stand-in function answering with `answer` and recording its events. */
function fakeFunction(answer: (event: AuthorizerEvent) => Promise<InvokeOutcome> | InvokeOutcome) {
  const events: AuthorizerEvent[] = [];
  const fn: LocalFunction = {
    name: 'authorizer',
    arn: config.functionArn,
    invoke: async (event) => {
      events.push(event as AuthorizerEvent);
      return answer(event as AuthorizerEvent);
    },
  };
  return { events, lookup: (name: string) => (name === 'authorizer' ? fn : undefined) };
}

describe('runLambdaAuthorizer', () => {
  it('sends AppSync’s event shape and returns the decision', async () => {
    const { events, lookup } = fakeFunction(() => ({ result: { isAuthorized: true, resolverContext: { user: 'u1' } } }));
    const decision = await runLambdaAuthorizer(config, 'tok', request, { cache: new AuthorizerCache(), lookup }, 0);
    expect(decision).toEqual({ isAuthorized: true, resolverContext: { user: 'u1' }, deniedFields: [] });
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.authorizationToken).toBe('tok');
    expect(event!.requestHeaders).toEqual(request.headers);
    expect(event!.requestContext).toMatchObject({ ...request.context });
    expect(event!.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('denies when the function throws, returns garbage, takes too long or is not running', async () => {
    const deps = (answer: Parameters<typeof fakeFunction>[0]) => ({ cache: new AuthorizerCache(), lookup: fakeFunction(answer).lookup, timeoutMs: 100 });
    expect(await runLambdaAuthorizer(config, 'tok', request, deps(() => ({ error: { errorType: 'Error', errorMessage: 'boom' } })), 0)).toBeNull();
    expect(await runLambdaAuthorizer(config, 'tok', request, deps(() => ({ result: 'yes' })), 0)).toBeNull();
    expect(await runLambdaAuthorizer(config, 'tok', request, deps(() => ({ result: { isAuthorized: 'true' } })), 0)).toBeNull();
    expect(await runLambdaAuthorizer(config, 'tok', request, deps(() => Promise.reject(new Error('crash'))), 0)).toBeNull();
    const slow = () => new Promise<InvokeOutcome>((resolve) => setTimeout(() => resolve({ result: { isAuthorized: true } }), 1_000));
    expect(await runLambdaAuthorizer(config, 'tok', request, deps(slow), 0)).toBeNull();
    expect(await runLambdaAuthorizer(config, 'tok', request, { cache: new AuthorizerCache(), lookup: () => undefined }, 0)).toBeNull();
  });

  it('does not invoke the function for a token the IdentityValidationExpression refuses', async () => {
    const { events, lookup } = fakeFunction(() => ({ result: { isAuthorized: true } }));
    const validated = { ...config, identityValidationExpression: 'custom-[0-9]+' };
    expect(await runLambdaAuthorizer(validated, 'custom-12x', request, { cache: new AuthorizerCache(), lookup }, 0)).toBeNull();
    expect(events).toHaveLength(0);
    expect(await runLambdaAuthorizer(validated, 'custom-12', request, { cache: new AuthorizerCache(), lookup }, 0)).not.toBeNull();
    expect(events).toHaveLength(1);
  });

  it('reuses a cached answer for the same token only, for the TTL (ttlOverride winning)', async () => {
    let calls = 0;
    const { lookup } = fakeFunction((event) => {
      calls += 1;
      const ttlOverride = event.authorizationToken === 'no-cache' ? { ttlOverride: 0 } : {};
      return { result: { isAuthorized: true, resolverContext: { token: event.authorizationToken, call: calls }, ...ttlOverride } };
    });
    const deps = { cache: new AuthorizerCache(), lookup };
    const first = await runLambdaAuthorizer(config, 'alice', request, deps, 0);
    expect(await runLambdaAuthorizer(config, 'alice', request, deps, 59_999)).toEqual(first);
    const bob = await runLambdaAuthorizer(config, 'bob', request, deps, 1);
    expect(bob).toMatchObject({ resolverContext: { token: 'bob', call: 2 } });
    expect(await runLambdaAuthorizer(config, 'alice', request, deps, 60_000)).toMatchObject({ resolverContext: { token: 'alice', call: 3 } });
    await runLambdaAuthorizer(config, 'no-cache', request, deps, 0);
    await runLambdaAuthorizer(config, 'no-cache', request, deps, 0);
    expect(calls).toBe(5);
  });

  it('does not cache failures', async () => {
    let calls = 0;
    const { lookup } = fakeFunction(() => {
      calls += 1;
      return calls === 1 ? { error: { errorType: 'Error', errorMessage: 'cold' } } : { result: { isAuthorized: true } };
    });
    const deps = { cache: new AuthorizerCache(), lookup };
    expect(await runLambdaAuthorizer(config, 'tok', request, deps, 0)).toBeNull();
    expect(await runLambdaAuthorizer(config, 'tok', request, deps, 0)).toMatchObject({ isAuthorized: true });
  });
});
