import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { EmailDeliveryError } from './errors.ts';
import type { OtpEmailContent } from './types.ts';

/** Sends the email with SES's v1 SendEmail; returns SES's message id. */
export async function sendEmail(
  client: SESClient,
  input: { from: string; to: string; content: OtpEmailContent },
): Promise<string | undefined> {
  try {
    const result = await client.send(
      new SendEmailCommand({
        Source: input.from,
        Destination: { ToAddresses: [input.to] },
        Message: {
          Subject: { Data: input.content.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: input.content.text, Charset: 'UTF-8' },
            Html: { Data: input.content.html, Charset: 'UTF-8' },
          },
        },
      }),
    );
    return result.MessageId;
  } catch (error) {
    // Re-raised with SES's error name only: SDK errors can carry the request, and the request carries the code.
    const reason = error instanceof Error ? error.name : 'UnknownError';
    throw new EmailDeliveryError(`SES did not accept the email (${reason})`);
  }
}
