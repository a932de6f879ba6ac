import { describe, expect, it } from 'vitest';
import { loadModule } from '../load-module.ts';
import { testContext } from '../test-context.ts';
import { xml } from './xml.ts';

/** Expected values come from these AWS pages (quoted examples or the behaviour their text defines). */
const XML = 'https://docs.aws.amazon.com/appsync/latest/devguide/xml-helpers-in-util-xml-js.html';
const HTTP = 'https://docs.aws.amazon.com/appsync/latest/devguide/http-helpers-in-utils-http-js.html';

const ONE_POST = `<?xml version="1.0" encoding="UTF-8"?>
<posts>
<post>
    <id>1</id>
    <title>Getting started with GraphQL</title>
</post>
</posts>`;

const TWO_POSTS = `<?xml version="1.0" encoding="UTF-8"?>
<posts>
<post>
  <id>1</id>
  <title>Getting started with GraphQL</title>
</post>
<post>
  <id>2</id>
  <title>Getting started with AppSync</title>
</post>
</posts>`;

describe(`util.xml (${XML})`, () => {
  it('toMap: example 1, nested elements with numeric text', () => {
    expect(xml.toMap(ONE_POST)).toEqual({ posts: { post: { id: 1, title: 'Getting started with GraphQL' } } });
  });

  it('toMap: example 2, repeated elements become an array', () => {
    expect(xml.toMap(TWO_POSTS)).toEqual({
      posts: {
        post: [
          { id: 1, title: 'Getting started with GraphQL' },
          { id: 2, title: 'Getting started with AppSync' },
        ],
      },
    });
  });

  it('toJsonString: the same as toMap as JSON text, string-encoded when asked', () => {
    const json = xml.toJsonString(ONE_POST);
    expect(JSON.parse(json)).toEqual(xml.toMap(ONE_POST));
    expect(xml.toJsonString(ONE_POST, true)).toBe(JSON.stringify(json));
    expect(xml.toJsonString(ONE_POST, false)).toBe(json);
  });

  it('our conventions where the page is silent: attributes, content, empty elements, entities, CDATA, comments', () => {
    const text = `<!DOCTYPE r><r lang="en"><!-- skipped --><a id="7">x &amp; y</a><b/><c><![CDATA[007 <raw>]]></c><d>true</d></r>`;
    expect(xml.toMap(text)).toEqual({ r: { lang: 'en', a: { id: 7, content: 'x & y' }, b: '', c: '007 <raw>', d: true } });
  });

  it('throws on malformed XML', () => {
    expect(() => xml.toMap('<a><b></a>')).toThrow('Invalid XML');
    expect(() => xml.toMap('<a>')).toThrow('Invalid XML');
  });
});

describe(`util.http (${HTTP})`, () => {
  const mod = loadModule(
    `import { util } from '@aws-appsync/utils';
     export function request(ctx) {
       util.http.addResponseHeader('itemsCount', 7);
       util.http.addResponseHeader('render', ctx.args.render);
       util.http.addResponseHeaders({ headerInt: 12, headerString: 'stringValue', headerObject: { field1: 7, field2: 'string' } });
       return { headers: util.http.copyHeaders(ctx.request.headers) };
     }
     export function response(ctx) {
       util.http.addResponseHeader('', 'x');
       util.http.addResponseHeader('Content-Type', 'text/plain');
       util.http.addResponseHeader('x-amzn-trace', 'x');
       util.http.addResponseHeader('nothing', null);
       util.http.addResponseHeader('big', 'x'.repeat(5000));
       util.http.addResponseHeader('bad name', 'x');
       util.http.addResponseHeader('x-split', 'a\\r\\nSet-Cookie: b');
       util.http.addResponseHeader('kept', 'a');
       util.http.addResponseHeader('kept', 'b');
       return 'ok';
     }`,
    'resolvers/Query.http.js',
  );

  it('copyHeaders leaves out the restricted headers (any case); addResponseHeader(s) record the headers', () => {
    const headers = { 'x-custom': '1', Host: 'h', connection: 'keep-alive', 'Content-Length': '3', te: 'x', accept: '*/*' };
    const evaluation = mod.evaluate('request', testContext({ arguments: { render: 'full' }, request: { headers, domainName: null } }));
    expect(evaluation.error).toBeUndefined();
    expect(evaluation.result).toEqual({ headers: { 'x-custom': '1', accept: '*/*' } });
    expect(evaluation.responseHeaders).toEqual({
      itemsCount: '7',
      render: 'full',
      headerInt: '12',
      headerString: 'stringValue',
      headerObject: '{"field1":7,"field2":"string"}',
    });
    expect(evaluation.appendedErrors).toEqual([]);
  });

  it('ignores empty, restricted, x-amz(n)- prefixed, null, over-4-KB and unsendable headers with a ResponseHeaderError; the latest definition wins', () => {
    const evaluation = mod.evaluate('response', testContext());
    expect(evaluation.result).toBe('ok');
    expect(evaluation.responseHeaders).toEqual({ kept: 'b' });
    expect(evaluation.appendedErrors.map((error) => error.errorType)).toEqual(Array(7).fill('ResponseHeaderError'));
    expect(evaluation.appendedErrors.map((error) => error.message)).toEqual([
      'Response header "" was ignored: the name is empty.',
      'Response header "Content-Type" was ignored: the name is restricted.',
      'Response header "x-amzn-trace" was ignored: the name has a restricted prefix.',
      'Response header "nothing" was ignored: the value is null.',
      'Response header "big" was ignored: the response headers exceed 4 KB.',
      'Response header "bad name" was ignored: the name is not a valid HTTP header name.',
      'Response header "x-split" was ignored: the value has characters an HTTP header cannot carry.',
    ]);
  });

  it('leaves responseHeaders out when none were added', () => {
    const plain = loadModule('export function request() { return {}; }', 'plain.js');
    expect(plain.evaluate('request', testContext()).responseHeaders).toBeUndefined();
  });
});
