import { POLICY_DEFAULTS } from '../../../infra/model/index.ts';

/**
 * When (epoch ms) the resend button may be used again for a session created at `sentAtMs`. The API's
 * `resendAvailableAt`, when present, always wins; without it the service's default cooldown is assumed.
 *
 * @example resendAvailableAt({ resendAvailableAt: '2026-01-01T00:00:30Z' }, Date.now())
 */
export function resendAvailableAt(
  session: { resendAvailableAt?: string | null },
  sentAtMs: number,
  defaultCooldownSeconds: number = POLICY_DEFAULTS.resendCooldownSeconds,
): number {
  const fromApi = session.resendAvailableAt ? Date.parse(session.resendAvailableAt) : Number.NaN;
  return Number.isFinite(fromApi) ? fromApi : sentAtMs + defaultCooldownSeconds * 1000;
}
