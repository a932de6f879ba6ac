import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Properties of {@link OtpWebAcl}. */
export interface OtpWebAclProps {
  /** ARN of the AppSync API the web ACL protects. */
  readonly apiArn: string;
  /** Requests one client IP may make in any 5-minute window before it is blocked. */
  readonly requestsPer5Minutes: number;
  /** Prefix of the CloudWatch metric names (letters, digits, `-`, `_`). */
  readonly metricPrefix: string;
}

/**
 * A REGIONAL AWS WAF v2 web ACL associated with an AppSync API: a per-IP rate-based rule first (cheap, and it stops
 * floods before they reach the managed rules), then the AWS managed common rule set. Everything else is allowed.
 *
 * Complements, not replaces, the per-address send limits of the resolvers: WAF counts requests per IP, the resolvers
 * count codes per email address.
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
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 1,
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
