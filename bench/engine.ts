/**
 * The engine alone (issue 15 / 17): `appsync-local start` on a fixture app of 20 resolvers (a CloudFormation template
 * made here: 10 NONE and 10 DynamoDB GetItem resolvers, inline APPSYNC_JS), its start time from cold and warm, and the
 * engine process's own CPU per request (from /proc, so neither this client nor DynamoDB Local's JVM is counted).
 * `npx tsx bench/engine.ts` prints the figures; `npm run bench` reports them in BENCHMARKS.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { currentLoad } from './machine.ts';
import { processCpuMs } from './process-cpu.ts';
import { APPSYNC_LOCAL_BIN, measureStart, type TimedRun } from './startup.ts';

const FIELDS = 10;

/** Engine CPU per request for one resolver kind at one concurrency. */
export interface EngineCpuRow {
  kind: 'NONE' | 'DynamoDB GetItem';
  requests: number;
  concurrency: number;
  /**
   * Engine CPU (user + system) per request over `requests` after a short warm-up, the median of the runs (each on an
   * engine process of its own, so each includes V8 compiling the engine's hot code), and its wall time in that run.
   */
  cpuMsPerRequest: number;
  wallMsPerRequest: number;
  /** The same over as many again, once V8's optimizing compiler has worked through the engine's hot code (same run). */
  nextCpuMsPerRequest: number;
  nextWallMsPerRequest: number;
  /** Every run's first figure, in run order. */
  cpuMsPerRequestRuns: number[];
}

export interface EngineResults {
  resolvers: number;
  coldStart: TimedRun;
  warmStart: TimedRun;
  cpuPerRequest: EngineCpuRow[];
  /** How many engine processes the CPU rows were measured on. */
  runs: number;
  /** The machine's 1-minute load when the CPU rows started: a busy machine raises them. */
  loadAtStart?: number;
}

/** Issue 17: the engine's own CPU per request, read on the first requests after the warm-up. */
export const ENGINE_CPU_TARGET_MS = 1;

/** A template with `FIELDS` NONE and `FIELDS` DynamoDB resolvers: `none0…`, `item0…`. */
export function twentyResolverTemplate(): object {
  const apiId = { 'Fn::GetAtt': ['Api', 'ApiId'] };
  const resources: Record<string, unknown> = {
    Api: { Type: 'AWS::AppSync::GraphQLApi', Properties: { Name: 'bench-api', AuthenticationType: 'API_KEY' } },
    Key: { Type: 'AWS::AppSync::ApiKey', Properties: { ApiId: apiId } },
    Items: {
      Type: 'AWS::DynamoDB::Table',
      Properties: { TableName: 'bench-items', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] },
    },
    Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } } },
    NoneSource: { Type: 'AWS::AppSync::DataSource', Properties: { ApiId: apiId, Name: 'none', Type: 'NONE' } },
    TableSource: {
      Type: 'AWS::AppSync::DataSource',
      Properties: { ApiId: apiId, Name: 'items', Type: 'AMAZON_DYNAMODB', DynamoDBConfig: { TableName: { Ref: 'Items' }, AwsRegion: 'us-east-1' }, ServiceRoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] } },
    },
  };
  const fields: string[] = [];
  const runtime = { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' };
  for (let index = 0; index < FIELDS; index += 1) {
    fields.push(`none${index}(text: String!): String`, `item${index}(id: ID!): Item`);
    resources[`None${index}`] = {
      Type: 'AWS::AppSync::Resolver',
      DependsOn: 'Schema',
      Properties: {
        ApiId: apiId, TypeName: 'Query', FieldName: `none${index}`, DataSourceName: 'none', Runtime: runtime,
        Code: `export function request(ctx) { return { payload: ctx.args.text }; }\nexport function response(ctx) { return ctx.result; }\n`,
      },
    };
    resources[`Item${index}`] = {
      Type: 'AWS::AppSync::Resolver',
      DependsOn: 'Schema',
      Properties: {
        ApiId: apiId, TypeName: 'Query', FieldName: `item${index}`, DataSourceName: 'items', Runtime: runtime,
        Code: `import { get } from '@aws-appsync/utils/dynamodb';\nexport function request(ctx) { return get({ key: { id: ctx.args.id } }); }\nexport function response(ctx) { return ctx.result; }\n`,
      },
    };
  }
  resources.Schema = { Type: 'AWS::AppSync::GraphQLSchema', Properties: { ApiId: apiId, Definition: `type Item { id: ID! }\ntype Query {\n  ${fields.join('\n  ')}\n}\n` } };
  return { Resources: resources };
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((wait) => setTimeout(wait, 20));
  }
}

/** A request: a fixed document with variables, as apps send them (so the engine's document cache applies). */
type Request = (n: number) => { query: string; variables: Record<string, unknown> };

