import type { BrandSettings, SessionItem } from '../../infra/model/index.ts';

/** Configuration read once per container from the environment. */
export interface SendOtpSmsConfig {
  tableName: string;
  codeMacKeyArn: string;
  codeLength: number;
  brand: BrandSettings;
  /** `AWS.SNS.SMS.SenderID`, when configured. */
  senderId?: string;
  /** `AWS.MM.SMS.OriginationNumber`, when configured. */
  originationNumber?: string;
}

/** The part of an SMS session the function needs, from the stream record's NewImage. */
export type SmsSessionImage = Pick<SessionItem, 'pk' | 'sessionId' | 'smsSentAt'> &
  Partial<Pick<SessionItem, 'expiresAt' | 'locale'>> & { status: string; phoneNumber: string };

/** What happened to one stream record; logged, never containing the code or the number. */
export type SmsRecordOutcome =
  | 'sent'
  | 'skipped-not-an-sms-session'
  | 'skipped-not-pending'
  | 'skipped-already-sent'
  | 'skipped-expired'
  | 'skipped-settled-or-full'
  | 'sent-but-code-gone'
  | 'undeliverable';
