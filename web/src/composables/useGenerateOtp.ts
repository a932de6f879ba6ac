import { useMutation } from '@vue/apollo-composable';
import type { Ref } from 'vue';
import { GenerateOtpDocument, type OtpSession } from '../generated/graphql.ts';
import { describeApiError, type MutationOutcome } from '../lib/apiProblem.ts';

/** A started verification: the session to verify against and when its code stops being accepted. */
export type StartedSession = Pick<OtpSession, 'sessionId' | 'expiresAt'>;

/** What {@link useGenerateOtp} returns. */
export interface UseGenerateOtp {
  /** Asks the API to email a code to `email`; never rejects, failures come back as a problem to show. */
  generateOtp(email: string): Promise<MutationOutcome<StartedSession>>;
  /** True while a request is in flight. */
  loading: Ref<boolean>;
}

/**
 * The `generateOtp` mutation for a component.
 *
 * @example const { generateOtp, loading } = useGenerateOtp();
 */
export function useGenerateOtp(): UseGenerateOtp {
  // throws: 'never' — the outcome is returned as a value, so callers need no try/catch.
  const { mutate, loading, error } = useMutation(GenerateOtpDocument, { throws: 'never' });

  async function generateOtp(email: string): Promise<MutationOutcome<StartedSession>> {
    const result = await mutate({ email });
    const session = result?.data?.generateOtp;
    if (session) return { ok: true, data: { sessionId: session.sessionId, expiresAt: session.expiresAt } };
    return { ok: false, problem: describeApiError(error.value ?? {}) };
  }

  return { generateOtp, loading };
}
