/**
 * AppSync's HTTP data source: the request handler's `{ method, resourcePath, params: { query, headers, body } }` is
 * sent to `endpoint + resourcePath` (signed with SigV4 when the data source has `AuthorizationConfig: AWS_IAM`), and
 * the response handler gets `ctx.result = { statusCode, headers, body }` whatever the status (a 4xx/5xx is a result,
 * not an error: the handler decides). Only when no answer comes is ctx.error set:
 * - no answer within the timeout (10 s): `{ type: 'Http:ExecutionTimeoutException', message: 'execution timed out' }`
 *   (type and text as AppSync reports them in aws/aws-appsync-community#43);
 * - a connection that fails (refused, unknown host, reset, TLS): `{ type: 'Http:HttpRequestException', message: … }`
 *   (type after the exception AppSync logs; the message is ours).
 *
 * Endpoint overrides send a request meant for an AWS endpoint to a local counterpart unchanged: same path, query,
 * body and headers, `host` included, and a signature computed for the original host, which is what the counterpart
 * must verify (as the AWS service would). An endpoint that is a resource of the stack not running locally (an
 * OpenSearch collection…) answers UnsupportedDataSource unless an override covers its origin.
 */
import type { HttpDataSourceConfig, UnsupportedFeature } from '../../stack-description.ts';
import { buildHttpRequest } from './http-request.ts';
import { signHttpRequest, type SigningCredentials } from './http-signing.ts';
import { sendHttp } from './http-transport.ts';
import { DataSourceFieldError, type DataSource, type DataSourceResult } from './types.ts';
import { createUnsupportedDataSource } from './unsupported-data-source.ts';

/** AppSync's timeout for one HTTP data-source call, as reported in aws/aws-appsync-community#43 (10 s). */
const DEFAULT_HTTP_TIMEOUT_MS = 10_000;

/** The credentials a data source's ServiceRoleArn stands for, or undefined when the engine has none for it. */
export type SigningCredentialsLookup = (serviceRoleArn: string | undefined) => SigningCredentials | undefined;

/** How the engine runs HTTP data sources (startAppSyncServer's `httpDataSources`). */
export interface HttpDataSourceOptions {
  /**
   * What AWS_IAM data sources sign with, in place of the role AppSync would assume: one set of credentials for every
   * role, or a lookup by ServiceRoleArn (read at each call, so credentials may change while the engine runs).
   */
  signingCredentials?: SigningCredentials | SigningCredentialsLookup;
  /**
   * Where requests for an endpoint origin really go, e.g. `{ 'https://kms.us-east-1.amazonaws.com':
   * 'http://127.0.0.1:4599' }`: the path, query, headers and signature stay those of the original URL.
   */
  endpointOverrides?: Record<string, string>;
  /** @default DEFAULT_HTTP_TIMEOUT_MS */
  timeoutMs?: number;
}

/** Origin → origin, both normalized. @throws Error for an entry that is not an http(s) origin. */
export function parseEndpointOverrides(overrides: Record<string, string> = {}): Map<string, string> {
  const parsed = new Map<string, string>();
  for (const [from, to] of Object.entries(overrides)) {
    const origins = [from, to].map((text) => {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        throw new Error(`HTTP data source endpoint override ${JSON.stringify(from)} → ${JSON.stringify(to)}: ${JSON.stringify(text)} is not a URL`);
      }
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search !== '') {
        throw new Error(`HTTP data source endpoint override ${JSON.stringify(from)} → ${JSON.stringify(to)}: ${JSON.stringify(text)} is not an http(s) origin`);
      }
      return url.origin;
    });
    parsed.set(origins[0]!, origins[1]!);
  }
  return parsed;
}

function credentialsFor(config: HttpDataSourceConfig, source: HttpDataSourceOptions['signingCredentials']): SigningCredentials {
  const credentials = typeof source === 'function' ? source(config.serviceRoleArn) : source;
  if (credentials) return credentials;
  // Nothing local plays the role: a local setup problem, reported as such rather than as an unsigned request.
  const role = config.serviceRoleArn ?? '(no ServiceRoleArn)';
  throw new DataSourceFieldError(
    `Data source ${config.name} (HTTP) signs its requests with AWS_IAM as role ${role}, and the local engine was given no credentials for it`,
    'UnsupportedDataSource',
  );
}

/**
 * Why the data source cannot run here, if it cannot: its `unsupported` error, or, for an endpoint that is a resource
 * of the stack not running locally, its `remoteEndpoint` error unless an override sends that origin elsewhere
 * (requests would otherwise reach AWS, signed with local credentials).
 */
function blockedBy(config: HttpDataSourceConfig, overrides: ReadonlyMap<string, string>): UnsupportedFeature | undefined {
  if (config.unsupported) return config.unsupported;
  if (config.remoteEndpoint && !(config.endpoint !== undefined && overrides.has(new URL(config.endpoint).origin))) return config.remoteEndpoint;
  return undefined;
}

/**
 * Creates the data source.
 * @param overrides parsed with {@link parseEndpointOverrides} (once for all data sources).
 */
export function createHttpDataSource(config: HttpDataSourceConfig, options: HttpDataSourceOptions = {}, overrides = parseEndpointOverrides(options.endpointOverrides)): DataSource {
  const blocked = blockedBy(config, overrides);
  if (blocked) return createUnsupportedDataSource(blocked);
  const { endpoint } = config;
  // The template mapper leaves the endpoint out only together with `unsupported`.
  if (endpoint === undefined) throw new Error(`Data source ${config.name} (HTTP) has no endpoint`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  return {
    async invoke(request: unknown): Promise<DataSourceResult> {
      const outgoing = buildHttpRequest(endpoint, request);
      const headers = config.iamSigning
        ? await signHttpRequest(outgoing, config.iamSigning, credentialsFor(config, options.signingCredentials))
        : { host: outgoing.url.host, ...outgoing.headers };
      const override = overrides.get(outgoing.url.origin);
      const target = override ? new URL(`${outgoing.url.pathname}${outgoing.url.search}`, override) : outgoing.url;
      const answer = await sendHttp({ method: outgoing.method, target, headers, timeoutMs, ...(outgoing.body === undefined ? {} : { body: outgoing.body }) });
      if (!('failure' in answer)) return { result: answer };
      if (answer.failure === 'timeout') return { result: null, error: { type: 'Http:ExecutionTimeoutException', message: 'execution timed out' } };
      return { result: null, error: { type: 'Http:HttpRequestException', message: `${outgoing.method} ${target.origin} failed: ${answer.code}` } };
    },
  };
}
