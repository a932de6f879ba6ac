import { join } from 'node:path';
import type { IamCredentialStore } from './appsync/auth/credential-store.ts';
import type { IamCredentials } from './appsync/auth/sigv4.ts';
import type { Clock } from './appsync/runtime/clock.ts';
import type { StackDescription } from './stack-description.ts';
import { issueFunctionCredentials } from './function-credentials.ts';
import { createFunctionRunner, type FunctionRunner } from './lambda/function-runner.ts';
import { OnFailureDestinations } from './lambda/on-failure-destinations.ts';
import { ShardPollTurns, type ShardPollTurnsOptions } from './lambda/shard-poll-turns.ts';
import { startStreamPoller, type StreamPoller, type StreamPollerOptions } from './lambda/stream-poller.ts';

/**
 * How a stack's stream pollers pace their reads of an idle shard: every `pollIntervalMs` (Lambda's four times a
 * second) while the stack was active (its engines' DynamoDB writes, its functions' invocations) in the last
 * `activeWindowMs`, then every `idlePollIntervalMs` until the next activity, which ends that wait at once. Set
 * `idlePollIntervalMs` to `pollIntervalMs` to keep Lambda's pace throughout, for writes of your own straight to
 * DynamoDB Local.
 * @default { pollIntervalMs: 250, idlePollIntervalMs: 1000, activeWindowMs: 10000 }
 */
export type StreamPolling = Pick<StreamPollerOptions, 'pollIntervalMs' | 'idlePollIntervalMs'> & Pick<ShardPollTurnsOptions, 'activeWindowMs'>;

export interface FunctionsOptions {
  region: string;
  /** What the stream pollers read DynamoDB Local's streams with (functions get their own, see `principals`). */
  credentials: IamCredentials;
  /**
   * The engine's accepted credentials: each function's own fresh credentials are added, as its execution role's
   * assumed-role session, while its runner runs, and removed when the functions stop.
   */
  principals: IamCredentialStore;
  /** Local service URLs the functions' SDK clients are pointed at (AWS_ENDPOINT_URL_<SERVICE>). */
  endpoints: { dynamodb: string; kms?: string; ses?: string; sns?: string; cognito?: string };
  /** Where discarded stream batches are written (`on-failure.jsonl`), so nothing is lost silently. */
  failureDir: string;
  /** The stack's clock, which the Node.js functions' `Date` follows (function-runner.ts). @default the machine's time */
  clock?: Clock;
  streamPolling?: StreamPolling;
  /**
   * The stack's stream poll turns, which its engines' writes wake too (these functions' invocations do).
   * @default turns of these functions' own, made with `streamPolling`
   */
  turns?: ShardPollTurns;
  log: (line: string) => void;
}

export interface RunningFunctions {
  runners: Map<string, FunctionRunner>;
  destinations: OnFailureDestinations;
  /** Every mapping's records written before the call dealt with (StreamPoller.settled). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/** One warm container per function of the template, and one stream poller per event source mapping. */
export async function startFunctions(config: StackDescription, options: FunctionsOptions): Promise<RunningFunctions> {
  const runners = new Map<string, FunctionRunner>();
  const { pollIntervalMs, idlePollIntervalMs, activeWindowMs } = options.streamPolling ?? {};
  const turns = options.turns ?? new ShardPollTurns({ activeWindowMs });
  const revocations: (() => void)[] = [];
  for (const fn of config.functions) {
    const { credentials, revoke } = issueFunctionCredentials(fn, options.principals);
    revocations.push(revoke);
    runners.set(
      fn.logicalId,
      createFunctionRunner({
        config: fn,
        region: options.region,
        credentials,
        endpoints: {
          AWS_ENDPOINT_URL_DYNAMODB: options.endpoints.dynamodb,
          ...(options.endpoints.ses ? { AWS_ENDPOINT_URL_SES: options.endpoints.ses } : {}),
          ...(options.endpoints.kms ? { AWS_ENDPOINT_URL_KMS: options.endpoints.kms } : {}),
          ...(options.endpoints.sns ? { AWS_ENDPOINT_URL_SNS: options.endpoints.sns } : {}),
          ...(options.endpoints.cognito ? { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: options.endpoints.cognito } : {}),
        },
        log: options.log,
        clock: options.clock,
        onActivity: () => turns.activity(),
      }),
    );
  }
  const destinations = new OnFailureDestinations(join(options.failureDir, 'on-failure.jsonl'));
  const pollers: StreamPoller[] = [];
  const stop = async () => {
    await Promise.all(pollers.map((poller) => poller.stop()));
    await Promise.all([...runners.values()].map((runner) => runner.stop()));
    for (const revoke of revocations) revoke();
  };
  try {
    for (const mapping of config.eventSourceMappings.filter((m) => m.enabled)) {
      const runner = runners.get(mapping.functionLogicalId);
      const table = config.tables.find((t) => t.logicalId === mapping.tableLogicalId);
      if (!runner || !table) {
        throw new Error(`Event source mapping ${mapping.logicalId} refers to a function or table the template lacks.`);
      }
      pollers.push(
        await startStreamPoller({
          mapping,
          tableName: table.tableName,
          endpoint: options.endpoints.dynamodb,
          region: options.region,
          credentials: options.credentials,
          invoke: (event) => runner.invoke(event),
          functionArn: runner.arn,
          destinations,
          log: options.log,
          turns,
          pollIntervalMs,
          idlePollIntervalMs,
        }),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { runners, destinations, settled: async () => void (await Promise.all(pollers.map((poller) => poller.settled()))), stop };
}
