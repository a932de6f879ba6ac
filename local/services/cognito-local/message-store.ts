/**
 * What the local pool would have sent: sign-up confirmation codes and AdminCreateUser invitations with their
 * temporary password. Nothing is delivered; `GET {cognitoUrl}/store` lists the messages so a developer or a test
 * reads the code the way a user reads their inbox (like the local SES's `/store`).
 */

export interface SentMessage {
  userPoolId: string;
  /** The internal username. */
  username: string;
  /** Why it was sent. */
  kind: 'SignUp' | 'ResendCode' | 'AdminCreateUser';
  deliveryMedium: 'EMAIL' | 'SMS';
  /** The address or phone number it went to, unmasked (the API's CodeDeliveryDetails masks it). */
  destination: string;
  /** The confirmation code, or the temporary password of an invitation. */
  code: string;
  message: string;
  /** ISO 8601. */
  sentAt: string;
}

export class MessageStore {
  private readonly messages: SentMessage[] = [];

  add(message: SentMessage): void {
    this.messages.push(message);
  }

  list(): readonly SentMessage[] {
    return this.messages;
  }
}

/** `a***@e***`: how CodeDeliveryDetails shows an email (first character of each part), `+*******1234` a phone. */
export function maskDestination(medium: 'EMAIL' | 'SMS', destination: string): string {
  if (medium === 'SMS') return `+*******${destination.slice(-4)}`;
  const [local = '', domain = ''] = destination.split('@');
  return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***`;
}
