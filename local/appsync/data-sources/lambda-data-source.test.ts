import { describe, expect, it } from 'vitest';
import type { LambdaDataSourceConfig } from '../../stack-description.ts';
import type { LocalFunction } from '../../lambda/function-directory.ts';
import type { InvokeOutcome } from '../../lambda/host-protocol.ts';
import { createLambdaDataSource } from './lambda-data-source.ts';
import { DataSourceFieldError, InvalidDataSourceRequestError } from './types.ts';

const CONFIG: LambdaDataSourceConfig = {
  name: 'fn',
  type: 'AWS_LAMBDA',
  functionName: 'my-fn',
  functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:my-fn',
};

/** A function that records its events and answers what `answer` says. */
function fakeFunction(answer: (event: unknown) => InvokeOutcome): LocalFunction & { events: unknown[] } {
  const events: unknown[] = [];
  return {
    name: 'my-fn',
    arn: CONFIG.functionArn,
    events,
    invoke: (event) => {
      events.push(event);
      return Promise.resolve(answer(event));
    },
  };
}

describe('the AWS_LAMBDA data source', () => {
  it('Invoke: the event is the payload, ctx.result what the function returns', async () => {
    const fn = fakeFunction((event) => ({ result: { got: event } }));
    const source = createLambdaDataSource(CONFIG, (name) => (name === 'my-fn' ? fn : undefined));
    expect(await source.invoke({ operation: 'Invoke', payload: { field: 'getPost', arguments: { id: '1' } } })).toEqual({
      result: { got: { field: 'getPost', arguments: { id: '1' } } },
    });
    expect(await source.invoke({ operation: 'Invoke' })).toEqual({ result: { got: null } });
  });

  it("a function error is ctx.error { type: 'Lambda:Unhandled', message: errorMessage }", async () => {
    const source = createLambdaDataSource(CONFIG, () => fakeFunction(() => ({ error: { errorType: 'TypeError', errorMessage: 'x is undefined' } })));
    expect(await source.invoke({ operation: 'Invoke', payload: {} })).toEqual({
      result: null,
      error: { type: 'Lambda:Unhandled', message: 'x is undefined' },
    });
  });

  it('BatchInvoke runs a batch of one: the event is [payload], ctx.result the first element', async () => {
    const fn = fakeFunction((event) => ({ result: (event as unknown[]).map((item) => ({ echoed: item })) }));
    const source = createLambdaDataSource(CONFIG, () => fn);
    expect(await source.invoke({ operation: 'BatchInvoke', payload: { id: 7 } })).toEqual({ result: { echoed: { id: 7 } } });
    expect(fn.events).toEqual([[{ id: 7 }]]);
    const notAList = createLambdaDataSource(CONFIG, () => fakeFunction(() => ({ result: 'one' })));
    expect(await notAList.invoke({ operation: 'BatchInvoke', payload: {} })).toMatchObject({ result: null, error: { type: 'Lambda:Unhandled' } });
  });

  it("invocationType 'Event' starts the function without waiting for it", async () => {
    let finish: (outcome: InvokeOutcome) => void = () => undefined;
    const slow: LocalFunction = { name: 'my-fn', arn: CONFIG.functionArn, invoke: () => new Promise((resolve) => (finish = resolve)) };
    const source = createLambdaDataSource(CONFIG, () => slow);
    expect(await source.invoke({ operation: 'Invoke', invocationType: 'Event', payload: {} })).toEqual({ result: null });
    finish({ result: 'later' });
  });

  it('a function the local stack does not run is ctx.error Lambda:ResourceNotFoundException', async () => {
    const source = createLambdaDataSource(CONFIG, () => undefined);
    expect(await source.invoke({ operation: 'Invoke', payload: {} })).toEqual({
      result: null,
      error: { type: 'Lambda:ResourceNotFoundException', message: `Function not found: ${CONFIG.functionArn}` },
    });
  });

  it('refuses a malformed request as a MappingTemplate field error', async () => {
    const source = createLambdaDataSource(CONFIG, () => undefined);
    await expect(source.invoke({ operation: 'GetItem' })).rejects.toThrow(InvalidDataSourceRequestError);
    await expect(source.invoke({ operation: 'Invoke', invocationType: 'DryRun' })).rejects.toThrow(/invocationType "DryRun"/);
    await expect(source.invoke('payload')).rejects.toMatchObject({ errorType: 'MappingTemplate' });
  });

  it('stands in for a function that cannot run locally: unsupported, and every invoke fails with that error', async () => {
    const unsupported = { errorType: 'UnsupportedDataSource', message: 'Data source fn (AWS_LAMBDA) is not supported locally yet: …' };
    const source = createLambdaDataSource({ ...CONFIG, unsupported }, () => {
      throw new Error('never looked up');
    });
    expect(source.unsupported).toEqual(unsupported);
    await expect(source.invoke({ operation: 'Invoke' })).rejects.toEqual(new DataSourceFieldError(unsupported.message, unsupported.errorType));
  });
});
