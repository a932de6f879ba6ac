import { SendEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSesLocal, type SesLocal } from './ses-local.ts';

interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

describe('startSesLocal', () => {
  let ses: SesLocal;

  beforeAll(async () => {
    ses = await startSesLocal();
  });
  afterAll(async () => {
    await ses.stop();
  });

  it('listens on 127.0.0.1 and serves the inbox viewer', async () => {
    expect(ses.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${ses.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });

  it('accepts SES v1 SendEmail from @aws-sdk/client-ses and lists it in GET /store', async () => {
    // Prepare
    const client = new SESClient({
      endpoint: ses.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const subject = `Hello ${Date.now()}`;

    // Act
    const sent = await client.send(
      new SendEmailCommand({
        Source: 'sender@example.com',
        Destination: { ToAddresses: ['someone@example.com'] },
        Message: { Subject: { Data: subject }, Body: { Text: { Data: 'text body' }, Html: { Data: '<p>html</p>' } } },
      }),
    );
    client.destroy();

    // Assess
    const store = (await (await fetch(`${ses.url}/store`)).json()) as { emails: StoredEmail[] };
    const email = store.emails.find((candidate) => candidate.subject === subject);
    expect(email).toMatchObject({
      messageId: sent.MessageId,
      from: 'sender@example.com',
      destination: { to: ['someone@example.com'] },
      body: { text: 'text body', html: '<p>html</p>' },
    });
  });

  it('stops promptly and frees its port', async () => {
    const other = await startSesLocal();
    await other.stop();
    await expect(fetch(`${other.url}/store`)).rejects.toThrow();
  });
});
