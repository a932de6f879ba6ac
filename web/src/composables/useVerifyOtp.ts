import { useMutation } from '@vue/apollo-composable';
import type { Ref } from 'vue';
import { VerifyOtpDocument, type VerifyOtpResult } from '../../../infra/documents/generated/graphql.ts';
import { describeApiError, type MutationOutcome } from '../lib/apiProblem.ts';

/** The API's answer to a code. */
export type VerifyAnswer = Pick<VerifyOtpResult, 'verified' | 'status' | 'attemptsRemaining'>;

/** What {@link useVerifyOtp} returns. */
export interface UseVerifyOtp {
  /** Checks `code` against the session; never rejects, failures come back as a problem to show. */
  verifyOtp(sessionId: string, code: string): Promise<MutationOutcome<VerifyAnswer>>;
  /** True while a request is in flight. */
  loading: Ref<boolean>;
}

/**
 * The `verifyOtp` mutation for a component.
 *
 * @example const { verifyOtp, loading } = useVerifyOtp();
 */
export function useVerifyOtp(): UseVerifyOtp {
  // throws: 'never' — the outcome is returned as a value, so callers need no try/catch.
  const { mutate, loading, error } = useMutation(VerifyOtpDocument, { throws: 'never' });

  async function verifyOtp(sessionId: string, code: string): Promise<MutationOutcome<VerifyAnswer>> {
    const result = await mutate({ sessionId, code });
    const answer = result?.data?.verifyOtp;
    if (answer) {
      return {
        ok: true,
        data: { verified: answer.verified, status: answer.status, attemptsRemaining: answer.attemptsRemaining },
      };
    }
    return { ok: false, problem: describeApiError(error.value ?? {}) };
  }

  return { verifyOtp, loading };
}
