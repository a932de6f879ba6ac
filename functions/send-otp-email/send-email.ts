import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import { EmailDeliveryError, UndeliverableEmailError } from './errors.ts';
import { sendErrorName } from '../shared/send-errors.ts';
import { isPermanentSesError } from './ses-errors.ts';
import type { OtpEmailContent } from '../shared/messages/index.ts';

/**
 * Sends the email with SES's v1 SendEmail; returns SES's message id.
 * Throws UndeliverableEmailError when SES refused it for good, EmailDeliveryError for anything else (after the
 * client's own retries, see clients.ts).
 */
export async function sendEmail(
  client: SESClient,
  input: { from: string; to: string; content: OtpEmailContent; configurationSetName?: string },
): Promise<string | undefined> {
  try {
    const result = await client.send(
      new SendEmailCommand({
        Source: input.from,
        // Every email goes through the service's configuration set: its bounce and complaint events feed the
        // suppression list (handle-ses-feedback), and SES keeps reputation metrics for it.
        ConfigurationSetName: input.configurationSetName,
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
    // Re-raised with SES's error name only: SDK errors can carry the request, which carries the code, and SES's
    // messages can quote the address.
    const reason = sendErrorName(error);
    throw isPermanentSesError(error) ? new UndeliverableEmailError(reason) : new EmailDeliveryError(reason);
  }
}
