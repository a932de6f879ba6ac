/** `@aws-appsync/utils/ai` builds the request objects of https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-bedrock-js.html. */
import { describe, expect, it } from 'vitest';
import { loadModule } from '../load-module.ts';
import { testContext } from '../test-context.ts';

describe('@aws-appsync/utils/ai', () => {
  const mod = loadModule(
    `import { invokeModel, converse } from '@aws-appsync/utils/ai';
     export function request(ctx) {
       if (ctx.args.kind === 'invoke') return invokeModel({ modelId: 'm', body: { inputText: ctx.args.text } });
       return converse({ modelId: 'm', messages: [{ role: 'user', content: [{ text: ctx.args.text }] }] });
     }
     export function response(ctx) { return ctx.result; }`,
    'ai.js',
  );

  it('invokeModel → { operation: "InvokeModel", modelId, body }', () => {
    expect(mod.evaluate('request', testContext({ arguments: { kind: 'invoke', text: 'hi' } })).result).toEqual({
      operation: 'InvokeModel',
      modelId: 'm',
      body: { inputText: 'hi' },
    });
  });

  it('converse → { operation: "Converse", modelId, messages }', () => {
    expect(mod.evaluate('request', testContext({ arguments: { text: 'hi' } })).result).toEqual({
      operation: 'Converse',
      modelId: 'm',
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
    });
  });
});
