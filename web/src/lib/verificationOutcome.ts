import type { VerificationStatus, VerifyOtpResult } from '../../../infra/documents/generated/graphql.ts';

/** How the page reacts to a `verifyOtp` answer. */
export interface VerificationOutcome {
  status: VerificationStatus;
  /** A sentence for the person using the page. */
  message: string;
  /**
   * `retry`: stay on the code form (a wrong code with attempts left);
   * `verified`: done; `new-code`: this session is over and only a new code can help.
   */
  next: 'retry' | 'verified' | 'new-code';
}

/**
 * Maps the API's verification status to what the page says and offers next.
 *
 * @example describeVerification({ status: 'INVALID_CODE', attemptsRemaining: 2 }).message
 * // 'That code is not right. 2 attempts remaining.'
 */
export function describeVerification(
  result: Pick<VerifyOtpResult, 'status' | 'attemptsRemaining'>,
): VerificationOutcome {
  const { status, attemptsRemaining } = result;
  switch (status) {
    case 'VERIFIED':
      return { status, next: 'verified', message: 'Your email address is verified.' };
    case 'INVALID_CODE':
      return {
        status,
        next: 'retry',
        message: `That code is not right. ${attemptsRemaining} ${attemptsRemaining === 1 ? 'attempt' : 'attempts'} remaining.`,
      };
    case 'EXPIRED':
      return { status, next: 'new-code', message: 'This code has expired.' };
    case 'LOCKED':
      return { status, next: 'new-code', message: 'Too many wrong codes: this code no longer works.' };
    case 'ALREADY_USED':
      return { status, next: 'new-code', message: 'This code has already been used.' };
  }
}
