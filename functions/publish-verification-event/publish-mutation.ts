import type { OtpVerifiedEvent } from './types.ts';

/**
 * The mutation that announces a verification; its selection is what subscribers can receive. The same operation as
 * infra/documents/publishOtpVerified.graphql (publish-mutation.test.ts), kept as text so the bundle needs no printer.
 */
export const PUBLISH_OTP_VERIFIED = /* GraphQL */ `mutation PublishOtpVerified($sessionId: ID!, $email: AWSEmail, $phoneNumber: AWSPhone, $verifiedAt: AWSDateTime!) {
  publishOtpVerified(sessionId: $sessionId, email: $email, phoneNumber: $phoneNumber, verifiedAt: $verifiedAt) { sessionId email phoneNumber verifiedAt }
}`;

/** The JSON body of the publishing request: the event's fields, the one the session did not prove as null. */
export function publishRequestBody(event: OtpVerifiedEvent): string {
  return JSON.stringify({ query: PUBLISH_OTP_VERIFIED, variables: { ...event } });
}
