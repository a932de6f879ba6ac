/**
 * The engine serving VTL resolvers (fixture API: local/fixtures/vtl/posts-api.ts) against DynamoDB Local: AWS's
 * tutorial-dynamodb-resolvers templates (addPost, getPost, updatePost with its version condition, upvotePost, the
 * paginated allPost), 2017-02-28 and 2018-05-29 error rules, VTL resolvers on NONE, and VTL pipelines with an
 * APPSYNC_JS function between VTL functions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTS_API_KEY, postsApi } from '../../fixtures/vtl/posts-api.ts';
import type { DynamoDbLocalEndpoint } from '../../services/dynamodb-local.ts';
import { testDynamoDbLocal } from '../../test-support/dynamodb-local.ts';
import { startAppSyncServer, type AppSyncServer } from '../server.ts';
import { createDynamoDbJsonClient } from '../data-sources/dynamodb/dynamodb-json-client.ts';
import { createTables } from '../../services/tables.ts';

const REGION = 'eu-west-1';
const TABLE = 'vtl-posts';

interface Answer {
  data: Record<string, unknown> | null;
  errors?: { path: string[]; errorType: string | null; message: string }[];
}

let dynamo: DynamoDbLocalEndpoint;
let server: AppSyncServer;

async function graphql(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': POSTS_API_KEY },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

beforeAll(async () => {
  dynamo = await testDynamoDbLocal();
  const client = createDynamoDbJsonClient({ endpoint: dynamo.endpoint, region: REGION, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await createTables(client, [
    { logicalId: TABLE, tableName: TABLE, keySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], attributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] },
  ]);
  client.destroy();
  server = await startAppSyncServer({ api: postsApi(TABLE), dynamodb: { endpoint: dynamo.endpoint, region: REGION }, region: REGION });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await dynamo?.stop();
});

const POST_FIELDS = 'id author title content ups version';

describe('VTL unit resolvers on DynamoDB (tutorial-dynamodb-resolvers)', () => {
  it('addPost (PutItem, $util.dynamodb helpers) then getPost (GetItem) answer the stored item', async () => {
    const added = await graphql(`mutation { addPost(author: "AUTHORNAME", title: "Our first post!", content: "This is our first post.") { ${POST_FIELDS} } }`);
    expect(added.errors).toBeUndefined();
    const post = added.data?.addPost as Record<string, unknown>;
    expect(post).toMatchObject({ author: 'AUTHORNAME', title: 'Our first post!', content: 'This is our first post.', ups: 1, version: 1 });
    expect(post.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await graphql(`query ($id: ID!) { getPost(id: $id) { ${POST_FIELDS} } }`, { id: post.id })).toEqual({ data: { getPost: post } });
    // 2017-02-28: a null result skips the response template; the field is null without an error.
    expect(await graphql('{ getPost(id: "missing") { id } }')).toEqual({ data: { getPost: null } });
  });

  it('updatePost builds its update expression in VTL and checks the expected version', async () => {
    const { data } = await graphql('mutation { addPost(author: "A", title: "T", content: "C") { id } }');
    const id = (data?.addPost as { id: string }).id;
    const updated = await graphql(`mutation ($id: ID!) { updatePost(id: $id, author: "B", title: null, expectedVersion: 1) { ${POST_FIELDS} } }`, { id });
    expect(updated).toEqual({ data: { updatePost: { id, author: 'B', title: null, content: 'C', ups: 1, version: 2 } } });
    // 2017-02-28: the data source's error is the field's error, though the response template does not raise it.
    const stale = await graphql('mutation ($id: ID!) { updatePost(id: $id, author: "C", expectedVersion: 1) { id } }', { id });
    expect(stale.data).toEqual({ updatePost: null });
    expect(stale.errors).toMatchObject([{ path: ['updatePost'], errorType: 'DynamoDB:ConditionalCheckFailedException' }]);
  });

  it('upvotePost (2018-05-29): the response template raises the data source error itself', async () => {
    const { data } = await graphql('mutation { addPost(author: "A", title: "T", content: "C") { id } }');
    const id = (data?.addPost as { id: string }).id;
    expect(await graphql('mutation ($id: ID!) { upvotePost(id: $id) { ups version } }', { id })).toEqual({
      data: { upvotePost: { ups: 2, version: 2 } },
    });
    const missing = await graphql('mutation { upvotePost(id: "missing") { ups } }');
    expect(missing.errors).toMatchObject([{ path: ['upvotePost'], errorType: 'DynamoDB:ConditionalCheckFailedException' }]);
  });

  it('allPost pages through a Scan with limit and nextToken', async () => {
    const seen = new Set<string>();
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const page: Answer = await graphql('query ($t: String) { allPost(count: 2, nextToken: $t) { posts { id } nextToken } }', { t: nextToken });
      expect(page.errors).toBeUndefined();
      const { posts, nextToken: token } = page.data?.allPost as { posts: { id: string }[]; nextToken: string | null };
      expect(posts.length).toBeLessThanOrEqual(2);
      for (const post of posts) seen.add(post.id);
      nextToken = token;
      pages += 1;
    } while (nextToken && pages < 10);
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(pages).toBeGreaterThanOrEqual(2);
  });
});

describe('VTL on NONE and in pipelines', () => {
  it('runs a NONE resolver (Java String methods on arguments)', async () => {
    expect(await graphql('{ echo(text: "hello") }')).toEqual({ data: { echo: 'hello (5)' } });
  });

  it('runs a VTL before template, a JS function, a VTL function and a VTL after template sharing one stash', async () => {
    expect(await graphql('{ greeting(name: "Ada") }')).toEqual({ data: { greeting: 'HELLO, ADA!' } });
    expect(await graphql('{ early(skip: false) }')).toEqual({ data: { early: 'after: Hello, nobody!' } });
  });

  it('#return in the before template returns from the whole resolver: no function, no after template', async () => {
    expect(await graphql('{ early(skip: true) }')).toEqual({ data: { early: 'skipped' } });
  });

  it('a response template whose output is not JSON is a MappingTemplate error, naming no file', async () => {
    const answer = await graphql('{ broken }');
    expect(answer.data).toEqual({ broken: null });
    expect(answer.errors).toMatchObject([{ path: ['broken'], errorType: 'MappingTemplate' }]);
    expect(answer.errors?.[0]?.message).toMatch(/^Unable to parse the JSON document: /);
    expect(answer.errors?.[0]?.message).not.toMatch(/\/work|fixtures|\.vtl/);
  });
});

describe('load-time checks', () => {
  it('refuses to start with a template that does not parse, naming the resolver and the line', async () => {
    const api = postsApi(TABLE);
    api.resolvers[5] = { ...api.resolvers[5]!, vtl: { request: '{"version": "2018-05-29",\n "payload": #if( }', response: '$util.toJson($ctx.result)' } };
    await expect(startAppSyncServer({ api, dynamodb: { endpoint: dynamo.endpoint, region: REGION }, region: REGION })).rejects.toThrow(
      /^Resolver Query\.echo: the request mapping template is not valid VTL: Parse error on line 2: /,
    );
  });
});
