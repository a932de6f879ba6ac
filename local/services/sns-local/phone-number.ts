/**
 * Phone numbers as SNS takes them. Publish wants E.164: `+`, a country code and the subscriber number, 15 digits at
 * most (SNS Developer Guide, "Publishing to a mobile phone"). SNS also refuses numbers it cannot route, which a
 * pattern cannot know: the local SNS's `invalidNumbers` option stands in for those.
 */
import { invalidParameter, type SnsError } from './errors.ts';

/**
 * `+` and 7–15 digits, not starting with 0. Seven is the shortest national plan in use (e.g. +290 with four-digit
 * numbers): shorter strings are refused as AWS refuses numbers it cannot route (the lower bound is ours).
 */
const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(phoneNumber: string): boolean {
  return E164.test(phoneNumber);
}

/** SNS's answer to a number it will not publish to (the wording AWS gives, e.g. for `abcd`). */
export function notValidToPublishTo(phoneNumber: string): SnsError {
  return invalidParameter(`Invalid parameter: PhoneNumber Reason: ${phoneNumber} is not valid to publish to`);
}

/**
 * A number as the opt-out operations take it (CheckIfPhoneNumberIsOptedOut, OptInPhoneNumber): digits with an
 * optional `+`, answered in E.164 form so `15550100` and `+15550100` name the same entry.
 * @throws SnsError InvalidParameter `Invalid parameter: PhoneNumber Reason: input incorrectly formatted`
 */
export function optOutListNumber(phoneNumber: string | undefined): string {
  if (phoneNumber === undefined || !/^\+?\d{1,15}$/.test(phoneNumber)) {
    throw invalidParameter('Invalid parameter: PhoneNumber Reason: input incorrectly formatted');
  }
  return phoneNumber.startsWith('+') ? phoneNumber : `+${phoneNumber}`;
}
