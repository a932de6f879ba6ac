import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, it } from 'vitest';
import { OtpWebAcl } from './otp-web-acl.ts';
import type { WafChallenge } from './otp-web-acl.ts';
import { testApp } from './test-app.ts';

/** The web ACL alone: no bundling, so every action can be checked cheaply. */
function webAclTemplate(generateOtpChallenge: WafChallenge): Template {
  const stack = new Stack(testApp(), 'Waf');
  new OtpWebAcl(stack, 'WebAcl', {
    apiArn: 'arn:aws:appsync:eu-west-1:123456789012:apis/abc',
    requestsPer5Minutes: 1000,
    generateOtpRequestsPer5Minutes: 50,
    generateOtpChallenge,
    metricPrefix: 'otp',
  });
  return Template.fromStack(stack);
}

/** The tighter rule's scope: `generateOtp` in the body, JSON escapes decoded, oversize bodies counted. */
const GENERATE_OTP_SCOPE = {
  ByteMatchStatement: {
    FieldToMatch: { Body: { OversizeHandling: 'MATCH' } },
    PositionalConstraint: 'CONTAINS',
    SearchString: 'generateOtp',
    TextTransformations: [{ Priority: 0, Type: 'JS_DECODE' }],
  },
};

describe('OtpWebAcl', () => {
  it('rate-limits every request per IP, then generateOtp requests more tightly, then applies the common rule set', () => {
    webAclTemplate('NONE').hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({
          Name: 'RateLimitPerIp',
          Priority: 0,
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP' } },
        }),
        Match.objectLike({
          Name: 'GenerateOtpRateLimitPerIp',
          Priority: 1,
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: 50, AggregateKeyType: 'IP', ScopeDownStatement: GENERATE_OTP_SCOPE } },
          VisibilityConfig: Match.objectLike({ MetricName: 'otp-generate-otp-rate-limit-per-ip' }),
        }),
        Match.objectLike({ Name: 'AWSManagedRulesCommonRuleSet', Priority: 2 }),
      ],
    });
  });

  it.each([
    ['CAPTCHA', { Captcha: {} }],
    ['CHALLENGE', { Challenge: {} }],
  ] as const)('answers generateOtp requests past the limit with %s, leaving the per-IP rule blocking', (challenge, action) => {
    webAclTemplate(challenge).hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: [
        Match.objectLike({ Name: 'RateLimitPerIp', Action: { Block: {} } }),
        Match.objectLike({ Name: 'GenerateOtpRateLimitPerIp', Action: action }),
        Match.objectLike({ Name: 'AWSManagedRulesCommonRuleSet' }),
      ],
    });
  });
});
