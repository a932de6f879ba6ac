import type { Server } from 'node:http';
import sesModule from 'aws-ses-v2-local';
import { LOCAL_ACCOUNT_ID } from '../iam-principals.ts';
import type { SesConfigurationSetConfig } from '../stack-description.ts';
import { assertPortFree, freePort } from '../util/free-port.ts';
import { SesEventPublishing, type TopicPublish } from './ses-events/event-publishing.ts';
import { startSesFront, type SesFrontHooks } from './ses-front.ts';
import { sandboxCheck } from './ses-sandbox.ts';

/** A running aws-ses-v2-local server (SES v1 + v2 API, inbox viewer at `/`, mail list at `GET /store`). */
export interface SesLocal {
  /** Base URL, `http://127.0.0.1:PORT`: the SES endpoint, the inbox viewer (`/`) and `GET /store`. */
  url: string;
  port: number;
  /**
   * The configuration sets sends may name (the template's; a send naming another is refused, as SES refuses it), and
   * where their SNS event destinations are published: the local SNS's `publishToTopic`. Called at every read of the
   * stack. Until called, no set exists.
   */
  setConfigurationSets(sets: readonly SesConfigurationSetConfig[], publish?: TopicPublish): void;
  stop(): Promise<void>;
}

export interface SesLocalOptions {
  /** A fixed port; a free one is chosen when absent. */
  port?: number;
  /**
   * Model an account in the SES sandbox: sends to a recipient for which this returns false are refused with
   * `MessageRejected`, as SES refuses unverified recipients. Absent: every recipient is accepted.
   */
  sandboxVerifiedRecipient?: (address: string) => boolean;
  /** Region named in sandbox refusals and event records. @default 'us-east-1' */
  region?: string;
  /** Receives a line for each event that could not be published. */
  log?: (line: string) => void;
}

/**
 * Starts aws-ses-v2-local in this process on 127.0.0.1, behind a front (`url`) that adds configuration sets and their
 * event publishing (ses-events/) and, when asked, the sandbox's recipient check.
 *
 * The package keeps its mailbox in module state, so every server started in one process shares one store
 * (`POST /clear-store` empties it). Point the SDK at it with `endpoint: url` or `AWS_ENDPOINT_URL_SES=url`;
 * any credentials are accepted, but requests must be signed (it rejects requests without an AWS Authorization header).
 *
 * @example
 * ```ts
 * const ses = await startSesLocal();
 * const client = new SESClient({ endpoint: ses.url, region: 'us-east-1' });
 * // … send, then: await fetch(`${ses.url}/store`)
 * await ses.stop();
 * ```
 */
// A CommonJS module compiled from ESM: Node's ESM loader hands over `module.exports` (with `.default` inside),
// bundlers and vitest hand over `.default` itself.
type StartServer = typeof sesModule;
const server: StartServer =
  (sesModule as unknown as { default?: StartServer }).default ?? sesModule;

export async function startSesLocal(options: SesLocalOptions = {}): Promise<SesLocal> {
  if (options.port) await assertPortFree(options.port, 'local SES');
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const region = options.region ?? 'us-east-1';
  // aws-ses-v2-local listens on a port of its own behind a front (ses-front.ts) that adds what SES does and the
  // package does not: configuration sets and their event publishing, and the sandbox's recipient check.
  const events = new SesEventPublishing({ region, accountId: LOCAL_ACCOUNT_ID, log: options.log });
  const hooks: SesFrontHooks[] = [events, ...(options.sandboxVerifiedRecipient ? [sandboxCheck(region, options.sandboxVerifiedRecipient)] : [])];
  const innerPort = await freePort();
  const inner: Server = await server({ host: '127.0.0.1', port: innerPort });
  const front = await startSesFront({ port, target: `http://127.0.0.1:${innerPort}`, hooks }).catch(async (error: unknown) => {
    await closeServer(inner);
    throw error;
  });
  return {
    url,
    port,
    setConfigurationSets: (sets, publish) => events.setConfigurationSets(sets, publish),
    stop: async () => void (await Promise.all([closeServer(front), closeServer(inner)])),
  };
}

function closeServer(http: Server): Promise<void> {
  if (!http.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    http.close((error) => (error ? reject(error) : resolve()));
    // Express keeps idle keep-alive sockets open (the SDK reuses connections); close them so stop() is prompt.
    http.closeAllConnections();
  });
}
