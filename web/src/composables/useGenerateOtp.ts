import { useMutation } from '@vue/apollo-composable';
import type { Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { GenerateOtpDocument } from '../../../infra/documents/generated/graphql.ts';
import { describeApiError, type MutationOutcome } from '../lib/apiProblem.ts';
import { resendAvailableAt } from '../lib/resendSchedule.ts';

/** A started verification: the session to verify against, when its code stops being accepted, when to resend. */
export interface StartedSession {
  sessionId: string;
  /** ISO date-time from the API. */
  expiresAt: string;
  /** Epoch ms from which another code may be requested (the API's `resendAvailableAt`, or the default cooldown). */
  resendAtMs: number;
}

/** What {@link useGenerateOtp} returns. */
export interface UseGenerateOtp {
  /**
   * Asks the API to email a code to `email`, in the language the page is shown in; never rejects, failures come back
   * as a problem to show.
   */
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
  // Read at each request, so a language picked after the page loaded is the one the email is written in.
  const { locale } = useI18n({ useScope: 'global' });

  async function generateOtp(email: string): Promise<MutationOutcome<StartedSession>> {
    const sentAtMs = Date.now();
    const result = await mutate({ email, locale: locale.value });
    const session = result?.data?.generateOtp;
    if (session) {
      return {
        ok: true,
        data: {
          sessionId: session.sessionId,
          expiresAt: session.expiresAt,
          resendAtMs: resendAvailableAt(session, sentAtMs),
        },
      };
    }
    return { ok: false, problem: describeApiError(error.value ?? {}) };
  }

  return { generateOtp, loading };
}
