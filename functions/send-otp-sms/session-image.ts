import type { AttributeValue as StreamAttributeValue } from 'aws-lambda';
import { PENDING_STATUS, SMS_CHANNEL, isSessionPk } from '../../infra/model/index.ts';
import type { SmsRecordOutcome, SmsSessionImage } from './types.ts';

/** Reads an SMS session from a stream record's NewImage; undefined unless it is one (`channel: SMS`, a number). */
export function readSmsSessionImage(image: Record<string, StreamAttributeValue> | undefined): SmsSessionImage | undefined {
  const pk = image?.pk?.S;
  const sessionId = image?.sessionId?.S;
  const phoneNumber = image?.phoneNumber?.S;
  const status = image?.status?.S;
  if (!pk || !isSessionPk(pk) || image?.channel?.S !== SMS_CHANNEL || !sessionId || !phoneNumber || !status) return undefined;
  const expiresAt = image?.expiresAt?.N === undefined ? undefined : Number(image.expiresAt.N);
  return { pk, sessionId, phoneNumber, status, expiresAt, smsSentAt: image?.smsSentAt?.S, locale: image?.locale?.S };
}

/** The reason to skip a session, or undefined to send (the conditional writes re-check against the table). */
export function reasonToSkipSms(session: SmsSessionImage | undefined, nowEpochSeconds: number): SmsRecordOutcome | undefined {
  if (!session) return 'skipped-not-an-sms-session';
  if (session.status !== PENDING_STATUS) return 'skipped-not-pending';
  if (session.smsSentAt !== undefined) return 'skipped-already-sent';
  if (session.expiresAt !== undefined && session.expiresAt <= nowEpochSeconds) return 'skipped-expired';
  return undefined;
}
