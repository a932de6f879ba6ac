import { EMAIL_CHANNEL, SMS_CHANNEL } from '../../../infra/model/index.ts';

/** How a code reaches the person: the service's own channel names (a session's `channel`). */
export type Channel = typeof EMAIL_CHANNEL | typeof SMS_CHANNEL;

/** Where a code is sent: an email address or a phone number, as the person typed it (the API normalizes it). */
export interface Destination {
  channel: Channel;
  address: string;
}

export { EMAIL_CHANNEL, SMS_CHANNEL };
