/**
 * The account-level SMS state the local SNS keeps in memory: the SetSMSAttributes preferences, the opt-out list,
 * and the numbers a test declared invalid (refused by Publish, as SNS refuses numbers it cannot route) or
 * unreachable (accepted, then failing delivery, as a switched-off or disconnected phone does).
 */
import { invalidParameter } from './errors.ts';
import { isSenderId, isSmsType } from './message-attributes.ts';

/** The preferences SetSMSAttributes takes (SNS API Reference, SetSMSAttributes). */
export const SMS_ATTRIBUTE_NAMES = [
  'MonthlySpendLimit',
  'DeliveryStatusIAMRole',
  'DeliveryStatusSuccessSamplingRate',
  'DefaultSenderID',
  'DefaultSMSType',
  'UsageReportS3Bucket',
] as const;

export interface SmsAccountOptions {
  /** Numbers opted out at start (as if each had replied STOP). */
  optedOutNumbers?: readonly string[];
  /** Numbers Publish refuses with `InvalidParameter … is not valid to publish to`. */
  invalidNumbers?: readonly string[];
  /** Numbers Publish accepts but that never receive the message (a delivery failure, as for an unreachable phone). */
  unreachableNumbers?: readonly string[];
}

export class SmsAccount {
  /** A new account's spend limit is USD 1 until AWS raises it (SNS Developer Guide, "SMS spending quota"). */
  private readonly attributes = new Map<string, string>([['MonthlySpendLimit', '1']]);
  private readonly optedOut = new Set<string>();
  readonly invalidNumbers: ReadonlySet<string>;
  readonly unreachableNumbers: ReadonlySet<string>;

  constructor(options: SmsAccountOptions = {}) {
    for (const number of options.optedOutNumbers ?? []) this.optedOut.add(number);
    this.invalidNumbers = new Set(options.invalidNumbers ?? []);
    this.unreachableNumbers = new Set(options.unreachableNumbers ?? []);
  }

  isOptedOut(phoneNumber: string): boolean {
    return this.optedOut.has(phoneNumber);
  }

  /** The recipient replied STOP (no SNS API does this: the local SNS's `POST /opt-outs` stands in for the phone). */
  optOut(phoneNumber: string): void {
    this.optedOut.add(phoneNumber);
  }

  optIn(phoneNumber: string): void {
    this.optedOut.delete(phoneNumber);
  }

  /** In the order the numbers opted out. */
  optedOutNumbers(): string[] {
    return [...this.optedOut];
  }

  /** The preferences, all of them or the `names` asked for (names never set are left out, as SNS does). */
  smsAttributes(names: readonly string[] = []): Record<string, string> {
    const wanted = names.length > 0 ? names : [...this.attributes.keys()];
    return Object.fromEntries(wanted.flatMap((name) => (this.attributes.has(name) ? [[name, this.attributes.get(name)!]] : [])));
  }

  /** Sets preferences; every one is checked before any is set. @throws SnsError InvalidParameter (messages ours) */
  setSmsAttributes(attributes: Record<string, string>): void {
    for (const [name, value] of Object.entries(attributes)) checkSmsAttribute(name, value);
    for (const [name, value] of Object.entries(attributes)) this.attributes.set(name, value);
  }

  get defaultSmsType(): string | undefined {
    return this.attributes.get('DefaultSMSType');
  }

  get defaultSenderId(): string | undefined {
    return this.attributes.get('DefaultSenderID');
  }
}

function checkSmsAttribute(name: string, value: string): void {
  const valid = ((): boolean => {
    switch (name) {
      case 'MonthlySpendLimit':
        return /^\d+$/.test(value);
      case 'DeliveryStatusSuccessSamplingRate':
        return /^\d+$/.test(value) && Number(value) <= 100;
      case 'DefaultSenderID':
        return isSenderId(value);
      case 'DefaultSMSType':
        return isSmsType(value);
      case 'DeliveryStatusIAMRole':
      case 'UsageReportS3Bucket':
        return true;
      default:
        throw invalidParameter(`Invalid parameter: ${name} Reason: not an SMS attribute (one of ${SMS_ATTRIBUTE_NAMES.join(', ')})`);
    }
  })();
  if (!valid) throw invalidParameter(`Invalid parameter: ${name} Reason: '${value}' is not a valid value`);
}
