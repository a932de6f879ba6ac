import type { AttributeValue as StreamAttributeValue } from 'aws-lambda';
import { SMS_CHANNEL, VERIFIED_STATUS, isSessionPk } from '../../infra/model/index.ts';
import type { OtpVerifiedEvent } from './types.ts';

type Image = Record<string, StreamAttributeValue> | undefined;

/**
 * The event to publish for a stream record, or undefined unless the record turns a session VERIFIED: NewImage is a
 * verified session with its id, `verifiedAt` and what it proved (the `email` of an email session, the `phoneNumber`
 * of an SMS session, `channel: SMS`), and OldImage (when the stream carries it) was not yet verified. A later write to
 * an already verified session (e.g. the email function recording `emailedAt` after a fast verification) must not
 * announce it again. The event source filter selects the same records; this check keeps a widened filter or a
 * hand-made event from publishing a duplicate or half an event.
 *
 * @example verifiedEventOf(record.dynamodb?.NewImage, record.dynamodb?.OldImage) // { sessionId, email, phoneNumber, verifiedAt } | undefined
 */
export function verifiedEventOf(image: Image, oldImage?: Image): OtpVerifiedEvent | undefined {
  if (oldImage?.status?.S === VERIFIED_STATUS) return undefined;
  const pk = image?.pk?.S;
  const sessionId = image?.sessionId?.S;
  const verifiedAt = image?.verifiedAt?.S;
  if (!isSessionPk(pk) || image?.status?.S !== VERIFIED_STATUS) return undefined;
  if (!sessionId || !verifiedAt) return undefined;
  // The channel decides which one the session proved; an image with the other one, or neither, is not published.
  if (image?.channel?.S === SMS_CHANNEL) {
    const phoneNumber = image.phoneNumber?.S;
    return phoneNumber && !image.email ? { sessionId, email: null, phoneNumber, verifiedAt } : undefined;
  }
  const email = image?.email?.S;
  return email && !image?.phoneNumber ? { sessionId, email, phoneNumber: null, verifiedAt } : undefined;
}
