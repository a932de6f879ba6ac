/**
 * The VTL renderer, its `$context` and `$util`, against the outputs AWS documents for its examples.
 * Pages (docs.aws.amazon.com/appsync/latest/devguide/…): resolver-util-reference / utility-helpers-in-util (UTIL),
 * dynamodb-helpers-in-util-dynamodb (DYNAMODB), list-helpers-in-util-list (LIST), utility-helpers-in-map (MAP),
 * str-helpers-in-util-str (STR), aws-appsync-directives (#return), tutorial-dynamodb-resolvers (TUTORIAL),
 * resolver-mapping-template-reference-programming-guide (GUIDE).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testContext } from '../runtime/test-context.ts';
import type { EvaluationResult, LoadedModule, ResolverContext } from '../runtime/types.ts';
import { loadVtlModule, VtlLoadError } from './vtl-module.ts';

const noFallback = (): LoadedModule => {
  throw new Error('no fallback expected');
};

/** Renders `template` as a request template with `ctx`. */
function request(template: string, ctx: Partial<ResolverContext> = {}): EvaluationResult {
  return loadVtlModule({ request: template }, 'Resolver Query.test', noFallback).evaluate('request', testContext(ctx));
}

/** Renders `template` as a response template with `ctx`. */
function response(template: string, ctx: Partial<ResolverContext> = {}): EvaluationResult {
  return loadVtlModule({ response: template }, 'Resolver Query.test', noFallback).evaluate('response', testContext(ctx));
}

