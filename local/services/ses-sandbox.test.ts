import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recipientsOf } from './ses-sandbox.ts';
import { startSesLocal, type SesLocal } from './ses-local.ts';

describe('recipientsOf', () => {
  it('reads v1 form-encoded and v2 JSON destinations', () => {
    const v1 = 'Action=SendEmail&Destination.ToAddresses.member.1=a%40x.com&Destination.BccAddresses.member.1=b%40x.com&Source=s%40x.com';
    expect(recipientsOf('/', v1)).toEqual(['a@x.com', 'b@x.com']);
    expect(recipientsOf('/v2/email/outbound-emails', JSON.stringify({ Destination: { ToAddresses: ['c@x.com'] } }))).toEqual(['c@x.com']);
    expect(recipientsOf('/v2/email/outbound-emails', 'not json')).toEqual([]);
  });
});

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
