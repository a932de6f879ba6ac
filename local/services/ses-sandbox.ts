import type { SesFrontHooks } from './ses-front.ts';

/**
 * SES's sandbox check, which aws-ses-v2-local does not model: in a sandboxed account SES refuses to send to a
 * recipient that is not a verified identity (`MessageRejected: Email address is not verified …`). Every retry fails
 * the same way, which makes it the real permanent failure the email Lambda's retries and on-failure destination exist
 * for. A check of the SES front (ses-front.ts), before the send reaches aws-ses-v2-local.
 */
export function sandboxCheck(region: string, isVerified: (address: string) => boolean): SesFrontHooks {
  return {
    check(send) {
      const unverified = send.destination.filter((to) => !isVerified(to));
      if (unverified.length === 0) return undefined;
      return {
        code: 'MessageRejected',
        status: 400,
        message: `Email address is not verified. The following identities failed the check in region ${region.toUpperCase()}: ${unverified.join(', ')}`,
      };
    },
  };
}
