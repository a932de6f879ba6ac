import type { AttributeValue as StreamAttributeValue } from 'aws-lambda';
import { VERIFIED_STATUS, isSessionPk } from '../../infra/model/index.ts';
import type { OtpVerifiedEvent } from './types.ts';

type Image = Record<string, StreamAttributeValue> | undefined;

/**
 * The event to publish for a stream record, or undefined unless the record turns a session VERIFIED: NewImage is a
 * verified session with all three fields, and OldImage (when the stream carries it) was not yet verified. A later
 * write to an already verified session (e.g. the email function recording `emailedAt` after a fast verification)
 * must not announce it again. The event source filter selects the same records; this check keeps a widened filter
 * or a hand-made event from publishing a duplicate or half an event.
 *
 * @example verifiedEventOf(record.dynamodb?.NewImage, record.dynamodb?.OldImage) // { sessionId, email, verifiedAt } | undefined
 */
export function verifiedEventOf(image: Image, oldImage?: Image): OtpVerifiedEvent | undefined {
  if (oldImage?.status?.S === VERIFIED_STATUS) return undefined;
  const pk = image?.pk?.S;
  const sessionId = image?.sessionId?.S;
  const email = image?.email?.S;
  const verifiedAt = image?.verifiedAt?.S;
  if (!isSessionPk(pk) || image?.status?.S !== VERIFIED_STATUS) return undefined;
  if (!sessionId || !email || !verifiedAt) return undefined;
  return { sessionId, email, verifiedAt };
}
