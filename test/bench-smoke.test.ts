/**
 * The benchmark harness (bench/) on a few requests against the shared stack: proves every measuring function works
 * and that its workloads get the answers they expect. No speed target is asserted here (targets live in
 * BENCHMARKS.md, written by `npm run bench`).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBarChart } from '../bench/chart.ts';
import { runClosedLoop } from '../bench/closed-loop.ts';
import { measureEmailLatency } from '../bench/email-latency.ts';
import { runPaired } from '../bench/paired-runs.ts';
import { createGraphQLClient } from '../bench/graphql-client.ts';
import { percentile } from '../bench/latency-stats.ts';
import { generateWorkload, verifyRightCodeWorkload, verifyWrongCodeWorkload, type WorkloadTarget } from '../bench/otp-workloads.ts';
import { costTable } from '../bench/pricing.ts';
import { tokenFloor } from '../bench/token-floor.ts';
import { medianRows } from '../bench/engine.ts';
import { BEFORE_ISSUE_17, previousTestSuiteFigures } from '../bench/before-issue-17.ts';
import { previousFigures } from '../bench/previous-figures.ts';
import { renderReport, type BenchResults } from '../bench/report.ts';
import { GenerateOtpDocument } from '../infra/documents/generated/graphql.ts';
import { POLICY_DEFAULTS } from '../infra/model/index.ts';
import { localCodeMacs, localKms } from './support/code-macs.ts';
import { LOAD_CONTEXT } from './support/load-context.ts';
import { findTableName } from './support/table.ts';
import { sharedEndpoints } from './support/shared-stack.ts';

const endpoints = await sharedEndpoints();
const dynamodb = new DynamoDBClient({ endpoint: endpoints.dynamodbUrl, region: endpoints.region, credentials: endpoints.iam });
const client = createGraphQLClient(endpoints.graphqlUrl, endpoints.apiKey, 4);
const codeMacs = localCodeMacs(endpoints);
const kms = localKms(endpoints);

afterAll(() => {
  client.close();
  dynamodb.destroy();
  codeMacs.destroy();
  kms.destroy();
});

async function target(): Promise<WorkloadTarget> {
  // The policy's defaults (infra/model/policy.ts), except the send budgets the shared stack raises (LOAD_CONTEXT):
  // the direct floor must count on the same budget shards, with the same maximum, as the resolver.
  const env = {
    OTP_GLOBAL_SENDS_PER_MINUTE: LOAD_CONTEXT.globalSendsPerMinute,
    OTP_DOMAIN_SENDS_PER_MINUTE: LOAD_CONTEXT.domainSendsPerMinute,
  };
  return {
    post: client.post,
    dynamodb,
    tableName: await findTableName(dynamodb),
    codeMacs,
    maxAttempts: POLICY_DEFAULTS.maxAttempts,
    ttlSeconds: POLICY_DEFAULTS.codeTtlSeconds,
    retentionSeconds: POLICY_DEFAULTS.verifiedRetentionSeconds,
    env,
  };
}

/** A quick run's results on a made-up machine, with the given sections. */
function reportOf(sections: Partial<BenchResults>): BenchResults {
  return {
    mode: 'quick',
    date: '2026-01-01T00:00:00.000Z',
    machine: { cpu: 'test', cores: 2, memoryGb: 1, os: 'Linux', node: 'v20', loadAtStart: 0, loadAtEnd: 0 },
    stackStartMs: 1000,
    throughput: [],
    usage: [],
    ...sections,
  };
}

