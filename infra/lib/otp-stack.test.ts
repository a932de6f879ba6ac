import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtpStack } from './otp-stack.ts';
import { testApp } from './test-app.ts';

/** Synthesis bundles code: ~5 s on an idle machine, much longer on a busy one. */
const SYNTH_TIMEOUT_MS = 300_000;

// Synthesizing bundles the Lambda and the resolvers (seconds), so it happens once for the whole file.
let template: Template;
let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'otp-stack-test-'));
  const app = testApp({ outdir: join(workDir, 'cdk.out') });
  const stack = new OtpStack(app, 'OtpService');
  template = Template.fromStack(stack);
}, SYNTH_TIMEOUT_MS);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

/** The resource's properties, for checks Match cannot express. */
function onlyResource(type: string): Record<string, unknown> {
  const resources = Object.values(template.findResources(type));
  expect(resources).toHaveLength(1);
  return (resources[0] as { Properties: Record<string, unknown> }).Properties;
}

describe('OtpStack table', () => {
  it('has one pay-per-request table keyed by pk with TTL on expiresAt, NEW_AND_OLD_IMAGES stream, PITR, retained', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      }),
    });
  });

  it('keeps no secret: the code MAC key is in KMS (infra/lib/code-mac-key.test.ts)', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
  });
});

describe('OtpStack API', () => {
  it('uses API key by default, IAM and the sign-in pool (step-up) as additional modes, with query limits', () => {
    template.resourceCountIs('AWS::AppSync::GraphQLApi', 1);
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'API_KEY',
      AdditionalAuthenticationProviders: [
        { AuthenticationType: 'AWS_IAM' },
        { AuthenticationType: 'AMAZON_COGNITO_USER_POOLS', UserPoolConfig: Match.objectLike({ UserPoolId: Match.anyValue() }) },
      ],
      QueryDepthLimit: 5,
      // One resolver per request: a second, aliased generateOtp in the same request is refused.
      ResolverCountLimit: 1,
    });
    template.resourceCountIs('AWS::AppSync::ApiKey', 1);
  });

  it('passes configuration (and no secret) as environment variables', () => {
    const variables = onlyResource('AWS::AppSync::GraphQLApi').EnvironmentVariables as Record<string, unknown>;
    expect(variables).toMatchObject({
      OTP_TTL_SECONDS: '300',
      OTP_MAX_ATTEMPTS: '5',
      OTP_RETENTION_SECONDS: '86400',
      OTP_CODE_LENGTH: '6',
      OTP_MAX_CODES_PER_WINDOW: '5',
      OTP_RATE_WINDOW_SECONDS: '900',
      OTP_RESEND_COOLDOWN_SECONDS: '30',
      OTP_FAILURE_BUDGET: '20',
      OTP_FAILURE_WINDOW_SECONDS: '86400',
      OTP_LOCKOUT_SECONDS: '900',
      OTP_MAX_LOCKOUT_SECONDS: '86400',
      OTP_GLOBAL_SENDS_PER_MINUTE: '300',
      OTP_DOMAIN_SENDS_PER_MINUTE: '100',
      TABLE_NAME: { Ref: expect.stringMatching(/Table/) },
      // The publisher's own role, so publishOtpVerified can refuse every other IAM caller.
      OTP_PUBLISHER_ROLE_ARN: { 'Fn::GetAtt': [expect.stringMatching(/^OtpPublishVerificationEventFunctionServiceRole/), 'Arn'] },
    });
    expect(variables).not.toHaveProperty('OTP_HMAC_SECRET');
  });

  it('deploys schema.graphql', () => {
    const schema = onlyResource('AWS::AppSync::GraphQLSchema');
    expect(schema.Definition).toContain('generateOtp(email: AWSEmail, locale: String, audience: String)');
  });

  it('has unit resolvers for generateOtp and verification and a pipeline for verifyOtp, all APPSYNC_JS', () => {
    const runtime = { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' };
    template.hasResourceProperties('AWS::AppSync::DataSource', { Type: 'AMAZON_DYNAMODB' });
    template.hasResourceProperties('AWS::AppSync::Resolver', {
      TypeName: 'Mutation',
      FieldName: 'generateOtp',
      Kind: 'UNIT',
      DataSourceName: Match.anyValue(),
      Runtime: runtime,
      CodeS3Location: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::AppSync::Resolver', {
      TypeName: 'Query',
      FieldName: 'verification',
      Kind: 'UNIT',
      Runtime: runtime,
    });
    template.hasResourceProperties('AWS::AppSync::Resolver', {
      TypeName: 'Mutation',
      FieldName: 'verifyOtp',
      Kind: 'PIPELINE',
      Runtime: runtime,
      PipelineConfig: { Functions: Match.arrayWith([{ 'Fn::GetAtt': [Match.anyValue(), 'FunctionId'] }]) },
    });
    const functions = Object.values(template.findResources('AWS::AppSync::FunctionConfiguration'));
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: runtime, DataSourceName: expect.anything() });
    }
    const pipeline = Object.values(template.findResources('AWS::AppSync::Resolver', { Properties: { Kind: 'PIPELINE' } }));
    expect((pipeline[0]?.Properties as { PipelineConfig: { Functions: unknown[] } }).PipelineConfig.Functions).toHaveLength(
      functions.length,
    );
  });
});

