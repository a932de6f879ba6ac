/**
 * The local SNS's own routes beside SNS's API, for people and tests:
 * - `GET /`: the inbox viewer;
 * - `GET /store`: `{ messages: [{ messageId, phoneNumber, message, senderId, originationNumber, smsType, sentAt,
 *   encoding, parts }], failedDeliveries: [{ …, status: 'FAILURE', providerResponse }] }`;
 * - `DELETE /store`: empties both lists;
 * - `POST /opt-outs` (JSON `{ "phoneNumber": "+…" }`): the number opts out, as if it had replied STOP.
 *
 * They answer only requests whose Host names this server by its loopback address (the texts carry codes: a site that
 * rebinds its DNS name to 127.0.0.1 must not read them), and the changing ones only JSON or DELETE requests, which a
 * browser sends cross-origin only after a preflight this server never grants.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../../appsync/http/read-body.ts';
import type { SmsInbox } from './inbox.ts';
import { INBOX_PAGE_HEADERS, inboxPage } from './inbox-page.ts';
import { optOutListNumber } from './phone-number.ts';
import type { SmsAccount } from './sms-account.ts';

export interface InboxRoutes {
  account: SmsAccount;
  inbox: SmsInbox;
  /** `127.0.0.1:<port>`, `localhost:<port>`, `[::1]:<port>`. */
  loopbackHosts: ReadonlySet<string>;
}

export async function handleInboxRoute(request: IncomingMessage, response: ServerResponse, routes: InboxRoutes): Promise<void> {
  if (!routes.loopbackHosts.has((request.headers.host ?? '').toLowerCase())) return sendJson(response, 403, { message: 'Forbidden host.' });
  const path = new URL(request.url ?? '/', 'http://local').pathname;
  const route = `${request.method ?? 'GET'} ${path}`;
  switch (route) {
    case 'GET /':
    case 'GET /index.html':
      response.writeHead(200, INBOX_PAGE_HEADERS);
      response.end(inboxPage(routes.inbox.snapshot()));
      return;
    case 'GET /store':
      return sendJson(response, 200, routes.inbox.snapshot());
    case 'DELETE /store':
      routes.inbox.clear();
      return sendEmpty(response);
    case 'POST /opt-outs':
      return optOut(request, response, routes.account);
    default:
      return sendJson(response, 404, { message: `No route ${route}.` });
  }
}

async function optOut(request: IncomingMessage, response: ServerResponse, account: SmsAccount): Promise<void> {
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendJson(response, 415, { message: 'POST /opt-outs takes JSON: { "phoneNumber": "+15550100" }.' });
  }
  const body = await readBody(request, 4096);
  let phoneNumber: unknown;
  try {
    phoneNumber = body === 'too-large' ? undefined : (JSON.parse(body) as { phoneNumber?: unknown }).phoneNumber;
  } catch {
    phoneNumber = undefined;
  }
  try {
    account.optOut(optOutListNumber(typeof phoneNumber === 'string' ? phoneNumber : undefined));
  } catch {
    return sendJson(response, 400, { message: 'Give { "phoneNumber": "+<digits>" }.' });
  }
  return sendEmpty(response);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function sendEmpty(response: ServerResponse): void {
  response.writeHead(204, { 'cache-control': 'no-store' });
  response.end();
}
