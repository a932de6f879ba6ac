/**
 * The event a Function URL hands its function: payload format 2.0, as Lambda's "Invoking Lambda function URLs"
 * documents it. Headers are lower-cased with repeated ones joined by commas, cookies move to `cookies`, the body is
 * text when its content type is textual and base64 (`isBase64Encoded`) otherwise; absent parts are left out, as
 * Lambda leaves them out.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { IamPrincipal } from '../iam-principals.ts';

/** What the server knows of one request. */
export interface UrlRequest {
  method: string;
  /** Path and query as received, e.g. `/keys?x=1`. */
  target: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
  /** The port the server listens on (x-forwarded-port). */
  port: number;
  /** The SigV4 signer of an AWS_IAM URL's request. */
  caller?: { accessKeyId: string; principal: IamPrincipal };
}

/** Content types whose bodies Lambda passes as text. */
const TEXT_TYPES = [/^text\//, /[/+]json\b/, /[/+]xml\b/, /^application\/javascript\b/, /^application\/x-www-form-urlencoded\b/];

/** `12/Mar/2020:19:03:58 +0000`, the `requestContext.time` format. */
function requestTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

/** The payload 2.0 event of `request`. */
export function functionUrlEvent(request: UrlRequest, now: Date = new Date()): Record<string, unknown> {
  const queryAt = request.target.indexOf('?');
  const rawPath = queryAt < 0 ? request.target : request.target.slice(0, queryAt);
  const rawQueryString = queryAt < 0 ? '' : request.target.slice(queryAt + 1);
  const headers: Record<string, string> = {};
  let cookies: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const joined = Array.isArray(value) ? value.join(',') : value;
    if (name === 'cookie') cookies = joined.split(';').map((cookie) => cookie.trim()).filter(Boolean);
    else headers[name] = joined;
  }
  // What Lambda's front end adds.
  Object.assign(headers, { 'x-forwarded-for': request.sourceIp, 'x-forwarded-proto': 'http', 'x-forwarded-port': String(request.port) });
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) query[name] = name in query ? `${query[name]},${value}` : value;
  const host = (headers.host ?? '').split(':')[0] ?? '';
  const text = TEXT_TYPES.some((pattern) => pattern.test(headers['content-type'] ?? 'text/plain'));
  const caller = request.caller;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: decodeURI(rawPath),
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: caller ? caller.principal.accountId : 'anonymous',
      apiId: host.split('.')[0],
      ...(caller
        ? {
            authorizer: {
              iam: {
                accessKey: caller.accessKeyId,
                accountId: caller.principal.accountId,
                callerId: caller.principal.username,
                cognitoIdentity: null,
                principalOrgId: null,
                userArn: caller.principal.userArn,
                userId: caller.principal.username,
              },
            },
          }
        : {}),
      domainName: host,
      domainPrefix: host.split('.')[0],
      http: {
        method: request.method,
        path: decodeURI(rawPath),
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(request.body.length > 0 ? { body: text ? request.body.toString('utf8') : request.body.toString('base64') } : {}),
    isBase64Encoded: request.body.length > 0 && !text,
  };
}