describe('OtpStack email function', () => {
  it('runs Node 22 on ARM64 with 256 MB, 10 s and the documented environment', () => {
    // The email and SMS functions, the verification-event publisher, the JWKS function, the SES feedback function and
    // the sign-in factor's three Cognito triggers.
    template.resourceCountIs('AWS::Lambda::Function', 8);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 10,
      Handler: 'index.handler',
      Environment: {
        Variables: Match.objectLike({
          SENDER_EMAIL: 'no-reply@example.com',
          OTP_BRAND: JSON.stringify({ appName: 'OTP', color: '#1d4ed8' }),
          OTP_CODE_LENGTH: '6',
          OTP_TTL_SECONDS: '300',
          TABLE_NAME: { Ref: Match.stringLikeRegexp('Table') },
          OTP_CODE_MAC_KEY_ARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('CodeMacKey'), 'Arn'] },
          POWERTOOLS_SERVICE_NAME: 'otp-email',
          POWERTOOLS_LOG_LEVEL: 'INFO',
        }),
      },
    });
  });

  it('is fed INSERTs of SESSION# items in batches of 10 with bisect, 5 retries, partial failures and a DLQ', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 3);
    // Sessions without a channel (every email session, also those written before SMS existed) or EMAIL; SMS ones go to the SMS function.
    expect(streamFiltersOf('SendOtpEmailFunction', /^OtpEmailDeadLetterQueue/)).toEqual([
      { eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'SESSION#' }] } }, NewImage: { channel: { S: [{ exists: false }, 'EMAIL'] } } } },
    ]);
    expect(streamFiltersOf('SendOtpSmsFunction', /^OtpSmsDeadLetterQueue/)).toEqual([
      { eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'SESSION#' }] } }, NewImage: { channel: { S: ['SMS'] } } } },
    ]);
  });

  it('never emails a code older than its TTL: records older than the TTL go to the DLQ unprocessed', () => {
    expect(mappingOf('SendOtpEmailFunction').MaximumRecordAgeInSeconds).toBe(300);
    // The publisher still gets every verification, however late.
    expect(mappingOf('PublishVerificationEventFunction').MaximumRecordAgeInSeconds).toBeUndefined();
  });

  it('sends failures of each function to its own encrypted queue that keeps them 14 days', () => {
    template.resourceCountIs('AWS::SQS::Queue', 4);
    const queues = Object.values(template.findResources('AWS::SQS::Queue'));
    for (const queue of queues) expect(queue.Properties).toMatchObject({ MessageRetentionPeriod: 1_209_600, SqsManagedSseEnabled: true });
  });
});