/** Sends `requests` queries, `concurrency` at a time; returns the wall time. */
async function load(url: string, apiKey: string, request: Request, requests: number, concurrency: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < requests) {
      const n = next++;
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body: JSON.stringify(request(n)) });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`request failed: ${JSON.stringify(body.errors)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - started;
}

type OneRun = Omit<EngineCpuRow, 'cpuMsPerRequestRuns'>;

/** The CPU rows on one engine process: each kind at 1 and 8 clients, after a warm-up of 200 requests. */
async function measureOneRun(args: string[], dir: string, stateDir: string, requests: number, log: (line: string) => void): Promise<OneRun[]> {
  const child: ChildProcess = spawn(process.execPath, [APPSYNC_LOCAL_BIN, 'start', ...args], { cwd: dir, stdio: 'ignore' });
  try {
    const endpointsFile = join(stateDir, 'endpoints.json');
    rmSync(endpointsFile, { force: true });
    await until(() => existsSync(endpointsFile), 120_000);
    const endpoints = JSON.parse(readFileSync(endpointsFile, 'utf8')) as { graphqlUrl: string; apiKey: string };
    const pid = child.pid ?? 0;
    const rows: OneRun[] = [];
    const kinds = [
      { kind: 'NONE' as const, request: (n: number) => ({ query: `query ($t: String!) { none${n % FIELDS}(text: $t) }`, variables: { t: `hello ${n}` } }) },
      {
        kind: 'DynamoDB GetItem' as const,
        request: (n: number) => ({ query: `query ($id: ID!) { item${n % FIELDS}(id: $id) { id } }`, variables: { id: `missing-${n}` } }),
      },
    ];
    for (const { kind, request } of kinds) {
      for (const concurrency of [1, 8]) {
        await load(endpoints.graphqlUrl, endpoints.apiKey, request, Math.min(200, requests), concurrency); // warm-up
        const measure = async () => {
          const before = processCpuMs(pid);
          const wall = await load(endpoints.graphqlUrl, endpoints.apiKey, request, requests, concurrency);
          return { cpu: (processCpuMs(pid) - before) / requests, wall: wall / requests };
        };
        const first = await measure();
        const next = await measure();
        rows.push({ kind, requests, concurrency, cpuMsPerRequest: first.cpu, wallMsPerRequest: first.wall, nextCpuMsPerRequest: next.cpu, nextWallMsPerRequest: next.wall });
        log(`engine: ${kind} ×${requests} at ${concurrency}: ${first.cpu.toFixed(3)} ms CPU/request, the next ${requests}: ${next.cpu.toFixed(3)} ms`);
      }
    }
    return rows;
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
  }
}

/**
 * Each row's median run (by its first figure), with every run's first figure. One run's figures swing with the
 * machine's speed (0.8 to 1.9 ms per GetItem at one client within one hour, the same code): the median of a few
 * engine processes reads the engine more than the moment.
 */
export function medianRows(runs: readonly OneRun[][]): EngineCpuRow[] {
  return runs[0]!.map((_, index) => {
    const candidates = runs.map((run) => run[index]!);
    const median = [...candidates].sort((a, b) => a.cpuMsPerRequest - b.cpuMsPerRequest)[candidates.length >> 1]!;
    return { ...median, cpuMsPerRequestRuns: candidates.map((row) => row.cpuMsPerRequest) };
  });
}

export async function measureEngine(options: { requests: number; runs: number; log: (line: string) => void }): Promise<EngineResults> {
  const dir = mkdtempSync(join(tmpdir(), 'engine-bench-'));
  const templatePath = join(dir, 'template.json');
  writeFileSync(templatePath, JSON.stringify(twentyResolverTemplate()));
  const stateDir = join(dir, 'state');
  const args = ['--template', templatePath, '--no-ses', '--no-watch', '--state-dir', stateDir];
  try {
    options.log('engine: cold and warm start on the 20-resolver fixture…');
    const coldStart = await measureStart(args, dir, join(stateDir, 'endpoints.json'));
    const warmStart = await measureStart(args, dir, join(stateDir, 'endpoints.json'));
    const loadAtStart = currentLoad();
    const runs: OneRun[][] = [];
    for (let run = 1; run <= options.runs; run += 1) {
      options.log(`engine: CPU per request, engine process ${run} of ${options.runs}`);
      runs.push(await measureOneRun(args, dir, stateDir, options.requests, options.log));
    }
    return { resolvers: FIELDS * 2, coldStart, warmStart, cpuPerRequest: medianRows(runs), runs: options.runs, loadAtStart };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await measureEngine({ requests: 2000, runs: 3, log: (line) => process.stderr.write(`${line}\n`) });
  console.log(JSON.stringify(results, null, 2));
}
