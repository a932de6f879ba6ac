/**
 * The stack's Function URLs (AWS::Lambda::Url), each on its own port of 127.0.0.1, at the address the template's
 * `Fn::GetAtt <Url>.FunctionUrl` resolved to (the local stack picks the ports before it reads the template for good:
 * {@link functionUrlPorts}).
 */
import type { CredentialLookup } from '../appsync/auth/credential-store.ts';
import { findLocalFunction, type LocalFunction } from '../lambda/function-directory.ts';
import type { FunctionUrlConfig } from '../stack-description.ts';
import { freePort } from '../util/free-port.ts';
import { startFunctionUrlServer, type FunctionUrlServer } from './url-server.ts';

export interface FunctionUrlsOptions {
  region: string;
  /** Credentials AWS_IAM URLs accept (the local user's and the functions'). */
  credentials: CredentialLookup;
  /** Where functions are found. @default the stack's running functions (lambda/function-directory.ts) */
  lookup?: (name: string) => LocalFunction | undefined;
  log: (line: string) => void;
}

export interface RunningFunctionUrls {
  /** Each URL's local address, by the AWS::Lambda::Url's logical id. */
  urls: ReadonlyMap<string, string>;
  stop(): Promise<void>;
}

/** A local address for each of `logicalIds`, `http://127.0.0.1:<free port>/`: what their FunctionUrl attribute is. */
export async function functionUrlPorts(logicalIds: readonly string[]): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  for (const id of logicalIds) urls.set(id, `http://127.0.0.1:${await freePort()}/`);
  return urls;
}

/** Serves each URL at the port of its `url`; on a failure, whatever started is stopped again. */
export async function startFunctionUrls(configs: readonly FunctionUrlConfig[], options: FunctionUrlsOptions): Promise<RunningFunctionUrls> {
  const servers: FunctionUrlServer[] = [];
  const urls = new Map<string, string>();
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    for (const config of configs) {
      const port = Number(new URL(config.url).port) || 0;
      const server = await startFunctionUrlServer({
        config,
        port,
        region: options.region,
        lookup: options.lookup ?? findLocalFunction,
        credentials: options.credentials,
        log: options.log,
      });
      servers.push(server);
      urls.set(config.logicalId, server.url);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, stop };
}
