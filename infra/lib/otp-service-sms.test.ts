import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { OtpService, type OtpServiceProps } from './otp-service.ts';
import { assertApiEnvironmentLimits, smsEnvironment, splitAlternatives } from './sms-destinations.ts';
import { testApp } from './test-app.ts';

const SYNTH_TIMEOUT_MS = 300_000;

function construct(props: Partial<OtpServiceProps>): () => OtpService {
  return () => new OtpService(new Stack(testApp(), 'Test'), 'Otp', { senderEmail: 'no-reply@example.com', ...props });
}

describe('OtpService SMS props', () => {
  it.each([
    ['an unknown country', { smsCountries: ['XX'] }, /smsCountries must be ISO 3166-1 alpha-2/],
    ['a lower-case country', { smsCountries: ['us'] }, /smsCountries must be ISO 3166-1 alpha-2/],
    ['no country', { smsCountries: [] }, /at least one country/],
    ['a duplicate country', { smsCountries: ['US', 'US'] }, /duplicate/],
    ['zero SMS per hour', { smsGlobalSendsPerHour: 0 }, /smsGlobalSendsPerHour/],
    ['a country budget above the global one', { smsGlobalSendsPerHour: 10, smsCountrySendsPerHour: 11 }, /smsCountrySendsPerHour/],
    ['a sender ID of digits only', { smsSenderId: '12345' }, /smsSenderId/],
    ['a sender ID over 11 characters', { smsSenderId: 'AcmeCorporation' }, /smsSenderId/],
    ['an origination number without +', { smsOriginationNumber: '18005550100' }, /smsOriginationNumber/],
    ['a zero spend alarm', { smsMonthlySpendAlarmUsd: 0 }, /smsMonthlySpendAlarmUsd/],
  ])('refuses %s', (_name, props, message) => {
    expect(construct(props as Partial<OtpServiceProps>)).toThrow(message);
  });

  it('keeps every environment value within 512 characters, splitting long patterns at alternatives', () => {
    const environment = smsEnvironment(['US', 'CA', 'GB', 'DE', 'FR', 'ES', 'IT', 'NL', 'AU', 'IN', 'BR']);
    for (const value of Object.values(environment)) expect(value.length).toBeLessThanOrEqual(512);
    expect(environment.OTP_SMS_RULE_US_2).toBeDefined(); // the US pattern is 637 characters
    expect(splitAlternatives('(?:1|22|333)\\d{2}', 16)).toEqual(['(?:1|22)\\d{2}', '(?:333)\\d{2}']);
  });

  it('refuses an API environment over 50 variables or with a value over 512 characters', () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`V${index}`, 'x']));
    expect(() => assertApiEnvironmentLimits(many)).toThrow(/50/);
    expect(() => assertApiEnvironmentLimits({ V: 'x'.repeat(513) })).toThrow(/512/);
  });

  it('refuses more countries than the API environment can hold', { timeout: SYNTH_TIMEOUT_MS }, () => {
    const countries = ['US', 'CA', 'GB', 'DE', 'FR', 'ES', 'IT', 'NL', 'AU', 'IN', 'BR', 'MX', 'JP', 'KR', 'SE', 'NO', 'DK', 'FI',
      'PL', 'PT', 'IE', 'AT', 'CH', 'BE', 'CZ', 'GR', 'HU', 'RO', 'NZ', 'ZA', 'SG', 'HK', 'TW'];
    expect(construct({ smsCountries: countries })).toThrow(/environment variables, AppSync allows 50/);
  });
});

describe('OtpService SMS resources', () => {
  let template: Template;
  let service: OtpService;
  beforeAll(() => {
    const stack = new Stack(testApp(), 'Test');
    service = new OtpService(stack, 'Otp', {
      senderEmail: 'no-reply@example.com',
      smsSenderId: 'Acme',
      smsOriginationNumber: '+18005550100',
      smsMonthlySpendAlarmUsd: 50,
      alarmTopic: new Topic(stack, 'Alarms'),
    });
    template = Template.fromStack(stack);
  }, SYNTH_TIMEOUT_MS);

  it('deploys the SMS function with its configuration and no secret', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ SMS_SENDER_ID: 'Acme', SMS_ORIGINATION_NUMBER: '+18005550100', POWERTOOLS_SERVICE_NAME: 'otp-sms' }),
      },
    });
  });

  it('sends SMS sessions to the SMS function and every other session (no channel, or EMAIL) to the email function', () => {
    const mappings = template.findResources('AWS::Lambda::EventSourceMapping');
    const patterns = Object.values(mappings).map((mapping) =>
      JSON.parse((mapping as { Properties: { FilterCriteria: { Filters: { Pattern: string }[] } } }).Properties.FilterCriteria.Filters[0]!.Pattern),
    );
    const inserts = patterns.filter((pattern) => pattern.eventName?.[0] === 'INSERT');
    expect(inserts).toHaveLength(2);
    expect(inserts.map((pattern) => pattern.dynamodb.NewImage.channel.S)).toEqual(
      expect.arrayContaining([['SMS'], [{ exists: false }, 'EMAIL']]),
    );
  });

  it('lets the SMS function publish to phone numbers only, MAC with the code key and write its own session attributes', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).map((policy) => JSON.stringify(policy));
    const smsPolicy = policies.find((policy) => policy.includes('sns:Publish'));
    expect(smsPolicy).toBeDefined();
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'kms:GenerateMac' }),
          Match.objectLike({
            Action: 'dynamodb:UpdateItem',
            Condition: Match.objectLike({
              'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'codes', 'smsSentAt', 'undeliverableAt', 'undeliverableReason'] },
              'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SESSION#*'] },
            }),
          }),
          Match.objectLike({ Action: 'sns:Publish', Effect: 'Allow', NotResource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] } }),
        ]),
      },
    });
    // No statement anywhere lets a role publish to a topic or to everything.
    for (const policy of policies) expect(policy).not.toMatch(/"Action":"sns:Publish","Effect":"Allow","Resource"/);
  });

  it('alarms on the SMS dead-letter queue and on the month-to-date SMS spend, to the alarm topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SNS',
      MetricName: 'SMSMonthToDateSpentUSD',
      Threshold: 50,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('Alarms') }],
    });
    expect(service.smsDeadLetterAlarm).toBeDefined();
    template.resourceCountIs('AWS::SQS::Queue', 4); // email, SMS, verification events, SES feedback
  });

  it('gives the API the allowed countries and the SMS budgets, within AppSync\'s limits', () => {
    const api = Object.values(template.findResources('AWS::AppSync::GraphQLApi'))[0] as { Properties: { EnvironmentVariables: Record<string, unknown> } };
    const environment = api.Properties.EnvironmentVariables;
    expect(environment).toMatchObject({
      OTP_SMS_COUNTRIES: 'US:1:10:2,CA:1:10:1,GB:44:10:1,DE:49:10.11:1,FR:33:9:1,ES:34:9:1',
      OTP_SMS_GLOBAL_SENDS_PER_HOUR: '500',
      OTP_SMS_COUNTRY_SENDS_PER_HOUR: '200',
    });
    expect(Object.keys(environment).length).toBeLessThanOrEqual(50);
  });
});