describe('OtpStack verification-event publisher', () => {
  it("runs Node 22 on ARM64 with the API's GraphQL URL and no table or secret in its environment", () => {
    const fn = functionResource('PublishVerificationEventFunction');
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler', Timeout: 15 });
    const variables = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.GRAPHQL_URL).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^OtpApi/), 'GraphQLUrl'] });
    expect(variables.POWERTOOLS_SERVICE_NAME).toBe('otp-verification-events');
    expect(Object.keys(variables)).not.toContain('OTP_HMAC_SECRET');
    expect(Object.keys(variables)).not.toContain('TABLE_NAME');
  });

  it('is fed PENDING → VERIFIED modifications of SESSION# items with bisect, 5 retries, partial failures and its DLQ', () => {
    expect(streamFiltersOf('PublishVerificationEventFunction', /^OtpVerificationEventDeadLetterQueue/)).toEqual([
      {
        eventName: ['MODIFY'],
        dynamodb: {
          Keys: { pk: { S: [{ prefix: 'SESSION#' }] } },
          // Not sign-in sessions (the Cognito factor's): those are the sign-in's business.
          NewImage: { status: { S: ['VERIFIED'] }, purpose: { S: [{ exists: false }] } },
          OldImage: { status: { S: ['PENDING'] } },
        },
      },
    ]);
  });

  it('may call appsync:GraphQL on Mutation.publishOtpVerified only, and nothing on the table or the secret', () => {
    const statements = policyStatementsOf('PublishVerificationEventFunctionServiceRole');
    const ownActions = statements.flatMap((statement) => [statement.Action].flat());
    expect(ownActions.filter((action) => !/^dynamodb:(ListStreams|DescribeStream|GetRecords|GetShardIterator)$/.test(action)).sort()).toEqual([
      'appsync:GraphQL',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
    const appsync = statements.find((statement) => [statement.Action].flat().includes('appsync:GraphQL'));
    // arn:<partition>:appsync:<region>:<account>:apis/<apiId>/types/Mutation/fields/publishOtpVerified
    expect(appsync?.Resource).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':appsync:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':apis/',
          { 'Fn::GetAtt': [expect.stringMatching(/^OtpApi/), 'ApiId'] },
          '/types/Mutation/fields/publishOtpVerified',
        ],
      ],
    });
  });

  it('resolves publishOtpVerified on the table (it reads the session), and the subscription needs no resolver', () => {
    // The table, and KMS (verifyOtp's code check and token signature).
    template.resourceCountIs('AWS::AppSync::DataSource', 2);
    const table = Object.values(template.findResources('AWS::AppSync::DataSource', { Properties: { Type: 'AMAZON_DYNAMODB' } }))[0]
      ?.Properties as Record<string, unknown>;
    expect(table.Type).toBe('AMAZON_DYNAMODB');
    template.hasResourceProperties('AWS::AppSync::Resolver', {
      TypeName: 'Mutation',
      FieldName: 'publishOtpVerified',
      Kind: 'UNIT',
      DataSourceName: table.Name,
    });
    expect(Object.values(template.findResources('AWS::AppSync::Resolver', { Properties: { TypeName: 'Subscription' } }))).toHaveLength(0);
  });
});

/** The properties of the Lambda function whose logical id contains `name`. */
function functionResource(name: string): Record<string, unknown> {
  const entry = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) => id.includes(name));
  if (!entry) throw new Error(`no function ${name}`);
  return (entry[1] as { Properties: Record<string, unknown> }).Properties;
}

/**
 * Checks the settings every stream mapping shares (table stream from the start, batches of 10, bisect, 5 retries,
 * partial batch failures, failures to the queue whose logical id matches `deadLetterQueue`) and returns its filters.
 */
