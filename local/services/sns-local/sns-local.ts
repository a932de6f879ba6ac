/**
 * A local Amazon SNS for SMS and topics: SNS's query protocol (`POST /`, form-encoded
 * `Action=Publish&Version=2010-03-31&…`, XML answers) on 127.0.0.1, so AWS's own clients (`@aws-sdk/client-sns` with
 * `endpoint`, or `AWS_ENDPOINT_URL_SNS`) and AppSync HTTP data sources (through an endpoint override) use it unchanged.
 * Requests are SigV4-verified against the local credentials. Texts published to phone numbers land in an inbox
 * (`GET /store`, a viewer at `/`); messages published to topics go to their `lambda` subscriptions. See README.md in
 * this folder for the actions, errors and differences from SNS.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { CredentialLookup } from '../../appsync/auth/credential-store.ts';
import { headerMap, toSignedRequest } from '../../appsync/http/signed-request.ts';
import { readBody } from '../../appsync/http/read-body.ts';
import { assertPortFree } from '../../util/free-port.ts';
import { listen } from '../../util/listen.ts';
import { LOCAL_ACCOUNT_ID } from '../../iam-principals.ts';
import type { SnsTopicConfig } from '../../stack-description.ts';
import { errorXml, SnsError } from './errors.ts';
import { SmsInbox, type InboxSnapshot } from './inbox.ts';
import { handleInboxRoute } from './inbox-routes.ts';
import { OPERATIONS } from './operations/table.ts';
import { param, parseQueryInput } from './query-input.ts';
import { authenticateSnsRequest } from './request-auth.ts';
import { SmsAccount, type SmsAccountOptions } from './sms-account.ts';
import { deliverTopicMessage, type LambdaDelivery } from './topic-delivery.ts';
import { acceptTopicMessage, type TopicMessage } from './topic-message.ts';
import { TopicRegistry } from './topics.ts';
import { responseXml } from './xml.ts';

/** SNS's largest request is a 256 KiB message with its attributes; 1 MiB leaves room for anything legitimate. */
const MAX_REQUEST_BYTES = 1024 * 1024;

export interface SnsLocalOptions extends SmsAccountOptions {
  /** A fixed port; a free one is chosen when absent. */
  port?: number;
  /** The region requests must be signed for. */
  region: string;
  /** The credentials requests may be signed with (read at every request, so it may change while running). */
  credentials: CredentialLookup;
  /** For tests: the clock used for signature skew and `sentAt`. */
  now?: () => Date;
  /**
   * How `lambda` subscriptions are delivered to: Lambda's asynchronous invocation of the function the endpoint ARN
   * names (the local stack passes lambda/async-invocations.ts). Absent: nothing is delivered (logged).
   */
  deliverToLambda?: LambdaDelivery;
  /** Receives a line for each delivery that could not be made. */
  log?: (line: string) => void;
}

/** What {@link SnsLocal.publishToTopic} takes: a Publish to a topic from inside the process (SES event destinations). */
export interface InProcessPublish {
  topicArn: string;
  message: string;
  subject?: string;
}

export interface SnsLocal {
  /** `http://127.0.0.1:<port>`: the SDK's `endpoint`, `AWS_ENDPOINT_URL_SNS`, and the inbox (`/`, `/store`). */
  url: string;
  port: number;
  region: string;
  /** `https://sns.<region>.amazonaws.com`: the origin to send here in the engine's `httpDataSources.endpointOverrides`. */
  awsEndpoint: string;
  /** What `GET /store` answers. */
  inbox(): InboxSnapshot;
  /** Makes the template's topics (and subscriptions) these; topics made with CreateTopic stay. Called at every read of the stack. */
  setTemplateTopics(topics: readonly SnsTopicConfig[]): void;
  /**
   * Publishes to a topic as a service of the account does (SES event publishing): no request, no signature; the
   * message is delivered to the topic's subscriptions like any Publish.
   * @returns the MessageId @throws SnsError NotFound for a topic the account does not have
   */
  publishToTopic(publish: InProcessPublish): string;
  stop(): Promise<void>;
}

