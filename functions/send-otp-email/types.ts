/** Configuration read once per container from the environment. */
export interface SendOtpEmailConfig {
  tableName: string;
  hmacSecret: string;
  codeLength: number;
  ttlSeconds: number;
  senderEmail: string;
  emailSubject: string;
}

/** The part of a session item the function needs, read from the stream record's NewImage. */
export interface SessionImage {
  pk: string;
  sessionId: string;
  email: string;
  status: string;
  /** Epoch seconds. */
  expiresAt?: number;
  emailedAt?: string;
}

/** The rendered email: subject and bodies. */
export interface OtpEmailContent {
  subject: string;
  text: string;
  html: string;
}

/** What happened to one stream record; logged, never containing the code. */
export type RecordOutcome =
  | 'sent'
  | 'skipped-not-a-session'
  | 'skipped-not-pending'
  | 'skipped-already-emailed'
  | 'skipped-expired'
  | 'skipped-concurrently-emailed-or-gone'
  | 'sent-but-superseded';
