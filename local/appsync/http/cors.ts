/** CORS as AppSync answers browsers: any origin, the auth headers AppSync clients send, POST. */
import type { ServerResponse } from 'node:http';

/** Request headers a browser may send cross-origin. */
const ALLOWED_HEADERS = [
  'x-api-key',
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-user-agent',
  'x-amz-content-sha256',
  'content-type',
];

/** Adds the CORS headers every response carries. */
export function applyCorsHeaders(response: ServerResponse): void {
  response.setHeader('access-control-allow-origin', '*');
  response.setHeader('access-control-expose-headers', 'x-amzn-requestid, x-amzn-errortype, x-amz-apigw-id, date');
}

/** Answers an OPTIONS preflight. */
export function answerPreflight(response: ServerResponse): void {
  applyCorsHeaders(response);
  response.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  response.setHeader('access-control-allow-headers', ALLOWED_HEADERS.join(', '));
  response.setHeader('access-control-max-age', '86400');
  response.writeHead(200).end();
}
