import type { BrandSettings, SessionItem } from '../../infra/model/index.ts';

/** Configuration read once per container from the environment. */
export interface SendOtpEmailConfig {
  tableName: string;
  /** The KMS key new codes are MAC'd with (its ARN; the MAC's key id is stored beside it). Not a secret. */
  codeMacKeyArn: string;
  codeLength: number;
  ttlSeconds: number;
  senderEmail: string;
  /** What the messages show of the app, and the sender's display name (OTP_BRAND). */
  brand: BrandSettings;
  /** The SES configuration set every email is sent with (SES_CONFIGURATION_SET; its events feed handle-ses-feedback). */
  configurationSetName?: string;
}

/**
 * The part of a session item the function needs, read from the stream record's NewImage. `status` stays a string
 * (an image is checked, not trusted) and `expiresAt` may be missing from a hand-made record.
 */
export type SessionImage = Pick<SessionItem, 'pk' | 'sessionId' | 'email' | 'emailedAt'> &
  Partial<Pick<SessionItem, 'expiresAt' | 'locale' | 'mailbox'>> & { status: string };

/** What happened to one stream record; logged, never containing the code. */
export type RecordOutcome =
  /** SES accepted the email and `emailedAt` was recorded. */
  | 'sent'
  /** The stream image is not a session item. */
  | 'skipped-not-a-session'
  /** The image's session is not PENDING. */
  | 'skipped-not-pending'
  /** The image already has `emailedAt` (an email went out before this record was written). */
  | 'skipped-already-emailed'
  /** The code would expire before anyone could use it. */
  | 'skipped-expired'
  /**
   * The table refused to add a code: the session was emailed meanwhile (e.g. a redelivered record), was marked
   * undeliverable, is no longer PENDING or gone, or already holds MAX_CODES_PER_SESSION codes.
   */
  | 'skipped-settled-or-full'
  /** SES accepted the email, but the code was removed (or the session deleted) before `emailedAt` was recorded. */
  | 'sent-but-code-gone'
  /** SES refused the email for good (see ses-errors.ts); recorded on the session, not retried. */
  | 'undeliverable'
  /** The mailbox is suppressed (a hard bounce or complaint, SUPPRESSED#): nothing drawn or sent, session marked undeliverable. */
  | 'suppressed';