/** The value a template renders (wrapped in a JSON document with `$util.toJson`). */
function value(expression: string, ctx: Partial<ResolverContext> = {}): unknown {
  const evaluation = response(`$util.toJson(${expression})`, ctx);
  expect(evaluation.error).toBeUndefined();
  return evaluation.result;
}

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/vtl/${name}`, import.meta.url), 'utf8');

describe('request and response templates (TUTORIAL)', () => {
  it('updatePost builds SET/ADD/REMOVE, names, values and the version condition', () => {
    const { result, error } = request(fixture('update-post.request.vtl'), {
      arguments: { id: '123', author: 'A', title: null, expectedVersion: 2 },
    });
    expect(error).toBeUndefined();
    expect(result).toEqual({
      version: '2017-02-28',
      operation: 'UpdateItem',
      key: { id: { S: '123' } },
      update: {
        expression: 'SET #author = :author ADD version :newVersion REMOVE #title',
        expressionNames: { '#author': 'author', '#title': 'title' },
        expressionValues: { ':newVersion': { N: 1 }, ':author': { S: 'A' } },
      },
      condition: { expression: 'version = :expectedVersion', expressionValues: { ':expectedVersion': { N: 2 } } },
    });
  });

  it('allPost writes limit and nextToken only when given, and its response passes nextToken on', () => {
    expect(request(fixture('all-post.request.vtl'), { arguments: {} }).result).toEqual({ version: '2017-02-28', operation: 'Scan' });
    expect(request(fixture('all-post.request.vtl'), { arguments: { count: 5, nextToken: 't' } }).result).toEqual({
      version: '2017-02-28',
      operation: 'Scan',
      limit: 5,
      nextToken: 't',
    });
    expect(response(fixture('all-post.response.vtl'), { result: { items: [{ id: '1' }], nextToken: 'n' } }).result).toEqual({
      posts: [{ id: '1' }],
      nextToken: 'n',
    });
    expect(response(fixture('all-post.response.vtl'), { result: { items: [] } }).result).toEqual({ posts: [] });
  });

  it('PutItem with toDynamoDBJson($util.autoId()) and toMapValuesJson($ctx.args) (DYNAMODB)', () => {
    const template = '{ "version" : "2017-02-28", "operation" : "PutItem", "key": { "id" : $util.dynamodb.toDynamoDBJson($util.autoId()) }, "attributeValues" : $util.dynamodb.toMapValuesJson($ctx.args) }';
    const { result } = request(template, { arguments: { title: 'T', author: 'A', version: 1 } });
    expect(result).toMatchObject({
      operation: 'PutItem',
      key: { id: { S: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) } },
      attributeValues: { title: { S: 'T' }, author: { S: 'A' }, version: { N: 1 } },
    });
  });
});

describe('$context', () => {
  it('$ctx and $context are one object; args and arguments one map', () => {
    const ctx = { arguments: { id: 'a' }, source: { parent: 1 }, identity: { username: 'u' } };
    expect(value('[$ctx.args.id, $context.arguments.id, $ctx.source.parent, $ctx.identity.username, $ctx.info.fieldName]', ctx)).toEqual([
      'a',
      'a',
      1,
      'u',
      'getThing',
    ]);
    expect(response('$util.qr($ctx.args.put("x", 1))$util.toJson($context.arguments)', ctx).result).toEqual({ id: 'a', x: 1 });
  });

  it('exposes result, error, prev.result, request headers and env', () => {
    const ctx = {
      result: { n: 1 },
      error: { message: 'm', type: 't' },
      prev: { result: 'p' },
      request: { headers: { 'x-h': 'v' }, domainName: null },
      env: { STAGE: 'dev' },
    };
    expect(value('[$ctx.result.n, $ctx.error.message, $ctx.error.type, $ctx.prev.result, $ctx.request.headers.get("x-h"), $ctx.env.STAGE]', ctx)).toEqual([
      1,
      'm',
      't',
      'p',
      'v',
      'dev',
    ]);
  });

  it('stash changes come back with the evaluation (they flow to the next pipeline step)', () => {
    const evaluation = request('$util.qr($ctx.stash.put("k", [1]))#set($ctx.stash.other = "o"){}', { stash: { kept: true } });
    expect(evaluation.stash).toEqual({ kept: true, k: [1], other: 'o' });
  });
});

describe('directives and errors', () => {
  it('#return(value) in a request template is an early return; bare #return returns null (aws-appsync-directives)', () => {
    expect(request('#if($ctx.args.stop) #return({"done": true}) #end {"not": "reached"}', { arguments: { stop: true } })).toMatchObject({
      earlyReturn: { value: { done: true } },
      result: { done: true },
    });
    expect(request('#if(true)\n#return\n#end\n{}').earlyReturn).toEqual({ value: null });
    expect(request('#if($ctx.args.stop) #return({}) #end {"reached": true}').result).toEqual({ reached: true });
  });

  it('#return in a response template is its result', () => {
    expect(response('#return($ctx.result.a) ignored', { result: { a: [1] } })).toMatchObject({ result: [1] });
    expect(response('#return($ctx.result.a)', { result: { a: 1 } }).earlyReturn).toBeUndefined();
  });

  it('$util.error stops the template with message, type, data and errorInfo (UTIL)', () => {
    const evaluation = response('$util.appendError("first", "A")$util.error("stop", "CustomType", {"id": 1}, {"why": "x"})$util.appendError("never")');
    expect(evaluation.error).toEqual({ message: 'stop', errorType: 'CustomType', data: { id: 1 }, errorInfo: { why: 'x' } });
    expect(evaluation.appendedErrors).toEqual([{ message: 'first', errorType: 'A', data: null, errorInfo: null }]);
  });

  it('$util.unauthorized and $util.validate', () => {
    expect(response('$util.unauthorized()').error).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access getThing on type Query' });
    // Velocity takes no expressions as method arguments: the condition is #set first.
    const validate = (rest: string): string => `#set($positive = $ctx.args.n > 0)\n$util.validate($positive, "n must be positive"${rest})\n"ok"`;
    expect(response(validate(', "Validation"'), { arguments: { n: 0 } }).error).toMatchObject({
      message: 'n must be positive',
      errorType: 'Validation',
    });
    expect(response(validate(''), { arguments: { n: 1 } }).result).toBe('ok');
  });

  it('output that is not JSON, empty output and a helper that throws are MappingTemplate errors', () => {
    expect(response('hello').error).toMatchObject({ errorType: 'MappingTemplate', message: expect.stringMatching(/^Unable to parse the JSON document: /) });
    expect(response('## nothing\n').error).toEqual({
      errorType: 'MappingTemplate',
      message: 'Template transformation yielded an empty response.',
      data: null,
      errorInfo: null,
    });
    expect(response('$util.parseJson("{oops")').error).toMatchObject({ errorType: 'MappingTemplate' });
  });

  it('a template that does not parse is refused at load, naming the owner, the template and the line', () => {
    expect(() => loadVtlModule({ request: '{}', response: '#if(\n' }, 'Pipeline function addPost', noFallback)).toThrow(VtlLoadError);
    expect(() => loadVtlModule({ response: 'ok\n#set($x = )' }, 'Resolver Query.x', noFallback)).toThrow(
      /^Resolver Query\.x: the response mapping template is not valid VTL: Parse error on line 2: Expecting/,
    );
  });

  it('a missing template is the fallback module’s handler', () => {
    const fallback: LoadedModule = {
      source: 'fallback',
      hasHandler: () => true,
      evaluate: () => ({ result: 'from fallback', appendedErrors: [], invalidations: [], logs: [], stash: {} }),
    };
    const module = loadVtlModule({ request: '{}' }, 'Resolver Query.x', () => fallback);
    expect(module.evaluate('response', testContext()).result).toBe('from fallback');
    expect(module.evaluate('request', testContext()).result).toEqual({});
  });
});

