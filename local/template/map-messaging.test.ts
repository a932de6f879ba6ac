/** AWS::SNS::* and AWS::SES::ConfigurationSet* in the stack description (map-sns.ts, map-ses.ts, stack-scope.ts). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTemplate } from './read-stack.ts';
import type { CfnTemplate } from './template-types.ts';

const fixture = (): CfnTemplate =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/ses-events/ses-events.template.json'), 'utf8')) as CfnTemplate;
const workDir = mkdtempSync(join(tmpdir(), 'map-messaging-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
const read = (template: CfnTemplate) => readTemplate(template, { stackName: 'ses-events', local: { region: 'eu-west-1', accountId: '000000000000' }, workDir });
const ARN = 'arn:aws:sns:eu-west-1:000000000000';
const FUNCTION = 'arn:aws:lambda:eu-west-1:000000000000:function';

describe('SNS topics and subscriptions', () => {
  it("gives each topic its name (TopicName, else <StackName>-<LogicalId>) and its ARN as Ref, with its lambda subscriptions", () => {
    const topics = read(fixture()).snsTopics!;
    expect(topics.map(({ logicalId, name, arn }) => ({ logicalId, name, arn }))).toEqual([
      { logicalId: 'EmailEvents', name: 'ses-events-EmailEvents', arn: `${ARN}:ses-events-EmailEvents` },
      { logicalId: 'Notices', name: 'fixture-notices', arn: `${ARN}:fixture-notices` },
      { logicalId: 'Alerts', name: 'fixture-alerts', arn: `${ARN}:fixture-alerts` },
    ]);
    expect(topics[0]!.subscriptions).toEqual([
      { logicalId: 'RecorderSubscription', arn: expect.stringMatching(new RegExp(`^${ARN}:ses-events-EmailEvents:[0-9a-f-]{36}$`)), protocol: 'lambda', endpoint: `${FUNCTION}:Recorder`, rawMessageDelivery: false },
    ]);
    // A topic's own Subscription list counts too.
    expect(topics[1]!.subscriptions).toEqual([
      { logicalId: 'Notices.Subscription.0', arn: expect.stringMatching(new RegExp(`^${ARN}:fixture-notices:[0-9a-f-]{36}$`)), protocol: 'lambda', endpoint: `${FUNCTION}:Recorder`, rawMessageDelivery: false },
    ]);
    // The same ARNs in every read (hot reloads), and a topic's Ref is what the API's environment sees.
    expect(read(fixture()).snsTopics!.flatMap((topic) => topic.subscriptions.map((subscription) => subscription.arn))).toEqual(
      topics.flatMap((topic) => topic.subscriptions.map((subscription) => subscription.arn)),
    );
    expect(read(fixture()).apis[0]!.environmentVariables).toEqual({ NOTICES_TOPIC: `${ARN}:fixture-notices` });
  });

  it('runs a function that only an SNS subscription invokes, and says why one of another runtime is skipped', () => {
    expect(read(fixture()).functions.map((fn) => fn.logicalId)).toEqual(expect.arrayContaining(['Recorder', 'Flaky']));
    const template = fixture();
    template.Resources!.Flaky!.Properties!.Runtime = 'java21';
    const description = read(template);
    expect(description.functions.map((fn) => fn.logicalId)).not.toContain('Flaky');
    expect(description.skippedFunctions).toContainEqual(
      expect.objectContaining({ logicalId: 'Flaky', reason: 'unsupported-runtime', detail: expect.stringContaining('SNS subscription FlakySubscription publishes to it') }),
    );
  });

  it('leaves out a subscription to a topic the template does not create', () => {
    const template = fixture();
    template.Resources!.Foreign = { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: 'arn:aws:sns:eu-west-1:111111111111:shared', Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': ['Recorder', 'Arn'] } } };
    expect(read(template).snsTopics!.flatMap((topic) => topic.subscriptions.map((subscription) => subscription.logicalId))).not.toContain('Foreign');
  });
});

describe('SES configuration sets and their event destinations', () => {
  it('names a set as its Ref does (Name, else <StackName>-<LogicalId>) and lists its destinations', () => {
    const description = read(fixture());
    expect(description.sesConfigurationSets).toEqual([
      {
        logicalId: 'OtpEmails',
        name: 'ses-events-OtpEmails',
        eventDestinations: [
          {
            logicalId: 'OtpEmailsToTopic',
            name: 'to-sns',
            enabled: true,
            matchingEventTypes: ['send', 'reject', 'bounce', 'complaint', 'delivery'],
            destination: { type: 'sns', topicArn: `${ARN}:ses-events-EmailEvents` },
          },
        ],
      },
    ]);
    expect(description.functions.find((fn) => fn.logicalId === 'Sender')!.environment).toEqual({ CONFIGURATION_SET: 'ses-events-OtpEmails' });
  });

  it("takes Enabled as false when absent (the SES API's default) and knows destinations that do not run locally", () => {
    const template = fixture();
    template.Resources!.OtpEmails!.Properties = { Name: 'otp' };
    template.Resources!.Metrics = {
      Type: 'AWS::SES::ConfigurationSetEventDestination',
      Properties: { ConfigurationSetName: 'otp', EventDestination: { MatchingEventTypes: ['BOUNCE'], CloudWatchDestination: { DimensionConfigurations: [] } } },
    };
    const [set] = read(template).sesConfigurationSets!;
    expect(set!.name).toBe('otp');
    expect(set!.eventDestinations.map(({ name, enabled, destination }) => ({ name, enabled, destination }))).toEqual([
      { name: 'to-sns', enabled: true, destination: { type: 'sns', topicArn: `${ARN}:ses-events-EmailEvents` } },
      { name: 'Metrics', enabled: false, destination: { type: 'cloudwatch' } },
    ]);
  });
});
