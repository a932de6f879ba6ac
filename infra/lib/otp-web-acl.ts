import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** What the `generateOtp` rate rule does past its limit: block, or let a browser prove itself. */
export const WAF_CHALLENGE_ACTIONS = ['NONE', 'CAPTCHA', 'CHALLENGE'] as const;

/** One of {@link WAF_CHALLENGE_ACTIONS}: `'NONE'` blocks, `'CAPTCHA'` asks for a puzzle, `'CHALLENGE'` runs a silent one. */
export type WafChallenge = (typeof WAF_CHALLENGE_ACTIONS)[number];

/** The operation that sends email, as it appears in a request body. */
const GENERATE_OTP_FIELD = 'generateOtp';

/** Properties of {@link OtpWebAcl}. */
export interface OtpWebAclProps {
  /** ARN of the AppSync API the web ACL protects. */
  readonly apiArn: string;
  /** Requests one client IP may make in any 5-minute window before it is blocked. */
  readonly requestsPer5Minutes: number;
  /** Requests naming `generateOtp` one client IP may make in any 5-minute window before `generateOtpChallenge` applies. */
  readonly generateOtpRequestsPer5Minutes: number;
  /** What happens to `generateOtp` requests past their limit (see {@link WafChallenge}). */
  readonly generateOtpChallenge: WafChallenge;
  /** Prefix of the CloudWatch metric names (letters, digits, `-`, `_`). */
  readonly metricPrefix: string;
}

/**
 * A REGIONAL AWS WAF v2 web ACL associated with an AppSync API: per-IP rate-based rules first (cheap, and they stop
 * floods before they reach the managed rules) — one for every request, a tighter one for requests that name
 * `generateOtp` (the only operation that sends email) — then the AWS managed common rule set. Everything else is
 * allowed.
 *
 * Complements, not replaces, the limits of the resolvers: WAF counts requests per IP, the resolvers count codes per
 * mailbox, per email domain and for the whole service, which is what holds against many IPs.
 */
export class OtpWebAcl extends Construct {
  /** The web ACL. */
  public readonly webAcl: wafv2.CfnWebACL;
  /** Its association with the API. */
  public readonly association: wafv2.CfnWebACLAssociation;

  constructor(scope: Construct, id: string, props: OtpWebAclProps) {
    super(scope, id);
    const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName: `${props.metricPrefix}-${name}`,
      // Sampled requests hold headers and URI, never the body, so no code can show up in them.
      sampledRequestsEnabled: true,
    });
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('web-acl'),
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.requestsPer5Minutes, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('rate-limit-per-ip'),
        },
        {
          name: 'GenerateOtpRateLimitPerIp',
          priority: 1,
          action: ruleAction(props.generateOtpChallenge),
          statement: {
            rateBasedStatement: {
              limit: props.generateOtpRequestsPer5Minutes,
              aggregateKeyType: 'IP',
              scopeDownStatement: generateOtpInBody(),
            },
          },
          visibilityConfig: visibility('generate-otp-rate-limit-per-ip'),
        },
        {
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 2,
          // Managed rule groups take an override action; `none` keeps the group's own block actions.
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
          visibilityConfig: visibility('common-rule-set'),
        },
      ],
    });
    this.association = new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.apiArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}

/**
 * Matches requests whose body contains `generateOtp`, the scope of the tighter rate rule.
 *
 * What it catches: the field name as sent, and written with JSON escapes (`\u0067enerateOtp` is `generateOtp` once
 * the body's JSON is parsed): JS_DECODE decodes `\uHHHH` before the match. GraphQL gives no other way to spell a
 * field name (names are single tokens, case-sensitive, without escapes), and aliases, fragments and variables do
 * not remove it from the document. Bodies past what AppSync hands WAF (8 KB) count as matches (`oversizeHandling:
 * MATCH`), so padding cannot push the name out of view; no request of this API comes near that size.
 *
 * What it does not catch, or over-counts: it is a substring match, so a body that merely mentions `generateOtp`
 * (say in a variable's value) counts too, and JS_DECODE keeps only the low byte of `\uHHHH` outside the full-width
 * range, so e.g. `\u0167enerateOtp` counts although AppSync reads another name: both err towards counting. It
 * counts per source IP, so requests spread over many IPs (or IPv6 addresses) stay under it: the resolvers' per-mailbox,
 * per-domain and global send budgets are what hold there.
 */
function generateOtpInBody(): wafv2.CfnWebACL.StatementProperty {
  return {
    byteMatchStatement: {
      fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
      positionalConstraint: 'CONTAINS',
      searchString: GENERATE_OTP_FIELD,
      textTransformations: [{ priority: 0, type: 'JS_DECODE' }],
    },
  };
}

/**
 * The rule action for a {@link WafChallenge}. With CAPTCHA or CHALLENGE a request carrying a valid WAF token goes
 * on as if counted (until the token's immunity time, 300 s by default, runs out), any other gets a 405 (CAPTCHA) or
 * 202 (CHALLENGE) with the puzzle page only when it accepts `text/html`: only a browser can get through.
 */
function ruleAction(challenge: WafChallenge): wafv2.CfnWebACL.RuleActionProperty {
  switch (challenge) {
    case 'CAPTCHA':
      return { captcha: {} };
    case 'CHALLENGE':
      return { challenge: {} };
    case 'NONE':
      return { block: {} };
  }
}
