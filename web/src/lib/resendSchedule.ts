/**
 * The resend cooldown assumed when the API does not say when the next code may be requested (the service's default:
 * one code per address every 30 s). The API's `resendAvailableAt`, when present, always wins.
 */
export const DEFAULT_RESEND_COOLDOWN_SECONDS = 30;

/**
 * When (epoch ms) the resend button may be used again for a session created at `sentAtMs`.
 *
 * @example resendAvailableAt({ resendAvailableAt: '2026-01-01T00:00:30Z' }, Date.now())
 */
export function resendAvailableAt(
  session: { resendAvailableAt?: string | null },
  sentAtMs: number,
  defaultCooldownSeconds: number = DEFAULT_RESEND_COOLDOWN_SECONDS,
): number {
  const fromApi = session.resendAvailableAt ? Date.parse(session.resendAvailableAt) : Number.NaN;
  return Number.isFinite(fromApi) ? fromApi : sentAtMs + defaultCooldownSeconds * 1000;
}
