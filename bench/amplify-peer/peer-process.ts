/**
 * The peer in a process of its own, as our engine is (test/support/service-process.ts): started by measure.ts with the
 * floor's settings and DynamoDB Local's connection as one JSON argument; ready with the simulator's URL, key and
 * version. (This folder's package is CommonJS, so no top-level await.)
 */
import { serveParent } from '../../test/support/service-process.ts';
import { startPeer, type PeerConnection, type PeerReady } from './peer.ts';

const [settings, dynamodb] = JSON.parse(process.argv[2] ?? 'null') as [Parameters<typeof startPeer>[0], PeerConnection];
startPeer(settings, dynamodb).then(
  (peer) => serveParent<PeerReady>({ graphqlUrl: peer.graphqlUrl, apiKey: peer.apiKey, version: peer.version }, peer.stop),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
