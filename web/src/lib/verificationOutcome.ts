import type { VerificationStatus, VerifyOtpResult } from '../../../infra/documents/generated/graphql.ts';
import type { Message } from '../i18n/messages.ts';
import { SMS_CHANNEL, type Channel } from './destination.ts';

/** How the page reacts to a `verifyOtp` answer. */
export interface VerificationOutcome {
  status: VerificationStatus;
  /** A sentence for the person using the page, translated when shown. */
  message: Message;
  /**
   * `retry`: stay on the code form (a wrong code with attempts left);
   * `verified`: done; `new-code`: this session is over and only a new code can help.
   */
  next: 'retry' | 'verified' | 'new-code';
}

/**
 * Maps the API's verification status to what the page says (a message key) and offers next; `channel` is what was
 * proved (an email address unless told otherwise).
 *
 * @example describeVerification({ status: 'INVALID_CODE', attemptsRemaining: 2 }).message
 * // { key: 'verification.invalidCode', count: 2 }: "That code is not right. 2 attempts remaining."
 */
export function describeVerification(
  result: Pick<VerifyOtpResult, 'status' | 'attemptsRemaining'>,
  channel?: Channel,
): VerificationOutcome {
  const { status, attemptsRemaining } = result;
  switch (status) {
    case 'VERIFIED':
      return {
        status,
        next: 'verified',
        message: { key: channel === SMS_CHANNEL ? 'verification.verifiedPhone' : 'verification.verified' },
      };
    case 'INVALID_CODE':
      return { status, next: 'retry', message: { key: 'verification.invalidCode', count: attemptsRemaining } };
    case 'EXPIRED':
      return { status, next: 'new-code', message: { key: 'verification.expired' } };
    case 'LOCKED':
      return { status, next: 'new-code', message: { key: 'verification.locked' } };
    case 'ALREADY_USED':
      return { status, next: 'new-code', message: { key: 'verification.alreadyUsed' } };
  }
}
