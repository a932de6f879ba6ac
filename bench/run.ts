/**
 * `npm run bench` (`-- --quick` for a short run): starts its own local stack (web off, state in .local/bench),
 * measures the service and the stack, and writes BENCHMARKS.md and bench/chart.svg at the repository root.
 * Options: --quick (few requests, no cold start or `npm test` timing), --skip-startup (no cold start / `npm test` timing),
 * --rerender (rewrite BENCHMARKS.md and the chart from the last run's .local/bench/results.json, measuring nothing).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localCodeMacs, localKms } from '../test/support/code-macs.ts';
import { clearInbox } from '../test/support/inbox.ts';
import { readOtpConfig } from '../resolvers/lib/config.ts';
import { renderBarChart } from './chart.ts';
import { measureDynamoDbUsage } from './dynamodb-usage.ts';
import { measureEmailLatency } from './email-latency.ts';
import { createGraphQLClient } from './graphql-client.ts';
import { waitForInbox } from './inbox.ts';
import { currentLoad, describeMachine } from './machine.ts';
import { assertFloorMatchesResolvers } from './floor-check.ts';
import { floorSettings, generateWorkload, verifyRightCodeWorkload, verifyWrongCodeWorkload, type Workload, type WorkloadTarget } from './otp-workloads.ts';
import { runPaired } from './paired-runs.ts';
import { costTable } from './pricing.ts';
import { previousFigures } from './previous-figures.ts';
import { renderReport, type BenchResults, type ThroughputRow } from './report.ts';
import { REPO_ROOT, measureColdAndWarmStart, measureFreshCloneStart } from './startup.ts';
import { tokenFloor } from './token-floor.ts';
import { previousTestSuiteFigures } from './before-issue-17.ts';
import { measureTestSuite } from './test-suite.ts';
import { measurePeer } from './amplify-peer/measure.ts';
import { measureEngine } from './engine.ts';
import { startBenchStack } from './bench-stack.ts';
import { processCpuMs } from './process-cpu.ts';
import { summarizeUsage } from './usage-summary.ts';

const CONCURRENCY_LEVELS = [1, 8, 32];
/** Requests per side and operation in the warm-up pass (full runs; quick runs use a tenth). */
const WARM_UP_REQUESTS = 300;
/** Assumed billed duration of one email Lambda invocation (see usage-summary.ts). */
const LAMBDA_DURATION_MS = 100;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      'skip-startup': { type: 'boolean', default: false },
      rerender: { type: 'boolean', default: false },
    },
  });
  if (values.rerender) {
    writeOutputs(JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchResults);
    return;
  }
  const quick = values.quick;
  const machine = describeMachine();
  const results: BenchResults = { mode: quick ? 'quick' : 'full', date: new Date().toISOString(), machine, stackStartMs: 0, throughput: [], usage: [] };
  // Read before this run overwrites BENCHMARKS.md: its figures are the previous ones.
  const benchmarksFile = join(REPO_ROOT, 'BENCHMARKS.md');
  const previousMarkdown = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : '';
  results.testSuitePrevious = previousTestSuiteFigures(previousMarkdown);
  results.previous = previousFigures(previousMarkdown);

  log('starting the local stack (web off) in a process of its own…');
  const stackStarted = performance.now();
  const stack = await startBenchStack(join(REPO_ROOT, '.local', 'bench'));
  // Ctrl-C or a kill must not leave DynamoDB Local and the Lambda host running.
  const stopOnSignal = () => void stack.stop().finally(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  results.stackStartMs = performance.now() - stackStarted;
  results.stackStartup = stack.startup;
  const { endpoints, config } = stack;
  const stackCpuMs = () => processCpuMs(stack.pid);
  const api = config.apis[0];
  if (!api) throw new Error('the stack has no API');
  const otp = readOtpConfig(api.environmentVariables);
  const dynamodb = new DynamoDBClient({ endpoint: endpoints.dynamodbUrl, region: endpoints.region, credentials: endpoints.iam });
  const client = createGraphQLClient(endpoints.graphqlUrl, endpoints.apiKey, Math.max(...CONCURRENCY_LEVELS));
  const codeMacs = localCodeMacs(endpoints);
  const tokenKms = localKms(endpoints);
  const target: WorkloadTarget = {
    post: client.post,
    dynamodb,
    tableName: otp.tableName,
    codeMacs,
    maxAttempts: otp.maxAttempts,
    ttlSeconds: otp.ttlSeconds,
    retentionSeconds: otp.retentionSeconds,
    env: api.environmentVariables,
    signToken: tokenFloor(tokenKms, api.environmentVariables, endpoints.graphqlUrl),
  };

  try {
    // The floor must send what the resolvers send: compared before anything is measured (throws on a difference).
    results.floorCheck = assertFloorMatchesResolvers(api, floorSettings(target));
    log(`floor check: the direct floor matches the resolvers (${results.floorCheck.length} requests compared)`);

    /** Lets the email Lambda catch up after a run of generateOtp, so its backlog does not load the next run. */
    const settleFor = (mailsPerRequest: number) => async (sent: number) => {
      if (mailsPerRequest === 0) return;
      await waitForInbox(endpoints.sesUrl, sent * mailsPerRequest);
      await clearInbox(endpoints);
    };
    const operations: { name: string; prepare: (count: number, concurrency: number) => Promise<Workload>; mailsPerRequest: number }[] = [
      { name: 'generateOtp', prepare: async (_count, concurrency) => generateWorkload(target, `c${concurrency}`), mailsPerRequest: 1 },
      { name: 'verifyOtp (right code)', prepare: (count) => verifyRightCodeWorkload(target, count), mailsPerRequest: 0 },
      { name: 'verifyOtp (wrong code)', prepare: (count, concurrency) => verifyWrongCodeWorkload(target, count, concurrency), mailsPerRequest: 0 },
    ];
    // Node's JIT and DynamoDB Local's JVM start cold: a first pass over every operation, measured nowhere.
    log('warming up…');
    for (const operation of operations) {
      const requests = quick ? WARM_UP_REQUESTS / 10 : WARM_UP_REQUESTS;
      const warm = await operation.prepare(requests, 8);
      const settle = settleFor(operation.mailsPerRequest);
      await runPaired(warm.graphql, warm.direct, { concurrency: 8, total: requests, warmup: 0, rounds: 1, settle });
    }
    for (const operation of operations) {
      for (const concurrency of CONCURRENCY_LEVELS) {
        const total = quick ? concurrency * 4 : Math.max(800, concurrency * 60);
        const warmup = quick ? concurrency : Math.max(50, concurrency * 5);
        const workload = await operation.prepare(total + warmup, concurrency);
        const { a: graphql, b: direct } = await runPaired(workload.graphql, workload.direct, {
          concurrency,
          total,
          warmup,
          rounds: quick ? 2 : 8,
          settle: settleFor(operation.mailsPerRequest),
          serverCpuMs: stackCpuMs,
        });
        const row: ThroughputRow = { operation: operation.name, concurrency, graphql, direct };
        results.throughput.push(row);
        log(`${operation.name} ×${concurrency}: GraphQL ${graphql.throughput.toFixed(0)}/s p50 ${graphql.p50.toFixed(1)} ms (${graphql.errors} errors), direct ${direct.throughput.toFixed(0)}/s p50 ${direct.p50.toFixed(1)} ms (${direct.errors} errors)${[...(graphql.errorMessages ?? []), ...(direct.errorMessages ?? [])].map((message) => `; ${message}`).join('')}`);
      }
    }

    // The peer, Amplify's AppSync simulator, on generateOtp (bench/amplify-peer): after our engine's rows, same stack.
    log("peer: Amplify's AppSync simulator…");
    results.peer = await measurePeer({
      target,
      dynamodb: { client: dynamodb, endpoint: endpoints.dynamodbUrl, region: endpoints.region, credentials: endpoints.iam },
      concurrencyLevels: CONCURRENCY_LEVELS,
      quick,
      settle: settleFor(1),
      log,
    });

    log('email latency…');
    results.email = await measureEmailLatency(client.post, endpoints.sesUrl, quick ? 5 : 50);
    log(`email p50 ${results.email.p50.toFixed(0)} ms, p99 ${results.email.p99.toFixed(0)} ms`);

    log('DynamoDB requests per call…');
    results.usage = await measureDynamoDbUsage(client.post, stack, endpoints.sesUrl, {
      dynamodb,
      tableName: otp.tableName,
      codeMacs,
      maxAttempts: otp.maxAttempts,
      env: api.environmentVariables,
    });
    for (const row of results.usage) log(`  ${row.call} ${row.scenario}: ${row.answer}, ${row.requests} requests`);
  } finally {
    client.close();
    dynamodb.destroy();
    codeMacs.destroy();
    tokenKms.destroy();
    await stack.stop();
  }

  // Before the start-up and `npm test` rows: measured after them, the figure read the machine's load more than the
  // engine (0.9 ms per GetItem in one run, 1.5 ms in the next, on the same code; npm test leaves the load near 5).
  results.engine = await measureEngine({ requests: quick ? 300 : 2000, runs: quick ? 1 : 3, log });

  if (!quick && !values['skip-startup']) {
    log('cold start of npm start…');
    const starts = await measureColdAndWarmStart();
    results.coldStart = starts.cold;
    results.warmStart = starts.warm;
    log(`cold start ${(starts.cold.ms / 1000).toFixed(1)} s (${starts.cold.detail}); warm restart ${(starts.warm.ms / 1000).toFixed(1)} s (${starts.warm.detail})`);
    log('a fresh clone\'s first start (git clone, npm ci, start)…');
    results.freshCloneStart = await measureFreshCloneStart();
    log(`fresh clone's first start ${(results.freshCloneStart.ms / 1000).toFixed(1)} s (${results.freshCloneStart.detail})`);
    log('npm test (every phase and test file timed)…');
    results.testSuite = await measureTestSuite();
    log(`npm test ${(results.testSuite.totalMs / 1000).toFixed(1)} s, exit ${results.testSuite.exitCode} (${results.testSuite.tests})`);
  }

  const memoryMb = config.functions[0]?.memorySize ?? 256;
  const summary = summarizeUsage(results.usage, { memoryMb, durationMs: LAMBDA_DURATION_MS });
  results.usageSummary = summary;
  const volumes = [1_000, 1_000_000];
  results.cost = { volumes, lines: costTable(summary.perVerification, volumes), assumptions: summary.assumptions };
  machine.loadAtEnd = currentLoad();
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  writeOutputs(results);
}

/** The raw results of the last run, for --rerender. */
const RESULTS_FILE = join(REPO_ROOT, '.local', 'bench', 'results.json');

function writeOutputs(results: BenchResults): void {
  const chart = renderBarChart({
    title: `Throughput by concurrent clients (${results.mode} run, provisional)`,
    unit: 'requests/s',
    categories: results.throughput.map((row) => `${row.operation.replace('verifyOtp ', 'verify ')} ×${row.concurrency}`),
    series: [
      { name: 'GraphQL (engine)', color: '#3b6fd4', values: results.throughput.map((row) => row.graphql.throughput) },
      { name: 'direct SDK (floor)', color: '#a0a0a0', values: results.throughput.map((row) => row.direct.throughput) },
    ],
  });
  writeFileSync(join(REPO_ROOT, 'bench', 'chart.svg'), chart);
  writeFileSync(join(REPO_ROOT, 'BENCHMARKS.md'), renderReport(results, 'bench/chart.svg'));
  log('wrote BENCHMARKS.md and bench/chart.svg');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
