/**
 * The request object of AppSync's HTTP data source (resolver-reference-http-js, resolver-mapping-template-reference-http):
 * `{ version?, method, resourcePath, params?: { query?, headers?, body? } }`, validated and turned into the HTTP
 * request AppSync sends to `endpoint + resourcePath`. Pure: no I/O.
 *
 * From the docs: methods PUT, POST, GET, DELETE, PATCH; header keys and values are strings; the Content-Types
 * AppSync sends (below); headers a request may not set: Host, Connection, User-Agent, Expect, Transfer-Encoding,
 * Content-Length (AppSync sets them itself). Everything else is our decision, recorded in ../README.md.
 */
import { InvalidDataSourceRequestError } from './types.ts';

/** The methods AppSync's HTTP data source sends. */
const HTTP_METHODS = ['PUT', 'POST', 'GET', 'DELETE', 'PATCH'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Headers AppSync sets itself ("You can't set the following HTTP headers"), lower-cased. */
const FORBIDDEN_HEADERS: ReadonlySet<string> = new Set(['host', 'connection', 'user-agent', 'expect', 'transfer-encoding', 'content-length']);

/**
 * "Currently supported Content-Type headers" (media types; `text/*` is any text type), plus
 * `application/x-www-form-urlencoded`: the list omits it, but AppSync sends form bodies, and AWS's own samples rely
 * on it to call query-protocol services (aws-samples/serverless-patterns `cdk-appsync-sns` posts
 * `Action=Publish&TopicArn=…` to SNS; aws/aws-appsync-community#78 does SQS SendMessage the same way).
 */
const SUPPORTED_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'application/x-www-form-urlencoded',
  'application/xml',
  'application/json',
  'application/soap+xml',
  'application/x-amz-json-1.0',
  'application/x-amz-json-1.1',
  'application/vnd.api+json',
  'application/x-ndjson',
]);

/** The HTTP request a data-source request stands for, before signing. */
export interface OutgoingHttpRequest {
  method: HttpMethod;
  /** endpoint + resourcePath + query string: the URL AppSync calls (and signs, with AWS_IAM). */
  url: URL;
  /** As the request named them (case kept), without the ones AppSync sets. */
  headers: Record<string, string>;
  /** Absent when the request has no body. */
  body?: string;
}

function plainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Query values are documented as `any`: scalars as text, lists as the key repeated, objects as JSON (ours). */
function queryValues(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(queryValues);
  if (typeof value === 'object') return [JSON.stringify(value)];
  return [String(value as string | number | boolean)];
}

function checkHeaders(headers: unknown): Record<string, string> {
  if (headers === undefined || headers === null) return {};
  if (!plainObject(headers)) throw new InvalidDataSourceRequestError('params.headers must be an object of string values');
  const seen = new Set<string>();
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (typeof value !== 'string') {
      throw new InvalidDataSourceRequestError(`params.headers.${name} must be a string (header keys and values are strings)`);
    }
    if (FORBIDDEN_HEADERS.has(lower)) {
      throw new InvalidDataSourceRequestError(`params.headers.${name}: the ${name} header cannot be set (AppSync sets it)`);
    }
    // Two spellings of one header would leave which one is sent to chance.
    if (seen.has(lower)) throw new InvalidDataSourceRequestError(`params.headers: ${name} is given twice`);
    // Node refuses header names and values HTTP cannot carry; say so as a request error instead.
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n\0]/.test(value)) {
      throw new InvalidDataSourceRequestError(`params.headers.${JSON.stringify(name)} is not a valid HTTP header`);
    }
    seen.add(lower);
    out[name] = value;
  }
  return out;
}

function checkContentType(headers: Record<string, string>): void {
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type');
  if (!entry) return;
  const mediaType = (entry[1].split(';')[0] ?? '').trim().toLowerCase();
  if (mediaType.startsWith('text/') || SUPPORTED_CONTENT_TYPES.has(mediaType)) return;
  throw new InvalidDataSourceRequestError(
    `Content-Type ${JSON.stringify(entry[1])} is not supported by HTTP data sources (text/*, ${[...SUPPORTED_CONTENT_TYPES].join(', ')})`,
  );
}

/** A string body is sent as is; any other value as its JSON text (APPSYNC_JS types it `any`; ours). */
function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/** RFC 3986 encoding, as SigV4 canonicalizes (encodeURIComponent leaves !'()* alone; URLSearchParams writes + for spaces). */
function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** endpoint + resourcePath, with the query appended to whatever query the path already has. */
function targetUrl(endpoint: string, resourcePath: string, query: unknown): URL {
  // A path without its leading slash would run into the endpoint's host (ours: one is added).
  const path = resourcePath.startsWith('/') ? resourcePath : `/${resourcePath}`;
  let url: URL;
  try {
    url = new URL(`${endpoint}${path}`);
  } catch {
    throw new InvalidDataSourceRequestError(`resourcePath ${JSON.stringify(resourcePath)} does not form a URL with the data source's endpoint`);
  }
  if (query === undefined || query === null) return url;
  if (!plainObject(query)) throw new InvalidDataSourceRequestError('params.query must be an object');
  const pairs = Object.entries(query).flatMap(([key, value]) => queryValues(value).map((text) => `${rfc3986(key)}=${rfc3986(text)}`));
  if (pairs.length > 0) url.search = [url.search.replace(/^\?/, ''), ...pairs].filter((part) => part !== '').join('&');
  return url;
}

/**
 * Validates what a request handler returned and builds the request for `endpoint` (no trailing slash).
 * @throws InvalidDataSourceRequestError (a MappingTemplate field error) for a malformed request; messages are ours
 *   except the missing-field form, which is AppSync's (`Value for field '$[method]' not found.`).
 */
export function buildHttpRequest(endpoint: string, request: unknown): OutgoingHttpRequest {
  if (!plainObject(request)) {
    throw new InvalidDataSourceRequestError('The request handler must return an HTTP request object ({ method, resourcePath, params })');
  }
  const { version, method, resourcePath, params } = request;
  if (version !== undefined && version !== '2018-05-29') {
    throw new InvalidDataSourceRequestError(`Unsupported version ${JSON.stringify(version)}: HTTP requests use version 2018-05-29`);
  }
  if (method === undefined || method === null) throw new InvalidDataSourceRequestError("Value for field '$[method]' not found.");
  if (typeof method !== 'string' || !(HTTP_METHODS as readonly string[]).includes(method)) {
    throw new InvalidDataSourceRequestError(`Unsupported method ${JSON.stringify(method)}: expected ${HTTP_METHODS.join(', ')}`);
  }
  if (resourcePath === undefined || resourcePath === null) {
    throw new InvalidDataSourceRequestError("Value for field '$[resourcePath]' not found.");
  }
  if (typeof resourcePath !== 'string') throw new InvalidDataSourceRequestError('resourcePath must be a string');
  if (params !== undefined && params !== null && !plainObject(params)) {
    throw new InvalidDataSourceRequestError('params must be an object ({ query, headers, body })');
  }
  const { query, headers, body } = params ?? {};
  const checkedHeaders = checkHeaders(headers);
  checkContentType(checkedHeaders);
  const text = bodyText(body);
  return {
    method: method as HttpMethod,
    url: targetUrl(endpoint, resourcePath, query),
    headers: checkedHeaders,
    ...(text === undefined ? {} : { body: text }),
  };
}
