/**
 * SES event publishing, as hooks of the SES front (ses-front.ts): a send naming a configuration set that does not
 * exist is refused (v1 `ConfigurationSetDoesNotExist`, v2 `NotFoundException`); an accepted send through a set
 * produces its events (send-events.ts), each published to the SNS topic of every enabled destination of the set
 * that matches its type, with the subject SES gives these notifications. Destinations of other kinds (CloudWatch,
 * Firehose, EventBridge) are not run locally.
 */
import type { SesConfigurationSetConfig } from '../../stack-description.ts';
import type { SesFrontHooks, SesRefusal } from '../ses-front.ts';
import { ConfigurationSets } from './configuration-sets.ts';
import { mailObject, type SesEventRecord } from './event-records.ts';
import { eventsForSend } from './send-events.ts';
import type { SesSendRequest } from './send-request.ts';

/** The subject of the SNS notifications SES publishes for event destinations. */
export const EVENT_NOTIFICATION_SUBJECT = 'Amazon SES Email Event Notification';

/** Publishes to an SNS topic of the account (the local SNS's in-process publish); throws for a topic it lacks. */
export type TopicPublish = (publish: { topicArn: string; message: string; subject: string }) => string;

export interface SesEventPublishingOptions {
  region: string;
  accountId: string;
  log?: (line: string) => void;
}

export class SesEventPublishing implements SesFrontHooks {
  private readonly sets = new ConfigurationSets();
  private publish: TopicPublish | undefined;

  constructor(private readonly options: SesEventPublishingOptions) {}

  /** The sets sends may name, and where their SNS destinations are published (none: events are only logged). */
  setConfigurationSets(sets: readonly SesConfigurationSetConfig[], publish?: TopicPublish): void {
    this.sets.set(sets);
    this.publish = publish;
  }

  check(send: SesSendRequest): SesRefusal | undefined {
    const name = send.configurationSetName;
    if (name === undefined || this.sets.has(name)) return undefined;
    // Wording as emulators record SES's (unconfirmed); the codes and statuses are the APIs' own.
    const message = `Configuration set <${name}> does not exist.`;
    return send.api === 'v1'
      ? { code: 'ConfigurationSetDoesNotExist', status: 400, message, members: { ConfigurationSetName: name } }
      : { code: 'NotFoundException', status: 404, message };
  }

  accepted(send: SesSendRequest, messageId: string): void {
    const name = send.configurationSetName;
    if (name === undefined) return;
    const acceptedAt = new Date();
    const mail = mailObject(send, { region: this.options.region, accountId: this.options.accountId, messageId, acceptedAt });
    for (const record of eventsForSend(mail, new Date(acceptedAt.getTime() + 1))) this.publishRecord(name, record);
  }

  private publishRecord(setName: string, record: SesEventRecord): void {
    for (const destination of this.sets.destinationsFor(setName, record.eventType)) {
      const where = `SES ${record.eventType} event of ${record.mail.messageId} for ${setName}/${destination.name}`;
      if (destination.destination.type !== 'sns') {
        this.options.log?.(`${where}: not published (${destination.destination.type} destinations do not run locally)`);
        continue;
      }
      if (!this.publish) {
        this.options.log?.(`${where}: not published (no local SNS runs)`);
        continue;
      }
      try {
        this.publish({ topicArn: destination.destination.topicArn, message: JSON.stringify(record), subject: EVENT_NOTIFICATION_SUBJECT });
      } catch (error) {
        this.options.log?.(`${where}: not published to ${destination.destination.topicArn} (${error instanceof Error ? error.message : String(error)})`);
      }
    }
  }
}