describe('Velocity (Java) behaviour (GUIDE)', () => {
  it('maps: put, get, containsKey, keySet, entrySet, remove, size, isEmpty', () => {
    const template = `#set($m = {})
#set($empty = {})
$util.qr($m.put("a", 1))$util.qr($m.put("b", 2))
#set($keys = [])
#foreach($e in $m.entrySet())$util.qr($keys.add("$e.key=$e.value"))#end
$util.toJson([$m.get("a"), $m.containsKey("b"), $m.keySet(), $keys, $m.remove("a"), $m.size(), $m.isEmpty(), $empty.isEmpty()])`;
    expect(response(template).result).toEqual([1, true, ['a', 'b'], ['a=1', 'b=2'], 1, 1, false, true]);
  });

  it('lists: add, get, size, contains, indexOf, remove, subList; #foreach with $foreach.hasNext', () => {
    const template = `#set($l = ["x"])
$util.qr($l.add("y"))$util.qr($l.add("z"))
#set($joined = "")
#foreach($i in $l)#set($joined = "$joined$i")#if($foreach.hasNext)#set($joined = "$joined,")#end#end
$util.toJson([$l.size(), $l.get(1), $l.contains("z"), $l.indexOf("z"), $l.subList(0, 2), $joined, $l.remove(0), $l])`;
    expect(response(template).result).toEqual([3, 'y', true, 2, ['x', 'y'], 'x,y,z', 'x', ['y', 'z']]);
  });

  it('strings: length, contains, replace, replaceAll (regex), split, substring, equalsIgnoreCase', () => {
    const template = `#set($s = "a-b-c")
$util.toJson([$s.length(), $s.contains("b"), $s.replace("-", "+"), $s.replaceAll("[a-b]", "x"), $s.split("-"), $s.substring(2), $s.toUpperCase().equalsIgnoreCase($s)])`;
    expect(response(template).result).toEqual([5, true, 'a+b+c', 'x-x-c', ['a', 'b', 'c'], 'b-c', true]);
  });

  it('Velocity 1.7 truth: only null and false are false; "" and 0 are true', () => {
    const template =
      '#set($list = [])\n[#if("")1#{else}0#end, #if(0)1#{else}0#end, #if($ctx.args.none)1#{else}0#end, #if(!$ctx.args.none)1#{else}0#end, #if(false || $list)1#{else}0#end]';
    expect(response(template).result).toEqual([1, 1, 0, 1, 1]);
  });

  it('integer arithmetic is Java integer arithmetic; decimals stay decimals', () => {
    const template = '#set($a = 5 / 2)#set($b = 7 % 3)#set($c = 5.0 / 2)#set($d = 2 * 3 + 1)#set($e = -7 / 2)\n$util.toJson([$a, $b, $c, $d, $e])';
    expect(response(template).result).toEqual([2, 1, 2.5, 7, -3]);
  });

  it('a null reference renders as its text, $! renders nothing; a bare $map.put prints the literal (use $util.qr)', () => {
    expect(response('"$ctx.args.missing|$!ctx.args.missing|$!{ctx.source}"').result).toBe('$ctx.args.missing||');
    // velocityjs writes the reference's text back without the spaces between arguments (Java keeps them as written).
    expect(response(`#set($m = {})"$m.put('a', 1)|$util.qr($m.put('b', 2))|$util.quiet($m.put('c', 3))"`).result).toBe("$m.put('a',1)||");
  });
});

