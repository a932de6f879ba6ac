import { SESClient } from '@aws-sdk/client-ses';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SES_CLIENT_RETRY_CONFIG } from './clients.ts';
import { EmailDeliveryError, UndeliverableEmailError } from './errors.ts';
import { sendEmail } from './send-email.ts';

// A real SES client with the function's retry settings, against a local endpoint that answers SES v1 (query/XML)
// responses from a script: what SES answers in AWS but the local SES cannot be made to (Throttling, 5xx, …).

const ADDRESS = 'someone@example.com';
const content = { subject: 'Your verification code', text: 'Your verification code is 123456.', html: '<p>123456</p>' };

/** Each request takes the next answer; the last one repeats. `OK` is a successful SendEmail. */
let script: string[] = [];
let requests = 0;

function answer(code: string): { status: number; body: string } {
  if (code === 'OK') {
    return {
      status: 200,
      body:
        '<SendEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><SendEmailResult>' +
        '<MessageId>local-message-1</MessageId></SendEmailResult>' +
        '<ResponseMetadata><RequestId>local</RequestId></ResponseMetadata></SendEmailResponse>',
    };
  }
  const status = code === 'InternalFailure' ? 500 : code === 'ServiceUnavailable' ? 503 : 400;
  // Like SES, the message quotes the address: it must not reach the error the function throws.
  const message = code === 'Throttling' ? 'Maximum sending rate exceeded.' : `Email address is not verified: ${ADDRESS}`;
  return {
    status,
    body:
      '<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type>' +
      `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>local</RequestId></ErrorResponse>`,
  };
}

describe('sendEmail with the function’s SES client settings', () => {
  let server: Server;
  let client: SESClient;

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const { status, body } = answer(script[Math.min(requests, script.length - 1)] ?? 'OK');
        requests += 1;
        response.writeHead(status, { 'content-type': 'text/xml' });
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    client = new SESClient({
      ...SES_CLIENT_RETRY_CONFIG,
      endpoint: `http://127.0.0.1:${port}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    client?.destroy();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  beforeEach(() => {
    requests = 0;
  });

  const send = () => sendEmail(client, { from: 'no-reply@example.com', to: ADDRESS, content });

  it('retries SES throttling and server errors with backoff, and succeeds within 4 attempts', async () => {
    // Prepare
    script = ['Throttling', 'InternalFailure', 'Throttling', 'OK'];

    // Act
    const messageId = await send();

    // Assess
    expect(messageId).toBe('local-message-1');
    expect(requests).toBe(4);
  });

  it('gives up after 4 attempts with a transient EmailDeliveryError naming SES’s error, not quoting it', async () => {
    script = ['ServiceUnavailable'];

    const error = await send().catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(EmailDeliveryError);
    expect(error).toMatchObject({ name: 'EmailDeliveryError', reason: 'ServiceUnavailable' });
    expect(requests).toBe(4);
    expect(String((error as Error).message)).not.toContain(ADDRESS);
  });

  it('does not retry a permanent refusal: one request, UndeliverableEmailError with SES’s error name', async () => {
    for (const code of ['MessageRejected', 'InvalidParameterValue', 'MailFromDomainNotVerifiedException']) {
      requests = 0;
      script = [code];

      const error = await send().catch((thrown: unknown) => thrown);

      expect(error, code).toBeInstanceOf(UndeliverableEmailError);
      expect(error, code).toMatchObject({ name: 'UndeliverableEmailError', reason: code });
      expect(String((error as Error).message)).not.toContain(ADDRESS);
      expect(requests, code).toBe(1);
    }
  });

  it('treats a paused account as transient, so the record is retried and reaches the DLQ and its alarm', async () => {
    script = ['AccountSendingPausedException'];

    const error = await send().catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(EmailDeliveryError);
    expect(error).toMatchObject({ reason: 'AccountSendingPausedException' });
  });
});
