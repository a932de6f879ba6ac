import type { StackDescription } from './stack-description.ts';
import type { Endpoints } from './endpoints.ts';

/**
 * Something the app needs beside its stack, started once the stack serves and stopped before it: a web dev server
 * pointed at the local API, a seed script, a mock of a third-party service. Its endpoints join the endpoints file.
 *
 * @example
 * const web: Sidecar = {
 *   name: 'web app',
 *   async start({ endpoints }) {
 *     const server = await startMyDevServer(endpoints.graphqlUrl);
 *     return { endpoints: { webUrl: server.url }, stop: () => server.close() };
 *   },
 * };
 */
export interface Sidecar {
  /** Shown in the log. */
  name: string;
  /**
   * Work that needs no endpoints (loading a dev server's modules), called as the stack starts: it runs beside DynamoDB
   * Local's JVM instead of after everything else. `start` is called once it has resolved; a rejection fails the start.
   */
  prepare?(): Promise<void>;
  start(stack: { endpoints: Readonly<Endpoints>; config: StackDescription }): Promise<StartedSidecar>;
}

export interface StartedSidecar {
  /** Added to the endpoints file (e.g. `{ webUrl }`). */
  endpoints?: Record<string, string>;
  stop(): Promise<void>;
}
