import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSesLocal, type SesLocal } from './ses-local.ts';

describe('the local SES in sandbox mode', () => {
  let ses: SesLocal;
  let client: SESClient;
  beforeAll(async () => {
    ses = await startSesLocal({ sandboxVerifiedRecipient: (address) => address.endsWith('@verified.example') });
    client = new SESClient({ endpoint: ses.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  });
  afterAll(async () => {
    client?.destroy();
    await ses?.stop();
  });

  const send = (to: string) =>
    client.send(
      new SendEmailCommand({
        Source: 'no-reply@example.com',
        Destination: { ToAddresses: [to] },
        Message: { Subject: { Data: 'hello' }, Body: { Text: { Data: 'hello' } } },
      }),
    );

  it('refuses an unverified recipient with MessageRejected, as SES does, and delivers to a verified one', async () => {
    await expect(send('someone@elsewhere.example')).rejects.toMatchObject({ name: 'MessageRejected' });
    await expect(send('someone@verified.example')).resolves.toMatchObject({ MessageId: expect.any(String) });
    const store = (await (await fetch(`${ses.url}/store`)).json()) as { emails: { destination: { to: string[] } }[] };
    expect(store.emails.map((email) => email.destination.to).flat()).toContain('someone@verified.example');
    expect(store.emails.map((email) => email.destination.to).flat()).not.toContain('someone@elsewhere.example');
  });
});
