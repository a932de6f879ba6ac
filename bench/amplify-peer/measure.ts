/**
 * The peer's rows of `npm run bench`: generateOtp through Amplify's AppSync simulator at each concurrency, measured
 * against the direct path in alternating rounds exactly as our engine is (bench/paired-runs.ts), from the same client
 * process, against the same DynamoDB Local and table, with the email Lambda mailing every session as in production.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { createGraphQLClient } from '../graphql-client.ts';
import type { RunSummary } from '../latency-stats.ts';
import { floorSettings, generateWorkload, type WorkloadTarget } from '../otp-workloads.ts';
import { runPaired } from '../paired-runs.ts';
import { processCpuMs } from '../process-cpu.ts';
import { startServiceProcess } from '../../test/support/service-process.ts';
import { PEER_PACKAGE, installPeer, type PeerConnection, type PeerReady } from './peer.ts';
import { checkPeerWrites, peerGenerate } from './workload.ts';

export interface PeerResults {
  package: string;
  version: string;
  /** Differences between the peer's writes and the floor's for one request (empty: the same items). */
  writeDifferences: string[];
  rows: { concurrency: number; peer: RunSummary; direct: RunSummary }[];
}

export interface PeerOptions {
  target: WorkloadTarget;
  dynamodb: { client: DynamoDBClient; endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  concurrencyLevels: readonly number[];
  quick: boolean;
  /** Lets the email Lambda catch up after a run (as for our engine's generateOtp rows). */
  settle: (sent: number) => Promise<void>;
  log: (line: string) => void;
}

export async function measurePeer(options: PeerOptions): Promise<PeerResults> {
  installPeer(options.log);
  const settings = floorSettings(options.target);
  const connection: PeerConnection = { endpoint: options.dynamodb.endpoint, region: options.dynamodb.region, credentials: options.dynamodb.credentials };
  const service = await startServiceProcess<PeerReady>(join(import.meta.dirname, 'peer-process.ts'), [JSON.stringify([settings, connection])], 'the peer');
  const peer = service.ready;
  const client = createGraphQLClient(peer.graphqlUrl, peer.apiKey, Math.max(...options.concurrencyLevels));
  try {
    const writeDifferences = await checkPeerWrites(client.post, options.dynamodb.client, settings);
    options.log(`peer writes check: ${writeDifferences.length === 0 ? 'the same items as the floor' : writeDifferences.join('; ')}`);
    const rows: PeerResults['rows'] = [];
    for (const concurrency of options.concurrencyLevels) {
      // The simulator answers a few requests a second per client: fewer requests than our engine's rows, same rounds.
      const total = options.quick ? concurrency * 4 : Math.max(200, concurrency * 20);
      const warmup = options.quick ? concurrency : Math.max(20, concurrency * 2);
      const { a: peerSummary, b: direct } = await runPaired(peerGenerate(client.post, `peer-c${concurrency}`), generateWorkload(options.target, `peer-direct-c${concurrency}`).direct, {
        concurrency,
        total,
        warmup,
        rounds: options.quick ? 2 : 4,
        settle: options.settle,
        serverCpuMs: () => processCpuMs(service.pid),
      });
      rows.push({ concurrency, peer: peerSummary, direct });
      options.log(`peer generateOtp ×${concurrency}: ${peerSummary.throughput.toFixed(0)}/s p50 ${peerSummary.p50.toFixed(1)} ms (${peerSummary.errors} errors), direct ${direct.throughput.toFixed(0)}/s`);
    }
    return { package: PEER_PACKAGE, version: peer.version, writeDifferences, rows };
  } finally {
    client.close();
    await service.stop();
  }
}
