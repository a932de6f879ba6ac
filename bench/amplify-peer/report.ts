/** BENCHMARKS.md's peer section (pure): generateOtp through our engine, Amplify's simulator and the direct path. */
import type { RunSummary } from '../latency-stats.ts';
import type { PeerResults } from './measure.ts';

const ms = (value: number) => `${value.toFixed(1)} ms`;
const rate = (value: number) => `${value.toFixed(0)}/s`;
const ratio = (a: RunSummary, b: RunSummary) => (b.throughput > 0 ? (a.throughput / b.throughput).toFixed(2) : '—');

/** `engine`: our engine's generateOtp rows (GraphQL and the direct run paired with it), by concurrency. */
export function peerSection(peer: PeerResults, engine: ReadonlyMap<number, { graphql: RunSummary; direct: RunSummary }>): string[] {
  const same = peer.writeDifferences.length === 0;
  return [
    "## The peer: Amplify's AppSync simulator (VTL)",
    '',
    `\`${peer.package}\` ${peer.version} (graphql 15; its own package in bench/amplify-peer, installed by the bench on first use) runs our own VTL fixture of generateOtp (bench/amplify-peer/fixture.ts) in a process of its own, as our engine does, against the same DynamoDB Local and table; the same client sends the same GenerateOtp document, one new address per request, and the email Lambda mails every session. Each row measures the peer against the direct path in alternating rounds, as for our engine (its own direct run: the "direct" columns differ from our engine's row).`,
    '',
    `**Not the same DynamoDB requests:** the simulator has no TransactWriteItems (nor ConditionCheck or the Batch operations), so the peer writes generateOtp's six transaction parts as six requests in a pipeline — not atomic, the lock check a GetItem — and the simulator reads every item back after a PutItem: 7 DynamoDB requests per generateOtp against 1 for our engine and the direct path. The items written are the same: ${same ? 'checked at the start of this run (one peer request, its items read back and compared with the floor\'s transaction: same keys, attributes and values but for ids, address and times)' : `**the check at the start of this run found differences**: ${peer.writeDifferences.join('; ')}`}. Target: none (reported side by side; our engine's targets are in the throughput table).`,
    '',
    '| clients | our engine req/s | p50 | p99 | engine / its direct | peer req/s | p50 | p99 | errors | peer / its direct | direct (peer\'s rounds) req/s | p50 | p99 | work |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...peer.rows.map((row) => {
      const ours = engine.get(row.concurrency);
      const engineCells = ours ? `${rate(ours.graphql.throughput)} | ${ms(ours.graphql.p50)} | ${ms(ours.graphql.p99)} | ${ratio(ours.graphql, ours.direct)}` : '— | — | — | —';
      return `| ${row.concurrency} | ${engineCells} | ${rate(row.peer.throughput)} | ${ms(row.peer.p50)} | ${ms(row.peer.p99)} | ${row.peer.errors}/${row.peer.requests} | ${ratio(row.peer, row.direct)} | ${rate(row.direct.throughput)} | ${ms(row.direct.p50)} | ${ms(row.direct.p99)} | peer: 7 requests, not atomic |`;
    }),
    '',
  ];
}
