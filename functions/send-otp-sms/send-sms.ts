import { PublishCommand, type MessageAttributeValue, type SNSClient } from '@aws-sdk/client-sns';
import { sendErrorName } from '../shared/send-errors.ts';
import { SmsDeliveryError, UndeliverableSmsError } from './errors.ts';
import { isPermanentSnsError } from './sns-errors.ts';

/** The message attributes of an OTP text: Transactional (higher delivery priority), and the configured identities. */
export function smsAttributes(input: { senderId?: string; originationNumber?: string }): Record<string, MessageAttributeValue> {
  return {
    'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    ...(input.senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: input.senderId } } : {}),
    ...(input.originationNumber ? { 'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: input.originationNumber } } : {}),
  };
}

/**
 * Sends the text with SNS Publish to a phone number; returns SNS's message id. Throws UndeliverableSmsError when SNS
 * refused it for good, SmsDeliveryError otherwise (errors carry SNS's error name only, never the number or the text).
 */
export async function sendSms(
  client: SNSClient,
  input: { phoneNumber: string; message: string; senderId?: string; originationNumber?: string },
): Promise<string | undefined> {
  try {
    const result = await client.send(
      new PublishCommand({ PhoneNumber: input.phoneNumber, Message: input.message, MessageAttributes: smsAttributes(input) }),
    );
    return result.MessageId;
  } catch (error) {
    const reason = sendErrorName(error);
    throw isPermanentSnsError(error) ? new UndeliverableSmsError(reason) : new SmsDeliveryError(reason);
  }
}