describe('bench harness', () => {
  it('runs generateOtp through GraphQL and directly, every request answered as expected', async () => {
    const workload = generateWorkload(await target(), 'smoke');
    const settled: number[] = [];
    const { a: graphql, b: direct } = await runPaired(workload.graphql, workload.direct, {
      concurrency: 2,
      total: 4,
      warmup: 1,
      rounds: 2,
      settle: async (sent) => void settled.push(sent),
    });
    // One warm-up per side, then two rounds of two requests per side.
    expect(settled).toEqual([1, 1, 2, 2, 2, 2]);
    for (const summary of [graphql, direct]) {
      expect(summary).toMatchObject({ requests: 4, errors: 0 });
      expect(summary.throughput).toBeGreaterThan(0);
      expect(summary.p99).toBeGreaterThanOrEqual(summary.p50);
      expect(summary.cpuMsPerRequest).toBeGreaterThan(0);
    }
  });

  it("runs right-code verifyOtp both ways, the floor signing a token as valid as the resolver's with the same KMS key", async () => {
    const { keys } = (await (await fetch(endpoints.jwksUrl)).json()) as { keys: { kid: string }[] };
    // The resolver's settings: the token key (the JWKS names it) and the default audience.
    const env = { OTP_TOKEN_KEY_ID: keys[0]!.kid, OTP_DEFAULT_AUDIENCE: endpoints.outputs.DefaultAudience! };
    const floor = tokenFloor(kms, env, endpoints.graphqlUrl);
    const tokens: string[] = [];
    const signToken = async (input: Parameters<typeof floor>[0]) => {
      const token = await floor(input);
      tokens.push(token);
      return token;
    };
    const workload = await verifyRightCodeWorkload({ ...(await target()), signToken }, 2);
    expect((await runClosedLoop(workload.graphql, { concurrency: 2, total: 2 })).errors).toBe(0);
    expect((await runClosedLoop(workload.direct, { concurrency: 2, total: 2 })).errors).toBe(0);
    expect(tokens).toHaveLength(2);
    const jwks = createRemoteJWKSet(new URL(endpoints.jwksUrl));
    for (const token of tokens) {
      const { payload } = await jwtVerify(token, jwks, { issuer: endpoints.graphqlUrl, audience: env.OTP_DEFAULT_AUDIENCE, algorithms: ['ES256'] });
      expect(payload.sid).toEqual(expect.any(String));
    }
  });

  it('runs wrong-code verifyOtp on seeded sessions through GraphQL and directly', async () => {
    const workload = await verifyWrongCodeWorkload(await target(), 6, 2);
    expect((await runClosedLoop(workload.graphql, { concurrency: 2, total: 6 })).errors).toBe(0);
    expect((await runClosedLoop(workload.direct, { concurrency: 2, total: 6 })).errors).toBe(0);
  });

  it('counts a request answered otherwise than expected as an error and keeps what the answer was', async () => {
    const workload = generateWorkload(await target(), 'smoke-error');
    // The same address every time: the stack refuses a second code for it at once, so every request after the first errs.
    const sameAddress = () => workload.graphql(0);
    const run = await runClosedLoop(sameAddress, { concurrency: 1, total: 3 });
    expect(run.errors).toBe(2);
    expect(run.errorMessages).toHaveLength(1);
    // The API's errorType and message, as the report shows them.
    expect(run.errorMessages?.[0]).toMatch(/^Error: RateLimitExceeded: \S/);
  });

  it("lets an idle socket go before the server's keep-alive timeout, instead of sending on one the server is closing", async () => {
    const connections: number[] = [];
    const server = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}');
    });
    // It announces `Keep-Alive: timeout=2`; the client must drop the socket about a second before.
    server.keepAliveTimeout = 2_000;
    server.on('connection', (socket) => connections.push(socket.remotePort ?? 0));
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const idle = createGraphQLClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, 'key', 1);
    try {
      await idle.post(GenerateOtpDocument, { email: 'a@example.com' });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      // Still open on the server's side: reused, it would be closed under the next request at 2 s.
      await idle.post(GenerateOtpDocument, { email: 'b@example.com' });
      expect(connections).toHaveLength(2);
    } finally {
      idle.close();
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
    }
  });

  it('measures email latency for sequential sessions', async () => {
    const email = await measureEmailLatency(client.post, endpoints.sesUrl, 2, { ownsInbox: false });
    expect(email).toMatchObject({ requests: 2, errors: 0 });
    expect(email.p50).toBeGreaterThan(0);
  });

  it('renders the report, the chart and the cost table', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    const lines = costTable({ appsyncOperations: 2, writeUnits: 10, readUnits: 0, lambdaInvocations: 1, lambdaGbSeconds: 0.025, emails: 1 }, [1000]);
    expect(lines.find((line) => line.item.startsWith('AppSync'))?.usd).toEqual([0.008]);
    const run = { requests: 1, errors: 0, throughput: 10, p50: 1, p95: 1, p99: 1, max: 1, durationMs: 100 };
    const results = reportOf({ throughput: [{ operation: 'generateOtp', concurrency: 1, graphql: run, direct: { ...run, throughput: 20 } }] });
    const markdown = renderReport(results, 'bench/chart.svg');
    expect(markdown).toContain('| generateOtp | 1 | 10/s');
    // generateOtp's own target (issue 17), not the general 0.8.
    expect(markdown).toContain('| 0.50 | ≥ 0.9: **missed** |');
    expect(renderReport({ ...results, throughput: [{ ...results.throughput[0]!, direct: { ...run, throughput: 10.5 } }] }, 'x.svg')).toContain('| 0.95 | ≥ 0.9: met |');
    const at32 = renderReport({ ...results, throughput: [{ operation: 'generateOtp', concurrency: 32, graphql: { ...run, p99: 250 }, direct: { ...run, p99: 100 } }] }, 'x.svg');
    expect(at32).toContain("generateOtp's p99 at 32 clients: 250.0 ms against 100.0 ms direct (≤ 2×, 200.0 ms): **missed** (no previous figure).");
    expect(markdown).not.toContain('Errors in these runs');
    const erred = renderReport({ ...results, throughput: [{ ...results.throughput[0]!, graphql: { ...run, errors: 2, errorMessages: ['Error: TransactionConflict'] } }] }, 'bench/chart.svg');
    expect(erred).toContain('- generateOtp ×1, GraphQL: 2 — `Error: TransactionConflict`');
    const svg = renderBarChart({ title: 'a < b', unit: 'req/s', categories: ['x'], series: [{ name: 's', color: '#000', values: [3] }] });
    expect(svg).toMatch(/^<svg [^>]+>/);
    expect(svg).toContain('a &lt; b');
  });

  it('reads the engine CPU target on the median of its runs, and every previous figure back from the report', () => {
    const row = (cpu: number, wall: number) => ({ kind: 'DynamoDB GetItem' as const, requests: 2000, concurrency: 1, cpuMsPerRequest: cpu, wallMsPerRequest: wall, nextCpuMsPerRequest: cpu / 2, nextWallMsPerRequest: wall });
    const [median] = medianRows([[row(1.6, 3)], [row(0.9, 2)], [row(1.2, 4)]]);
    // The run with the median first figure, whole (its wall time and "next" too), and every run's figure in run order.
    expect(median).toEqual({ ...row(1.2, 4), cpuMsPerRequestRuns: [1.6, 0.9, 1.2] });
    const start = { ok: true, ms: 1000, detail: 'x' };
    const run = { requests: 10, errors: 0, throughput: 10, p50: 1, p95: 2, p99: 300, max: 4, durationMs: 100 };
    const base = reportOf({
      throughput: [{ operation: 'generateOtp', concurrency: 32, graphql: run, direct: { ...run, throughput: 11, p99: 200 } }],
      email: { ...run, p50: 17.3, p99: 485.7 },
      engine: { resolvers: 20, coldStart: start, warmStart: start, cpuPerRequest: [median!], runs: 3 },
    });
    const first = renderReport(base, 'x.svg');
    expect(first).toContain('| engine CPU per request, DynamoDB GetItem, 1 client × 2000 | 1.20 ms | ≤ 1 ms: **missed** | none | wall 4.0 ms per request; runs 1.60 / 0.90 / 1.20 ms |');
    expect(first).toContain('| 0.91 | ≥ 0.9: met | none |');
    const previous = previousFigures(first);
    expect(previous).toEqual({
      ratios: { 'generateOtp × 32': 0.91 },
      generateP99: { graphql: 300, direct: 200 },
      email: { p50: 17.3, p99: 485.7 },
      engineCpu: { 'engine CPU per request, DynamoDB GetItem, 1 client × 2000': 1.2, 'engine CPU per request, DynamoDB GetItem, 1 client, the next 2000': 0.6 },
    });
    const second = renderReport(
      { ...base, throughput: [{ ...base.throughput[0]!, graphql: { ...run, throughput: 12, p99: 250 } }], engine: { ...base.engine!, cpuPerRequest: [{ ...median!, cpuMsPerRequest: 0.95 }] }, previous },
      'x.svg',
    );
    expect(second).toContain('| engine CPU per request, DynamoDB GetItem, 1 client × 2000 | 0.95 ms | ≤ 1 ms: met | 1.20 ms |');
    expect(second).toContain('| 1.09 | ≥ 0.9: met | 0.91 |');
    expect(second).toContain("generateOtp's p99 at 32 clients: 250.0 ms against 200.0 ms direct (≤ 2×, 400.0 ms): met (previous 300.0 ms against 200.0 ms).");
    expect(second).toContain('| met | met | 17.3 ms / 485.7 ms |');
  });

  it('reads the previous figures of a report written before they were shown (the committed BENCHMARKS.md may be one)', () => {
    const older = [
      '## Throughput and latency (closed loop)',
      '| operation | clients | GraphQL req/s | p50 | p95 | p99 | CPU/req | errors | direct req/s | p50 | p95 | p99 | CPU/req | GraphQL/direct | target |',
      '| verifyOtp (wrong code) | 8 | 295/s | 25.3 ms | 43.3 ms | 48.6 ms | 3.3 ms | 0/800 | 302/s | 25.0 ms | 39.0 ms | 56.8 ms | 3.3 ms | 0.98 | ≥ 0.8: met |',
      '',
      "generateOtp's p99 at 32 clients: 407.5 ms against 384.7 ms direct (≤ 2×, 769.3 ms): met.",
      '## Email latency',
      '| sessions | p50 | p95 | p99 | max | missing | p50 target | p99 target |',
      '| 50 | 17.3 ms | 346.6 ms | 485.7 ms | 485.7 ms | 0 | met | met |',
      '## The engine alone (x)',
      '| engine CPU per request, NONE, 8 clients × 2000 | 0.4 ms | wall 0.6 ms per request |',
    ].join('\n');
    expect(previousFigures(older)).toEqual({
      ratios: { 'verifyOtp (wrong code) × 8': 0.98 },
      generateP99: { graphql: 407.5, direct: 384.7 },
      email: { p50: 17.3, p99: 485.7 },
      engineCpu: { 'engine CPU per request, NONE, 8 clients × 2000': 0.4 },
    });
    expect(previousFigures('')).toEqual({ ratios: {}, engineCpu: {} });
    // The test-suite section, through the same table reader; a report without it falls back to the figures before issue 17.
    const suite = ['Written by `npm run bench` (bench/run.ts) on 2026-12-08T00:00:00.000Z, mode **full**.', '## Test suite (`npm test`)', '| `npm test`, whole | 168.6 s | ≤ 150 s: **missed** |', '| lint (exit 1) | 11.0 s | ≤ 150 s: met |', '### Per test file', '| `test/attacks.test.ts` | 31.8 s | 8.8 s |', '## The engine alone (x)', '| `x` | 9.0 s |'].join('\n');
    expect(previousTestSuiteFigures(suite)).toEqual({ source: 'BENCHMARKS.md of 2026-12-08T00:00:00.000Z', totalMs: 168_600, phases: { lint: 11_000 }, suites: { 'test/attacks.test.ts': 31_800 } });
    expect(previousTestSuiteFigures('')).toBe(BEFORE_ISSUE_17);
  });
});
