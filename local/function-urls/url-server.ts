/**
 * One Function URL on 127.0.0.1: each request becomes the function's payload 2.0 event (url-event.ts), the function
 * runs in the stack's runner for it (found by name at each request, so a hot reload's new runner answers), and its
 * result becomes the response (url-response.ts), with the URL's CORS (url-cors.ts) and, for AWS_IAM, SigV4
 * (url-auth.ts). Like the engine, it answers only requests whose Host names it (DNS rebinding).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CredentialLookup } from '../appsync/auth/credential-store.ts';
import { createHostCheck } from '../appsync/http/own-host.ts';
import type { IamPrincipal } from '../iam-principals.ts';
import type { LocalFunction } from '../lambda/function-directory.ts';
import type { FunctionUrlConfig } from '../stack-description.ts';
import { listen } from '../util/listen.ts';
import { urlRequestSigner } from './url-auth.ts';
import { isPreflight, preflightResponse, withCorsHeaders } from './url-cors.ts';
import { functionUrlEvent } from './url-event.ts';
import { FUNCTION_ERROR_RESPONSE, functionUrlResponse, type UrlResponse } from './url-response.ts';

/** Lambda's limit on a synchronous invocation's request payload (6 MB). */
const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

const json = (statusCode: number, body: unknown): UrlResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify(body)),
});

export interface FunctionUrlServerOptions {
  config: FunctionUrlConfig;
  port: number;
  region: string;
  /** Finds the running function by name at each request. */
  lookup: (name: string) => LocalFunction | undefined;
  /** Credentials an AWS_IAM URL accepts. */
  credentials: CredentialLookup;
  log: (line: string) => void;
}

export interface FunctionUrlServer {
  url: string;
  stop(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_REQUEST_BYTES ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, answer: UrlResponse, method: string): void {
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  response.setHeader('content-length', answer.body.length);
  response.writeHead(answer.statusCode).end(method === 'HEAD' ? undefined : answer.body);
}

/** Starts the URL's server on `port` (0: a free one). */
export async function startFunctionUrlServer(options: FunctionUrlServerOptions): Promise<FunctionUrlServer> {
  const { config, log } = options;
  let isOwnHost: (host: string | undefined) => boolean = () => false;

  async function answer(request: IncomingMessage, port: number): Promise<UrlResponse> {
    const method = request.method ?? 'GET';
    const origin = typeof request.headers.origin === 'string' ? request.headers.origin : undefined;
    if (config.cors && isPreflight(method, request.headers)) return preflightResponse(config.cors, origin);
    const body = await readBody(request);
    if (body === 'too-large') return json(413, { Message: `Request must be smaller than ${MAX_REQUEST_BYTES} bytes for the InvokeFunction operation` });
    let caller: { accessKeyId: string; principal: IamPrincipal } | undefined;
    if (config.authType === 'AWS_IAM') {
      const url = new URL(request.url ?? '/', 'http://local');
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : (value ?? '')]));
      const signer = await urlRequestSigner(
        { method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: body.toString('utf8') },
        options.credentials,
        options.region,
      );
      if (!signer) return json(403, { Message: 'Forbidden' });
      caller = { accessKeyId: signer.accessKeyId, principal: signer.principal };
    }
    const fn = options.lookup(config.functionName);
    if (!fn) {
      log(`[function URL ${config.logicalId}] ${config.functionName} is not running locally: 502`);
      return FUNCTION_ERROR_RESPONSE;
    }
    const event = functionUrlEvent({
      method,
      target: request.url ?? '/',
      headers: request.headers,
      body,
      sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      port,
      ...(caller ? { caller } : {}),
    });
    const outcome = await fn.invoke(event);
    const response = 'error' in outcome ? FUNCTION_ERROR_RESPONSE : functionUrlResponse(outcome.result);
    return config.cors ? withCorsHeaders(config.cors, origin, response) : response;
  }

  let port = 0;
  const server: Server = createServer({ requireHostHeader: false }, (request, response) => {
    if (!isOwnHost(request.headers.host)) {
      send(response, json(403, { Message: 'Forbidden' }), request.method ?? 'GET');
      return;
    }
    answer(request, port).then(
      (result) => send(response, result, request.method ?? 'GET'),
      (error: unknown) => {
        log(`[function URL ${config.logicalId}] ${error instanceof Error ? error.message : String(error)}`);
        if (!response.headersSent) send(response, FUNCTION_ERROR_RESPONSE, request.method ?? 'GET');
      },
    );
  });
  port = await listen(server, options.port, '127.0.0.1');
  isOwnHost = createHostCheck('127.0.0.1', port);
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