function streamFiltersOf(name: string, deadLetterQueue: RegExp): unknown[] {
  const mapping = mappingOf(name);
  expect(mapping).toMatchObject({
    StartingPosition: 'TRIM_HORIZON',
    BatchSize: 10,
    BisectBatchOnFunctionError: true,
    MaximumRetryAttempts: 5,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    EventSourceArn: { 'Fn::GetAtt': [expect.stringMatching(/Table/), 'StreamArn'] },
    DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.stringMatching(deadLetterQueue), 'Arn'] } } },
  });
  const filters = (mapping.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
  return filters.map((filter) => JSON.parse(filter.Pattern) as unknown);
}

/** The event source mapping of the function whose logical id contains `name`. */
function mappingOf(name: string): Record<string, unknown> {
  const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).map(
    (mapping) => (mapping as { Properties: Record<string, unknown> }).Properties,
  );
  const found = mappings.find((mapping) => JSON.stringify(mapping.FunctionName).includes(name));
  if (!found) throw new Error(`no event source mapping for ${name}`);
  return found;
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/**
 * Statements of every policy attached to the role whose logical id contains `roleName`: its AWS::IAM::Policy
 * resources and its inline policies. Managed policies are checked to be absent (they could grant anything).
 */
function policyStatementsOf(roleName: string): Statement[] {
  const roles = Object.entries(template.findResources('AWS::IAM::Role')).filter(([id]) => id.includes(roleName));
  expect(roles).toHaveLength(1);
  const [roleId, role] = roles[0] as [string, { Properties: { Policies?: { PolicyDocument: { Statement: Statement[] } }[]; ManagedPolicyArns?: unknown[] } }];
  const attached = Object.values(template.findResources('AWS::IAM::Policy'))
    .map((policy) => policy.Properties as { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } })
    .filter((policy) => policy.Roles.some((ref) => JSON.stringify(ref) === JSON.stringify({ Ref: roleId })));
  const inline = role.Properties.Policies ?? [];
  return [...attached, ...inline].flatMap((policy) => policy.PolicyDocument.Statement);
}

const actionsOf = (statement: Statement): string[] => [statement.Action].flat();

