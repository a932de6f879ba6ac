/**
 * Sends one HTTP data-source request over Node's http/https client and reads the whole answer. The only I/O of the
 * HTTP data source: building and signing happen before (http-request.ts, http-signing.ts).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What the endpoint answered: ctx.result of the response handler. */
export interface HttpAnswer {
  statusCode: number;
  /** Header names as the endpoint spelled them; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The body as UTF-8 text ('' when there is none). */
  body: string;
}

/** Why no answer came. */
export type HttpFailure = { failure: 'timeout' } | { failure: 'network'; code: string };

/** What to send and where. */
export interface HttpSend {
  method: string;
  /** Where the request goes (the endpoint, or its override). */
  target: URL;
  /** Sent as given; `host` among them names the signed host, which may differ from target's. */
  headers: Record<string, string>;
  body?: string;
  /** The whole exchange, connect to last body byte. */
  timeoutMs: number;
}

function headersOf(response: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const names = new Map<string, string>();
  const raw = response.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    // The first spelling of a name is kept, so a repeated header stays one entry.
    const key = names.get(name.toLowerCase()) ?? name;
    names.set(name.toLowerCase(), key);
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  return headers;
}

/** Sends the request; never throws for network problems, which come back as an HttpFailure. */
export function sendHttp(send: HttpSend): Promise<HttpAnswer | HttpFailure> {
  return new Promise((resolve) => {
    const headers = { ...send.headers };
    // AppSync sets Content-Length itself (requests may not): the body is sent in one piece, never chunked.
    if (send.body !== undefined) headers['content-length'] = String(Buffer.byteLength(send.body));
    const request = (send.target.protocol === 'https:' ? httpsRequest : httpRequest)(send.target, { method: send.method, headers });
    let settled = false;
    const finish = (outcome: HttpAnswer | HttpFailure): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      finish({ failure: 'timeout' });
      request.destroy();
    }, send.timeoutMs);
    const failed = (error: NodeJS.ErrnoException): void => finish({ failure: 'network', code: error.code ?? error.name });
    request.on('error', failed);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', failed);
      response.on('end', () => {
        finish({ statusCode: response.statusCode ?? 0, headers: headersOf(response), body: Buffer.concat(chunks).toString('utf8') });
      });
      // Closed before its end: the connection broke mid-answer.
      response.on('close', () => {
        if (!response.complete) finish({ failure: 'network', code: 'ECONNRESET' });
      });
    });
    request.end(send.body);
  });
}
