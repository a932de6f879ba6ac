/**
 * A front server before aws-ses-v2-local, for what SES does that the package does not model: checks that refuse a
 * send before it is stored (the sandbox's verified recipients, configuration sets that do not exist) and work after
 * an accepted send (event publishing). Requests are passed through unchanged; a refusal is answered in the API's own
 * error form (SES v1: query-protocol XML; SES v2: JSON with `x-amzn-ErrorType`), as AWS's clients parse it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readSendRequest, type SesSendRequest } from './ses-events/send-request.ts';

/** An error answer to a send. */
export interface SesRefusal {
  /** v1: the query error code (`MessageRejected`, `ConfigurationSetDoesNotExist`); v2: the error type (`NotFoundException`). */
  code: string;
  message: string;
  status: number;
  /** v1: further members of `<Error>` (e.g. `ConfigurationSetName`), which the SDK reads into the exception. */
  members?: Record<string, string>;
}

export interface SesFrontHooks {
  /** Looks at a send before aws-ses-v2-local does: a refusal is the answer and nothing is stored. */
  check?(send: SesSendRequest): SesRefusal | undefined;
  /** Called once aws-ses-v2-local accepted a send, with the MessageId it answered. */
  accepted?(send: SesSendRequest, messageId: string): void;
}

export function startSesFront(options: { port: number; /** aws-ses-v2-local's own origin. */ target: string; hooks: readonly SesFrontHooks[] }): Promise<Server> {
  const front = createServer((request, response) => {
    void handle(request, response, options).catch(() => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
  });
  return new Promise((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port, '127.0.0.1', () => resolve(front));
  });
}

async function handle(request: IncomingMessage, response: ServerResponse, options: { target: string; hooks: readonly SesFrontHooks[] }): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const path = new URL(request.url ?? '/', 'http://local').pathname;
  const send = readSendRequest(request.method ?? 'GET', path, body.toString('utf8'));
  if (send) {
    for (const hook of options.hooks) {
      const refusal = hook.check?.(send);
      if (refusal) return answerRefusal(response, send.api, refusal);
    }
  }
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && !['host', 'connection', 'content-length'].includes(entry[0]),
    ),
  );
  const answer = await fetch(`${options.target}${request.url ?? '/'}`, {
    method: request.method,
    headers,
    body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body,
  });
  const answerBody = Buffer.from(await answer.arrayBuffer());
  response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream' });
  response.end(answerBody);
  const messageId = send && answer.status === 200 ? messageIdOf(answerBody.toString('utf8')) : undefined;
  if (send && messageId) for (const hook of options.hooks) hook.accepted?.(send, messageId);
}

function answerRefusal(response: ServerResponse, api: 'v1' | 'v2', refusal: SesRefusal): void {
  if (api === 'v2') {
    response.writeHead(refusal.status, { 'content-type': 'application/json', 'x-amzn-errortype': refusal.code });
    response.end(JSON.stringify({ message: refusal.message }));
    return;
  }
  const members = Object.entries(refusal.members ?? {}).map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
  response.writeHead(refusal.status, { 'content-type': 'text/xml' });
  response.end(
    '<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type>' +
      `<Code>${escapeXml(refusal.code)}</Code><Message>${escapeXml(refusal.message)}</Message>${members}</Error>` +
      '<RequestId>local</RequestId></ErrorResponse>',
  );
}

/** The MessageId of aws-ses-v2-local's answer: v1 XML `<MessageId>…</MessageId>`, v2 JSON `{"MessageId": …}`. */
function messageIdOf(body: string): string | undefined {
  const xml = /<MessageId>([^<]+)<\/MessageId>/.exec(body)?.[1];
  if (xml) return xml;
  try {
    const parsed = JSON.parse(body) as { MessageId?: unknown };
    return typeof parsed.MessageId === 'string' ? parsed.MessageId : undefined;
  } catch {
    return undefined;
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
