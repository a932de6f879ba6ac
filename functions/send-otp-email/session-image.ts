import type { AttributeValue as StreamAttributeValue } from 'aws-lambda';
import { PENDING_STATUS, isSessionPk } from '../../infra/model/index.ts';
import type { RecordOutcome, SessionImage } from './types.ts';

type Image = Record<string, StreamAttributeValue> | undefined;

/** Reads a session from a stream record's NewImage; undefined when the image is not a session item. */
export function readSessionImage(image: Image): SessionImage | undefined {
  const pk = image?.pk?.S;
  const sessionId = image?.sessionId?.S;
  const email = image?.email?.S;
  const status = image?.status?.S;
  if (!pk || !isSessionPk(pk) || !sessionId || !email || !status) return undefined;
  const expiresAt = image?.expiresAt?.N === undefined ? undefined : Number(image.expiresAt.N);
  return { pk, sessionId, email, status, expiresAt, emailedAt: image?.emailedAt?.S, locale: image?.locale?.S, mailbox: image?.mailbox?.S };
}

/**
 * Decides whether a session still needs its email; returns the reason to skip it, or undefined to send.
 * The conditional writes re-check PENDING / not emailed against the table: this check only avoids useless work.
 */
export function reasonToSkip(session: SessionImage | undefined, nowEpochSeconds: number): RecordOutcome | undefined {
  if (!session) return 'skipped-not-a-session';
  if (session.status !== PENDING_STATUS) return 'skipped-not-pending';
  if (session.emailedAt !== undefined) return 'skipped-already-emailed';
  // A code nobody can use any more is not worth an email (TTL deletion is late, so check the time here).
  if (session.expiresAt !== undefined && session.expiresAt <= nowEpochSeconds) return 'skipped-expired';
  return undefined;
}
