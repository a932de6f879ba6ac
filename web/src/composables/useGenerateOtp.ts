import { useMutation } from '@vue/apollo-composable';
import { computed, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { GenerateOtpDocument, GenerateSmsOtpDocument, type OtpSession } from '../../../infra/documents/generated/graphql.ts';
import { describeApiError, type ApiErrorLike, type MutationOutcome } from '../lib/apiProblem.ts';
import { SMS_CHANNEL, type Destination } from '../lib/destination.ts';
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
   * Asks the API to send a code to `destination` (`generateOtp` for an email address, `generateSmsOtp` for a phone
   * number), in the language the page is shown in; never rejects, failures come back as a problem to show.
   */
  generateOtp(destination: Destination): Promise<MutationOutcome<StartedSession>>;
  /** True while a request is in flight. */
  loading: Readonly<Ref<boolean>>;
}

/**
 * The `generateOtp` and `generateSmsOtp` mutations for a component.
 *
 * @example const { generateOtp, loading } = useGenerateOtp(); await generateOtp({ channel: 'SMS', address: '+44 7400 123456' });
 */
export function useGenerateOtp(): UseGenerateOtp {
  // throws: 'never' — the outcome is returned as a value, so callers need no try/catch.
  const email = useMutation(GenerateOtpDocument, { throws: 'never' });
  const sms = useMutation(GenerateSmsOtpDocument, { throws: 'never' });
  // Read at each request, so a language picked after the page loaded is the one the message is written in.
  const { locale } = useI18n({ useScope: 'global' });

  async function generateOtp(destination: Destination): Promise<MutationOutcome<StartedSession>> {
    const sentAtMs = Date.now();
    if (destination.channel === SMS_CHANNEL) {
      const result = await sms.mutate({ phoneNumber: destination.address, locale: locale.value });
      return outcomeOf(result?.data?.generateSmsOtp, sms.error.value, sentAtMs);
    }
    const result = await email.mutate({ email: destination.address, locale: locale.value });
    return outcomeOf(result?.data?.generateOtp, email.error.value, sentAtMs);
  }

  return { generateOtp, loading: computed(() => email.loading.value || sms.loading.value) };
}

/** Both mutations answer the same session shape, and fail the same ways. */
function outcomeOf(
  session: Pick<OtpSession, 'sessionId' | 'expiresAt' | 'resendAvailableAt'> | null | undefined,
  error: ApiErrorLike | null,
  sentAtMs: number,
): MutationOutcome<StartedSession> {
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
  return { ok: false, problem: describeApiError(error ?? {}) };
}
