import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtpService } from './otp-service.ts';
import type { OtpServiceProps } from './otp-service.ts';
import { sesIdentityNames } from './otp-service-props.ts';
import { testApp } from './test-app.ts';

/** Synthesis bundles code: ~5 s on an idle machine, much longer on a busy one. */
const SYNTH_TIMEOUT_MS = 300_000;

function construct(props: Partial<OtpServiceProps>): () => OtpService {
  return () => new OtpService(new Stack(testApp(), 'Test'), 'Otp', { senderEmail: 'no-reply@example.com', ...props });
}

describe('OtpService props', () => {
  it.each([
    ['a sender that is not an address', { senderEmail: 'nobody' }, /senderEmail/],
    ['a code shorter than 6 digits', { codeLength: 5 }, /codeLength must be an integer from 6 to 10, got 5: shorter codes are guessable/],
    ['a code longer than 10 digits', { codeLength: 11 }, /codeLength/],
    ['a fractional code length', { codeLength: 6.5 }, /codeLength/],
    ['a code TTL under a minute', { codeTtl: Duration.seconds(30) }, /codeTtl/],
    ['a code TTL over 15 minutes', { codeTtl: Duration.minutes(16) }, /codeTtl \(seconds\) must be an integer from 60 to 900, got 960: /],
    ['zero attempts', { maxAttempts: 0 }, /maxAttempts/],
    ['more than 10 attempts', { maxAttempts: 11 }, /maxAttempts must be an integer from 1 to 10, got 11: /],
    ['a zero failure budget', { failureBudget: 0 }, /failureBudget/],
    ["a failure budget over NIST SP 800-63B's 100", { failureBudget: 101 }, /failureBudget must be an integer from 1 to 100, got 101: NIST SP 800-63B/],
    ['a failure window under a minute', { failureWindow: Duration.seconds(59) }, /failureWindow/],
    ['a failure window over 7 days', { failureWindow: Duration.days(8) }, /failureWindow/],
    ['a lockout under a minute', { lockout: Duration.seconds(30) }, /lockout/],
    ['a maximum lockout shorter than the lockout', { lockout: Duration.hours(2), maxLockout: Duration.hours(1) }, /maxLockout/],
    ['a maximum lockout over 7 days', { maxLockout: Duration.days(8) }, /maxLockout/],
    ['zero global sends per minute', { globalSendsPerMinute: 0 }, /globalSendsPerMinute/],
    ['over a million global sends per minute', { globalSendsPerMinute: 1_000_001, domainSendsPerMinute: 1 }, /globalSendsPerMinute/],
    ['zero domain sends per minute', { domainSendsPerMinute: 0 }, /domainSendsPerMinute/],
    ['a domain budget above the global one', { globalSendsPerMinute: 50, domainSendsPerMinute: 51 }, /domainSendsPerMinute/],
    ['a generateOtp WAF limit under 10 requests', { wafGenerateOtpRequestsPer5Minutes: 9 }, /wafGenerateOtpRequestsPer5Minutes/],
    [
      'a generateOtp WAF limit above the general one',
      { wafRequestsPer5Minutes: 200, wafGenerateOtpRequestsPer5Minutes: 201 },
      /wafGenerateOtpRequestsPer5Minutes/,
    ],
    ['an unknown WAF challenge', { wafChallenge: 'BLOCK' as never }, /wafChallenge must be one of NONE, CAPTCHA, CHALLENGE, got 'BLOCK'/],
    ['a retention shorter than the TTL', { codeTtl: Duration.minutes(10), verifiedRetention: Duration.minutes(5) }, /verifiedRetention/],
    ['a token lifetime under a minute', { tokenLifetime: Duration.seconds(59) }, /tokenLifetime \(seconds\) must be an integer from 60 to 3600, got 59/],
    ['a token lifetime over an hour', { tokenLifetime: Duration.minutes(61) }, /tokenLifetime \(seconds\) must be an integer from 60 to 3600, got 3660: a token is a bearer proof/],
    ['an empty app name', { brand: { appName: '  ' } }, /brand\.appName must be 1 to 40 characters/],
    ['an app name over 40 characters', { brand: { appName: 'A'.repeat(41) } }, /brand\.appName/],
    ['an app name with a line break', { brand: { appName: 'Acme\nBcc: x' } }, /brand\.appName/],
    ['a colour that is not #rrggbb', { brand: { color: 'red' } }, /brand\.color must be a #rrggbb colour/],
    ['a plain-http logo', { brand: { logoUrl: 'http://cdn.example.com/logo.png' } }, /brand\.logoUrl must be an https:\/\/ URL/],
    ['a support URL with credentials', { brand: { supportUrl: 'https://user:pw@help.example.com' } }, /brand\.supportUrl/],
    ['a sender name with a line break', { brand: { senderName: 'Acme\r\nBcc: victim@example.com' } }, /brand\.senderName/],
    ['a WebOTP domain with a scheme', { brand: { webOtpDomain: 'https://app.example.com' } }, /brand\.webOtpDomain/],
    ['an API name with invalid characters', { apiName: 'otp/api' }, /apiName/],
    ['zero codes per window', { maxCodesPerWindow: 0 }, /maxCodesPerWindow/],
    ['a rate window under a minute', { rateWindow: Duration.seconds(59) }, /rateWindow/],
    ['a cooldown over an hour', { resendCooldown: Duration.minutes(61), rateWindow: Duration.hours(2) }, /resendCooldown/],
    ['a WAF limit under 10 requests', { wafRequestsPer5Minutes: 9 }, /wafRequestsPer5Minutes/],
    ['a fractional WAF limit', { wafRequestsPer5Minutes: 100.5 }, /wafRequestsPer5Minutes/],
    ['a cooldown longer than the window', { resendCooldown: Duration.minutes(3), rateWindow: Duration.minutes(2) }, /resendCooldown/],
  ])('rejects %s', (_label, props, message) => {
    expect(construct(props)).toThrow(message);
  });

  it('derives the SES identities from the sender address', () => {
    expect(sesIdentityNames('codes@mail.example.org')).toEqual(['codes@mail.example.org', 'mail.example.org']);
  });
});

describe('OtpService with custom props', () => {
  let template: Template;
  let workDir: string;
  let service: OtpService;

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'otp-service-test-'));
    const stack = new Stack(testApp({ outdir: join(workDir, 'cdk.out') }), 'Custom');
    service = new OtpService(stack, 'Otp', {
      senderEmail: 'codes@mail.example.org',
      brand: { appName: 'Acme', color: '#c2410c', supportUrl: 'https://help.acme.example', senderName: 'Acme Security' },
      codeLength: 8,
      codeTtl: Duration.minutes(10),
      maxAttempts: 3,
      verifiedRetention: Duration.hours(1),
      apiName: 'custom-otp',
      maxCodesPerWindow: 3,
      rateWindow: Duration.hours(1),
      resendCooldown: Duration.seconds(0),
      failureBudget: 10,
      failureWindow: Duration.hours(1),
      lockout: Duration.minutes(5),
      maxLockout: Duration.hours(2),
      globalSendsPerMinute: 1000,
      domainSendsPerMinute: 250,
      removalPolicy: RemovalPolicy.DESTROY,
      enableWaf: false,
      alarmTopic: new Topic(stack, 'AlarmTopic'),
    });
    template = Template.fromStack(stack);
  }, SYNTH_TIMEOUT_MS);

  afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it('passes the settings to AppSync and the function', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      Name: 'custom-otp',
      EnvironmentVariables: Match.objectLike({
        OTP_TTL_SECONDS: '600',
        OTP_MAX_ATTEMPTS: '3',
        OTP_RETENTION_SECONDS: '3600',
        OTP_CODE_LENGTH: '8',
        OTP_MAX_CODES_PER_WINDOW: '3',
        OTP_RATE_WINDOW_SECONDS: '3600',
        OTP_RESEND_COOLDOWN_SECONDS: '0',
        OTP_FAILURE_BUDGET: '10',
        OTP_FAILURE_WINDOW_SECONDS: '3600',
        OTP_LOCKOUT_SECONDS: '300',
        OTP_MAX_LOCKOUT_SECONDS: '7200',
        OTP_GLOBAL_SENDS_PER_MINUTE: '1000',
        OTP_DOMAIN_SENDS_PER_MINUTE: '250',
      }),
    });
    const fn = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) => id.includes('SendOtpEmail'))?.[1];
    expect(fn?.Properties.Environment.Variables).toMatchObject({
      SENDER_EMAIL: 'codes@mail.example.org',
      OTP_BRAND: JSON.stringify({ appName: 'Acme', color: '#c2410c', supportUrl: 'https://help.acme.example', senderName: 'Acme Security' }),
      OTP_CODE_LENGTH: '8',
      OTP_TTL_SECONDS: '600',
    });
  });

  it('applies the removal policy to the table and its code MAC key alike', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    template.hasResource('AWS::KMS::Key', { Properties: { KeySpec: 'HMAC_256' }, DeletionPolicy: 'Delete' });
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
  });

  it('scopes SES to the sender address and its domain, sending as the address only', () => {
    const json = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(json).toContain(':identity/codes@mail.example.org');
    expect(json).toContain(':identity/mail.example.org');
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'ses:SendEmail', Condition: { StringEquals: { 'ses:FromAddress': 'codes@mail.example.org' } } }),
        ]),
      },
    });
  });

  it('drops stream records older than the code TTL instead of emailing them', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Match.stringLikeRegexp('SendOtpEmailFunction') },
      MaximumRecordAgeInSeconds: 600,
    });
  });

  it('leaves WAF out when enableWaf is false', () => {
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    expect(service.webAcl).toBeUndefined();
  });

  it('notifies the alarm topic from every alarm (the dead-letter queues, the SMS spend)', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    // The email, SMS, verification-event and SES-feedback dead-letter queues, the SMS spend, SES bounce and complaint rates.
    expect(alarms).toHaveLength(7);
    for (const alarm of alarms) {
      expect((alarm.Properties as { AlarmActions: unknown }).AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmTopic/) }]);
    }
    expect(service.deadLetterAlarm.alarmArn).toBeDefined();
    expect(service.verificationEventDeadLetterAlarm.alarmArn).toBeDefined();
  });
});

describe('OtpService WAF limits', () => {
  it('puts wafRequestsPer5Minutes, wafGenerateOtpRequestsPer5Minutes and wafChallenge into the rate-based rules', () => {
    const workDir = mkdtempSync(join(tmpdir(), 'otp-service-waf-test-'));
    try {
      const stack = new Stack(testApp({ outdir: join(workDir, 'cdk.out') }), 'Waf');
      new OtpService(stack, 'Otp', {
        senderEmail: 'no-reply@example.com',
        wafRequestsPer5Minutes: 250,
        wafGenerateOtpRequestsPer5Minutes: 20,
        wafChallenge: 'CAPTCHA',
      });
      Template.fromStack(stack).hasResourceProperties('AWS::WAFv2::WebACL', {
        Rules: Match.arrayWith([
          Match.objectLike({ Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 250, AggregateKeyType: 'IP' } } }),
          Match.objectLike({
            Action: { Captcha: {} },
            Statement: { RateBasedStatement: Match.objectLike({ Limit: 20, AggregateKeyType: 'IP' }) },
          }),
        ]),
      });
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }, SYNTH_TIMEOUT_MS);
});