describe('OtpStack protection and observability', () => {
  it('puts a REGIONAL WAF web ACL with a 1000-per-IP rate rule, a 100-per-IP generateOtp rule, then the AWS common rule set, in front of the API', () => {
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
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
          Statement: {
            RateBasedStatement: {
              Limit: 100,
              AggregateKeyType: 'IP',
              ScopeDownStatement: {
                ByteMatchStatement: Match.objectLike({
                  SearchString: 'generateOtp',
                  FieldToMatch: { Body: { OversizeHandling: 'MATCH' } },
                  TextTransformations: [{ Priority: 0, Type: 'JS_DECODE' }],
                }),
              },
            },
          },
        }),
        Match.objectLike({
          Name: 'AWSManagedRulesCommonRuleSet',
          Priority: 2,
          OverrideAction: { None: {} },
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } },
        }),
      ],
    });
    const association = onlyResource('AWS::WAFv2::WebACLAssociation');
    expect(association.ResourceArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^OtpApi/), 'Arn'] });
    expect(association.WebACLArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/WebAcl/), 'Arn'] });
  });

  it('logs API errors only, without verbose content, through a role that may write its own log group', () => {
    const api = onlyResource('AWS::AppSync::GraphQLApi');
    expect(api).toMatchObject({
      XrayEnabled: true,
      LogConfig: {
        FieldLogLevel: 'ERROR',
        ExcludeVerboseContent: true,
        CloudWatchLogsRoleArn: { 'Fn::GetAtt': [expect.stringMatching(/ApiLogRole/), 'Arn'] },
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/appsync/apis/', { 'Fn::GetAtt': [Match.stringLikeRegexp('^OtpApi'), 'ApiId'] }]] },
      RetentionInDays: 30,
    });
    const actions = policyStatementsOf('ApiLogRole').flatMap((statement) => [statement.Action].flat());
    expect(actions.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
  });

  it('gives each function its own log group with a 30-day retention and no log-retention custom resource', () => {
    for (const name of ['SendOtpEmailFunction', 'SendOtpSmsFunction', 'PublishVerificationEventFunction', 'JwksFunction', 'SesFeedbackFunction']) {
      const logGroup = (functionResource(name).LoggingConfig as { LogGroup: unknown }).LogGroup;
      expect(logGroup).toEqual({ Ref: expect.stringMatching(/LogGroup/) });
    }
    // The API's, the five functions' and the three sign-in triggers'.
    template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 9);
    template.resourceCountIs('Custom::LogRetention', 0);
  });

  it('alarms as soon as either dead-letter queue holds a message', () => {
    // The four dead-letter queues, the SMS spend (otp-service-sms.test.ts), SES bounce and complaint rates (ses-feedback.test.ts).
    template.resourceCountIs('AWS::CloudWatch::Alarm', 7);
    for (const queue of ['OtpEmailDeadLetterQueue', 'OtpSmsDeadLetterQueue', 'OtpVerificationEventDeadLetterQueue', 'OtpSesFeedbackDeadLetterQueue']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${queue}`), 'QueueName'] } }],
        Statistic: 'Maximum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      });
    }
    // No topic given: nobody to notify.
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect((alarm.Properties as { AlarmActions?: unknown }).AlarmActions).toBeUndefined();
    }
  });
});

describe('OtpStack IAM', () => {
  const statements = (): Statement[] =>
    Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => (policy.Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement,
    );
  const isStreamRead = (action: string): boolean => /^dynamodb:(ListStreams|DescribeStream|GetRecords|GetShardIterator)$/.test(action);
  const tableArn = { 'Fn::GetAtt': [expect.stringMatching(/^OtpTable/), 'Arn'] };

  it('never grants SES or DynamoDB writes on *', () => {
    const writes = /^(ses:Send|dynamodb:(Put|Update|Delete|BatchWrite|TransactWrite))/;
    for (const statement of statements()) {
      if (!actionsOf(statement).some((action) => writes.test(action))) continue;
      expect([statement.Resource].flat()).not.toContain('*');
    }
  });

  it("gives the API's data source a role of its own, allowed item reads and writes on the table and nothing else", () => {
    const [dataSource] = Object.values(template.findResources('AWS::AppSync::DataSource'));
    expect((dataSource?.Properties as { ServiceRoleArn: unknown }).ServiceRoleArn).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^OtpTableDataSourceRole/), 'Arn'],
    });
    const [role] = Object.entries(template.findResources('AWS::IAM::Role')).filter(([id]) => id.startsWith('OtpTableDataSourceRole'));
    expect(role?.[1].Properties).toMatchObject({
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Principal: { Service: 'appsync.amazonaws.com' } }] },
    });
    // No managed policy: it could grant anything.
    expect(role?.[1].Properties.ManagedPolicyArns).toBeUndefined();
    const granted = policyStatementsOf('OtpTableDataSourceRole');
    expect(granted).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
        Resource: tableArn,
      },
    ]);
  });

  it('lets the email function send only SendEmail, only from the sender address, as its identity (address or domain), through its configuration set', () => {
    const ses = policyStatementsOf('SendOtpEmailFunctionServiceRole').filter((statement) =>
      actionsOf(statement).some((a) => a.startsWith('ses:')),
    );
    expect(ses).toHaveLength(1);
    const [statement] = ses as [Statement];
    expect(actionsOf(statement)).toEqual(['ses:SendEmail']);
    expect(statement.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'no-reply@example.com' } });
    const resources = JSON.stringify(statement.Resource);
    expect(resources).toContain(':identity/no-reply@example.com');
    expect(resources).toContain(':identity/example.com');
    expect(resources).toMatch(/:configuration-set\/.*SesFeedbackConfigurationSet/);
    expect([statement.Resource].flat()).toHaveLength(3);
  });

  it('lets the email function UpdateItem session items, on the key, the attributes it writes and status only, never read the secret', () => {
    const own = policyStatementsOf('SendOtpEmailFunctionServiceRole');
    const dynamo = own.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:') && !isStreamRead(action)));
    expect(dynamo).toEqual([
      {
        Effect: 'Allow',
        Action: 'dynamodb:UpdateItem',
        Resource: tableArn,
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SESSION#*'] },
          'ForAllValues:StringEquals': {
            // status: read by the condition of the code store (DynamoDB counts condition reads), never written.
            'dynamodb:Attributes': ['pk', 'codes', 'emailedAt', 'undeliverableAt', 'undeliverableReason'],
          },
          StringEquals: { 'dynamodb:ReturnValues': ['NONE', 'UPDATED_OLD', 'UPDATED_NEW'] },
        },
      },
      // Deliverability: whether the mailbox is suppressed (the key and its expiry only).
      {
        Effect: 'Allow',
        Action: 'dynamodb:GetItem',
        Resource: tableArn,
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SUPPRESSED#*'] },
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'expiresAt'] },
        },
      },
    ]);
    expect(own.flatMap(actionsOf).some((action) => action.startsWith('secretsmanager:'))).toBe(false);
  });
});

describe('OtpStack context', () => {
  // An invalid value that the construct refuses proves the key is read; refusing comes before any bundling.
  it.each([
    ['failureBudget', '101', /failureBudget/],
    ['failureWindowSeconds', '30', /failureWindow/],
    ['lockoutSeconds', '30', /lockout/],
    ['maxLockoutSeconds', '60', /maxLockout/],
    ['globalSendsPerMinute', '0', /globalSendsPerMinute/],
    ['domainSendsPerMinute', '301', /domainSendsPerMinute/],
    ['wafGenerateOtpRequestsPer5Minutes', '5', /wafGenerateOtpRequestsPer5Minutes/],
    ['wafChallenge', 'BLOCK', /wafChallenge/],
    ['codeLength', '4', /codeLength/],
    ['allowedAudiences', 'https://shop.example,bad\u0007audience', /allowedAudiences/],
  ])('reads %s', (key, value, message) => {
    const app = testApp({ context: { [key]: value } });
    expect(() => new OtpStack(app, 'OtpService')).toThrow(message);
  });
});

describe('OtpStack context lists', () => {
  it('reads allowedAudiences as a comma-separated list into the API environment', () => {
    const app = testApp({ context: { allowedAudiences: 'https://shop.example, https://admin.example' } });
    const variables = Object.values(Template.fromStack(new OtpStack(app, 'OtpService')).findResources('AWS::AppSync::GraphQLApi'))[0]?.Properties
      ?.EnvironmentVariables as Record<string, unknown>;
    expect(variables.OTP_ALLOWED_AUDIENCES).toBe('https://shop.example,https://admin.example');
  });
});

describe('OtpStack outputs', () => {
  it('exports what clients need', () => {
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs).sort()).toEqual([
      'ApiKeyId',
      'CodeLength',
      'CodeMacKeyArn',
      'DefaultAudience',
      'DlqUrl',
      'GraphqlUrl',
      'JwksUrl',
      'RealtimeUrl',
      'Region',
      'SignInFlow',
      'TableName',
      'TokenSigningKeyArn',
      'UserPoolClientId',
      'UserPoolId',
    ]);
    template.hasOutput('JwksUrl', { Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('JwksFunctionFunctionUrl'), 'FunctionUrl'] } });
    template.hasOutput('CodeLength', { Value: '6' });
    template.hasOutput('GraphqlUrl', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'GraphQLUrl'] } });
    template.hasOutput('RealtimeUrl', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'RealtimeUrl'] } });
    template.hasOutput('ApiKeyId', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'ApiKey'] } });
    template.hasOutput('Region', { Value: { Ref: 'AWS::Region' } });
  });
});
