/**
 * The bench's stack, in the process bench/bench-stack.ts starts: the product's app, web off, the load tests' send
 * budgets; it answers for the engine's DynamoDB request counters.
 */
import { LOAD_CONTEXT } from '../test/support/load-context.ts';
import { startOtpStack } from '../test/support/otp-stack.ts';
import type { BenchStackReady, BenchStackRequest } from './bench-stack.ts';
import { serveParent } from '../test/support/service-process.ts';

const stateDir = process.argv[2];
if (!stateDir) throw new Error('usage: stack-process.ts <state folder>');
const stack = await startOtpStack({
  stateDir,
  web: false,
  log: () => {},
  context: { ...LOAD_CONTEXT },
  // Minutes of load: DynamoDB Local's JVM with its default tiered compilation, as in the bench's earlier runs (the
  // local stack's quick-start flags trade peak throughput for a faster first answer).
  dynamodbJvm: 'peak',
});
serveParent<BenchStackReady, BenchStackRequest, unknown>(
  { endpoints: stack.endpoints, config: stack.config, startup: stack.startup },
  () => stack.stop(),
  (request) => {
    if (request === 'stats') return stack.appsync.stats();
    stack.appsync.resetStats();
    return null;
  },
);
