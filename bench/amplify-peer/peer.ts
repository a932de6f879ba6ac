/**
 * The peer a user would otherwise pick, Amplify's AppSync simulator (@aws-amplify/amplify-appsync-simulator, VTL), run
 * with our fixture (fixture.ts) against the bench's own DynamoDB Local and table, in a process of its own
 * (peer-process.ts) as our engine is. It needs graphql 15, so it is a package of its own (this folder's package.json and package-lock.json), outside
 * the npm workspaces: installed here on first use (`npm ci --prefix bench/amplify-peer`), so `npm ci` for everyone
 * stays without it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FloorSettings } from '../otp-workloads.ts';
import { freePort } from '../../local/util/free-port.ts';
import { PEER_SCHEMA, peerTemplates } from './fixture.ts';

const PEER_DIR = import.meta.dirname;
export const PEER_PACKAGE = '@aws-amplify/amplify-appsync-simulator';

/** Installs the peer's locked dependencies unless they are there. */
export function installPeer(log: (line: string) => void): void {
  if (existsSync(join(PEER_DIR, 'node_modules', PEER_PACKAGE, 'package.json'))) return;
  log(`installing ${PEER_PACKAGE} (npm ci --prefix bench/amplify-peer, once)…`);
  execFileSync('npm', ['ci', '--prefix', PEER_DIR, '--no-audit', '--no-fund'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** What a started peer answers at. */
export interface PeerReady {
  graphqlUrl: string;
  apiKey: string;
  /** The simulator's version (from its package.json). */
  version: string;
}

export interface RunningPeer extends PeerReady {
  stop(): Promise<void>;
}

/** The bench's DynamoDB Local, which the peer's data source uses. */
export interface PeerConnection {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

interface Simulator {
  init(config: unknown): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the simulator on free ports with generateOtp's fixture, its DynamoDB data source on `dynamodb`. */
export async function startPeer(settings: FloorSettings, dynamodb: PeerConnection): Promise<RunningPeer> {
  const require = createRequire(join(PEER_DIR, 'package.json'));
  const { AmplifyAppSyncSimulator } = require(PEER_PACKAGE) as { AmplifyAppSyncSimulator: new (options: { port: number; wsPort: number }) => Simulator };
  const version = (require(`${PEER_PACKAGE}/package.json`) as { version: string }).version;
  const port = await freePort();
  const simulator = new AmplifyAppSyncSimulator({ port, wsPort: await freePort() });
  const templates = peerTemplates(settings);
  const apiKey = 'da2-peerbenchkey';
  simulator.init({
    appSync: { name: 'otp-peer', defaultAuthenticationType: { authenticationType: 'API_KEY' }, apiKey, additionalAuthenticationProviders: [] },
    schema: { content: PEER_SCHEMA },
    dataSources: [
      {
        type: 'AMAZON_DYNAMODB',
        name: 'table',
        config: { endpoint: dynamodb.endpoint, region: dynamodb.region, tableName: settings.tableName, credentials: dynamodb.credentials },
      },
    ],
    mappingTemplates: [
      { path: 'before.vtl', content: templates.before },
      { path: 'after.vtl', content: templates.after },
      ...templates.functions.flatMap((fn) => [
        { path: `${fn.name}.request.vtl`, content: fn.request },
        { path: `${fn.name}.response.vtl`, content: fn.response ?? '' },
      ]),
    ],
    functions: templates.functions.map((fn) => ({
      name: fn.name,
      dataSourceName: 'table',
      requestMappingTemplateLocation: `${fn.name}.request.vtl`,
      responseMappingTemplateLocation: `${fn.name}.response.vtl`,
    })),
    resolvers: [
      {
        kind: 'PIPELINE',
        typeName: 'Mutation',
        fieldName: 'generateOtp',
        functions: templates.functions.map((fn) => fn.name),
        requestMappingTemplateLocation: 'before.vtl',
        responseMappingTemplateLocation: 'after.vtl',
      },
    ],
  });
  await simulator.start();
  return { graphqlUrl: `http://127.0.0.1:${port}/graphql`, apiKey, version, stop: () => simulator.stop() };
}