describe('$util (UTIL, DYNAMODB, LIST, MAP, STR)', () => {
  it('toJson / parseJson round-trip; toJson of a missing value is null', () => {
    expect(value('$util.parseJson("{\\"a\\": [1, true]}")')).toEqual({ a: [1, true] });
    expect(response('$util.toJson($ctx.args.missing)').result).toBeNull();
  });

  it('dynamodb.toDynamoDBJson and toMapValuesJson write the documented attribute values', () => {
    expect(response('$util.dynamodb.toDynamoDBJson("foo")').result).toEqual({ S: 'foo' });
    expect(response('$util.dynamodb.toDynamoDBJson(12345)').result).toEqual({ N: 12345 });
    expect(response('$util.dynamodb.toDynamoDBJson(true)').result).toEqual({ BOOL: true });
    expect(response('$util.dynamodb.toDynamoDBJson(["foo", 123, {"bar": "baz"}])').result).toEqual({
      L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }],
    });
    expect(response('$util.dynamodb.toMapValuesJson({"foo": "bar", "baz": 1234, "beep": ["boop"]})').result).toEqual({
      foo: { S: 'bar' },
      baz: { N: 1234 },
      beep: { L: [{ S: 'boop' }] },
    });
    expect(response('$util.dynamodb.toStringSetJson(["a", "b"])').result).toEqual({ SS: ['a', 'b'] });
    expect(response('$util.dynamodb.toNullJson()').result).toEqual({ NULL: null });
    expect(value('$util.dynamodb.toString("foo")')).toEqual({ S: 'foo' });
  });

  it('list.copyAndRetainAll / copyAndRemoveAll / sortList and map.copyAndRetainAllKeys / copyAndRemoveAllKeys', () => {
    expect(value('$util.list.copyAndRetainAll([1, 2, 3], [2, 3, 4])')).toEqual([2, 3]);
    expect(value('$util.list.copyAndRemoveAll([1, 2, 3], [2, 3, 4])')).toEqual([1]);
    expect(value('$util.list.sortList([{"n": 2}, {"n": 1}], false, "n")')).toEqual([{ n: 1 }, { n: 2 }]);
    expect(value('$util.list.sortList(["b", "c", "a"], true, "")')).toEqual(['c', 'b', 'a']);
    expect(value('$util.map.copyAndRetainAllKeys({"a": 1, "b": 2}, ["a"])')).toEqual({ a: 1 });
    expect(value('$util.map.copyAndRemoveAllKeys({"a": 1, "b": 2}, ["a"])')).toEqual({ b: 2 });
  });

  it('str, type checks, defaults, encodings, matches, time, ids, math', () => {
    expect(value('[$util.str.toUpper("hello"), $util.str.toLower("HI"), $util.str.toReplace("hello", "l", "L")]')).toEqual(['HELLO', 'hi', 'heLLo']);
    expect(value('[$util.isNull($ctx.args.none), $util.isNullOrEmpty(""), $util.isNullOrBlank(" "), $util.isString("s"), $util.isList([]), $util.isMap({}), $util.typeOf(1)]')).toEqual([
      true, true, true, true, true, true, 'Number',
    ]);
    expect(value('[$util.defaultIfNull($ctx.args.none, "d"), $util.defaultIfNullOrEmpty("", "e"), $util.defaultIfNullOrBlank(" ", "b")]')).toEqual(['d', 'e', 'b']);
    expect(value('[$util.base64Encode("hello world"), $util.base64Decode("aGVsbG8gd29ybGQ="), $util.urlEncode("a b&c"), $util.escapeJavaScript("\\"")]')).toEqual([
      'aGVsbG8gd29ybGQ=', 'hello world', 'a+b%26c', '\\"',
    ]);
    expect(value('[$util.matches("a.c", "abc"), $util.matches("a", "abc")]')).toEqual([true, false]);
    expect(value('$util.time.epochMilliSecondsToISO8601(1542230400000)')).toBe('2018-11-14T21:20:00.000Z');
    expect(value('$util.time.nowEpochSeconds()')).toBeTypeOf('number');
    expect(value('$util.autoId()')).toMatch(/^[0-9a-f-]{36}$/);
    expect(value('[$util.math.roundNum(1.5), $util.math.minVal(1, 2), $util.math.maxVal(1, 2)]')).toEqual([2, 1, 2]);
    expect(value('$util.authType()')).toBe('API Key Authorization');
    expect(value('$utils.toJson(1)')).toBe('1');
  });

  it('transform.toDynamoDBFilterExpression answers JSON text to parse', () => {
    expect(value('$util.parseJson($util.transform.toDynamoDBFilterExpression({"title": {"contains": "Hello World"}}))')).toEqual({
      expression: '(contains(#title,:title_contains))',
      expressionNames: { '#title': 'title' },
      expressionValues: { ':title_contains': { S: 'Hello World' } },
    });
  });

  it('transform.toElasticsearchQueryDSL answers the documented Query DSL as JSON text', () => {
    expect(value('$util.parseJson($util.transform.toElasticsearchQueryDSL({"upvotes": {"ne": 15, "range": [10, 20]}, "title": {"eq": "hihihi", "wildcard": "h*i"}}))')).toEqual({
      bool: {
        must: [
          { bool: { must: [{ bool: { must_not: { term: { upvotes: 15 } } } }, { range: { upvotes: { gte: 10, lte: 20 } } }] } },
          { bool: { must: [{ term: { title: 'hihihi' } }, { wildcard: { title: 'h*i' } }] } },
        ],
      },
    });
  });

  it('$util.log.info/error write log lines and nothing into the output', () => {
    const evaluation = response('$util.log.info("hello", {"a": 1})$util.log.error("bad")\n{}');
    expect(evaluation.result).toEqual({});
    expect(evaluation.logs).toEqual(['INFO - hello {"a":1}', 'ERROR - bad']);
  });

  it('$extensions records subscription filters', () => {
    const evaluation = response('$extensions.setSubscriptionFilter($util.transform.toSubscriptionFilter({"name": {"eq": "x"}}))null');
    expect(evaluation.subscriptionFilter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'name', operator: 'eq', value: 'x' }] }] });
  });
});