/**
 * Starts the local SNS.
 *
 * @example
 * const sns = await startSnsLocal({ region: 'us-east-1', credentials: store, unreachableNumbers: ['+15550100999'] });
 * const client = new SNSClient({ endpoint: sns.url, region: 'us-east-1', credentials });
 * await client.send(new PublishCommand({ PhoneNumber: '+15550100123', Message: '123456 is your code' }));
 * sns.inbox().messages; // [{ phoneNumber: '+15550100123', message: '123456 is your code', … }]
 */
export async function startSnsLocal(options: SnsLocalOptions): Promise<SnsLocal> {
  const { region } = options;
  const now = options.now ?? (() => new Date());
  const account = new SmsAccount(options);
  const inbox = new SmsInbox();
  const topics = new TopicRegistry(region, LOCAL_ACCOUNT_ID);
  const deliver = (message: TopicMessage) => deliverTopicMessage(message, { topics, region, deliverToLambda: options.deliverToLambda, log: options.log });

  if (options.port) await assertPortFree(options.port, 'local SNS');
  const awsHost = `sns.${region}.amazonaws.com`;
  const apiHosts = new Set<string>([awsHost]);
  const loopbackHosts = new Set<string>();
  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      // Nothing of the request is logged: only that it failed.
      if (!response.headersSent) send(response, 500, new SnsError('InternalError', 'An internal error occurred.', 500));
    });
  });
  const port = await listen(server, options.port ?? 0, '127.0.0.1');
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
    apiHosts.add(host);
    loopbackHosts.add(host);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isApiRequest(request)) return handleInboxRoute(request, response, { account, inbox, loopbackHosts });
    const requestId = randomUUID();
    try {
      send(response, 200, await answer(request, requestId), requestId);
    } catch (error) {
      if (!(error instanceof SnsError)) throw error;
      send(response, error.status, error, requestId);
    }
  }

  /** The XML answer to one API request. @throws SnsError */
  async function answer(request: IncomingMessage, requestId: string): Promise<string> {
    const body = await readBody(request, MAX_REQUEST_BYTES);
    if (body === 'too-large') throw new SnsError('RequestEntityTooLarge', 'Request is too large.', 413);
    const headers = headerMap(request);
    await authenticateSnsRequest(toSignedRequest(request, headers, body), { credentials: options.credentials, region, acceptedHosts: apiHosts, now: now() });
    const input = parseQueryInput(new URL(request.url ?? '/', 'http://local').search, body);
    const action = param(input, 'Action');
    if (!action) throw new SnsError('MissingAction', 'The request must contain the parameter Action.');
    // own properties only: `constructor`, `__proto__`… are not actions.
    const operation = Object.hasOwn(OPERATIONS, action) ? OPERATIONS[action] : undefined;
    if (!operation) throw new SnsError('InvalidAction', `The action ${action} is not valid for this endpoint: the local SNS serves ${Object.keys(OPERATIONS).join(', ')}.`);
    return responseXml(action, operation(input, { account, inbox, topics, deliver, now }), requestId);
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    region,
    awsEndpoint: `https://${awsHost}`,
    inbox: () => inbox.snapshot(),
    setTemplateTopics: (configs) => topics.setTemplateTopics(configs),
    publishToTopic({ topicArn, message, subject }) {
      if (!topics.topic(topicArn)) throw new SnsError('NotFound', 'Topic does not exist', 404);
      const accepted = acceptTopicMessage({ topicArn, message, subject: subject ?? null, attributes: {} }, now());
      deliver(accepted);
      return accepted.messageId;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The SDK keeps connections alive; close them so stop() is prompt.
        server.closeAllConnections();
      }),
  };
}

/**
 * SNS's API is `POST /` (the SDK's form body) or `GET /?Action=…`: the query protocol takes parameters in the URL too,
 * which is one way an AppSync HTTP data source calls SNS (the other is a form body). Every other request is the inbox's.
 */
function isApiRequest(request: IncomingMessage): boolean {
  const url = new URL(request.url ?? '/', 'http://local');
  if (url.pathname !== '/') return false;
  return request.method === 'POST' || (request.method === 'GET' && url.searchParams.has('Action'));
}

/** `id` is the request's: the same in the body (ResponseMetadata, or the error's RequestId) and `x-amzn-RequestId`. */
function send(response: ServerResponse, status: number, body: string | SnsError, id = randomUUID()): void {
  const text = body instanceof SnsError ? errorXml(body, id) : body;
  response.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': id, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}


