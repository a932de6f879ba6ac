import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtpStack } from './otp-stack.ts';

/** Synthesis bundles code: ~5 s on an idle machine, much longer on a busy one. */
const SYNTH_TIMEOUT_MS = 300_000;

// Synthesizing bundles the Lambda and the resolvers (seconds), so it happens once for the whole file.
let template: Template;
let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'otp-stack-test-'));
  const app = new App({ outdir: join(workDir, 'cdk.out') });
  const stack = new OtpStack(app, 'OtpService', { resolverBundleDir: join(workDir, 'resolvers') });
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

  it('generates a 64-character HMAC key without punctuation', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
  });
});

describe('OtpStack API', () => {
  it('uses API key by default and IAM as additional mode, with query limits', () => {
    template.resourceCountIs('AWS::AppSync::GraphQLApi', 1);
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'API_KEY',
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }],
      QueryDepthLimit: 5,
      ResolverCountLimit: 20,
    });
    template.resourceCountIs('AWS::AppSync::ApiKey', 1);
  });

  it('passes configuration and the secret (dynamic reference) as environment variables', () => {
    const variables = onlyResource('AWS::AppSync::GraphQLApi').EnvironmentVariables as Record<string, unknown>;
    expect(variables).toMatchObject({
      OTP_TTL_SECONDS: '300',
      OTP_MAX_ATTEMPTS: '5',
      OTP_RETENTION_SECONDS: '86400',
      OTP_CODE_LENGTH: '6',
      OTP_MAX_CODES_PER_WINDOW: '5',
      OTP_RATE_WINDOW_SECONDS: '900',
      OTP_RESEND_COOLDOWN_SECONDS: '30',
      TABLE_NAME: { Ref: expect.stringMatching(/Table/) },
    });
    expect(JSON.stringify(variables.OTP_HMAC_SECRET)).toMatch(/\{\{resolve:secretsmanager:.*:SecretString:::\}\}/);
  });

  it('deploys schema.graphql', () => {
    const schema = onlyResource('AWS::AppSync::GraphQLSchema');
    expect(schema.Definition).toContain('generateOtp(email: AWSEmail!)');
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
    template.resourceCountIs('AWS::Lambda::Function', 2);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 10,
      Handler: 'index.handler',
      Environment: {
        Variables: Match.objectLike({
          SENDER_EMAIL: 'no-reply@example.com',
          EMAIL_SUBJECT: 'Your verification code',
          OTP_CODE_LENGTH: '6',
          OTP_TTL_SECONDS: '300',
          TABLE_NAME: { Ref: Match.stringLikeRegexp('Table') },
          OTP_HMAC_SECRET: Match.anyValue(),
          POWERTOOLS_SERVICE_NAME: 'otp-email',
          POWERTOOLS_LOG_LEVEL: 'INFO',
        }),
      },
    });
  });

  it('is fed INSERTs of SESSION# items in batches of 10 with bisect, 5 retries, partial failures and a DLQ', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    expect(streamFiltersOf('SendOtpEmailFunction', /^OtpEmailDeadLetterQueue/)).toEqual([
      { eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'SESSION#' }] } } } },
    ]);
  });

  it('sends failures of each function to its own encrypted queue that keeps them 14 days', () => {
    template.resourceCountIs('AWS::SQS::Queue', 2);
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
          NewImage: { status: { S: ['VERIFIED'] } },
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

  it('resolves publishOtpVerified on a NONE data source, which the subscription needs no resolver for', () => {
    template.hasResourceProperties('AWS::AppSync::DataSource', { Type: 'NONE' });
    const [none] = Object.values(template.findResources('AWS::AppSync::DataSource', { Properties: { Type: 'NONE' } }));
    template.hasResourceProperties('AWS::AppSync::Resolver', {
      TypeName: 'Mutation',
      FieldName: 'publishOtpVerified',
      Kind: 'UNIT',
      DataSourceName: (none?.Properties as { Name: string }).Name,
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

/** Statements of the IAM policies attached to the role whose logical id contains `roleName`. */
function policyStatementsOf(roleName: string): { Action: string | string[]; Resource: unknown }[] {
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp(roleName) }] } });
  return Object.values(policies).flatMap(
    (policy) => (policy.Properties as { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } }).PolicyDocument.Statement,
  );
}

describe('OtpStack protection and observability', () => {
  it('puts a REGIONAL WAF web ACL with a 1000-per-IP rate rule, then the AWS common rule set, in front of the API', () => {
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
          Name: 'AWSManagedRulesCommonRuleSet',
          Priority: 1,
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
    for (const name of ['SendOtpEmailFunction', 'PublishVerificationEventFunction']) {
      const logGroup = (functionResource(name).LoggingConfig as { LogGroup: unknown }).LogGroup;
      expect(logGroup).toEqual({ Ref: expect.stringMatching(/LogGroup/) });
    }
    template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 3);
    template.resourceCountIs('Custom::LogRetention', 0);
  });

  it('alarms as soon as either dead-letter queue holds a message', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    for (const queue of ['OtpEmailDeadLetterQueue', 'OtpVerificationEventDeadLetterQueue']) {
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
  type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
  const statements = (): Statement[] =>
    Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => (policy.Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement,
    );
  const actionsOf = (statement: Statement): string[] => [statement.Action].flat();
  const functionStatements = (): Statement[] => {
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('SendOtpEmailFunctionServiceRole') }] },
    });
    return Object.values(policies).flatMap(
      (policy) => (policy.Properties as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement,
    );
  };

  it('never grants SES or DynamoDB writes on *', () => {
    const writes = /^(ses:Send|dynamodb:(Put|Update|Delete|BatchWrite|TransactWrite))/;
    for (const statement of statements()) {
      if (!actionsOf(statement).some((action) => writes.test(action))) continue;
      expect([statement.Resource].flat()).not.toContain('*');
    }
  });

  it('lets the function send only as the sender identity (address or domain)', () => {
    const ses = functionStatements().filter((statement) => actionsOf(statement).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect(actionsOf(ses[0] as Statement).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    const resources = JSON.stringify((ses[0] as Statement).Resource);
    expect(resources).toContain(':identity/no-reply@example.com');
    expect(resources).toContain(':identity/example.com');
    expect([(ses[0] as Statement).Resource].flat()).toHaveLength(2);
  });

  it('lets the function write the table with UpdateItem only and never read the secret', () => {
    const dynamoActions = functionStatements()
      .flatMap(actionsOf)
      .filter((action) => action.startsWith('dynamodb:'));
    expect(dynamoActions.filter((action) => !/^dynamodb:(ListStreams|DescribeStream|GetRecords|GetShardIterator)$/.test(action))).toEqual([
      'dynamodb:UpdateItem',
    ]);
    expect(functionStatements().flatMap(actionsOf).some((action) => action.startsWith('secretsmanager:'))).toBe(false);
  });
});

describe('OtpStack outputs', () => {
  it('exports what clients need', () => {
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs).sort()).toEqual(['ApiKeyId', 'CodeLength', 'DlqUrl', 'GraphqlUrl', 'RealtimeUrl', 'Region', 'TableName']);
    template.hasOutput('CodeLength', { Value: '6' });
    template.hasOutput('GraphqlUrl', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'GraphQLUrl'] } });
    template.hasOutput('RealtimeUrl', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'RealtimeUrl'] } });
    template.hasOutput('ApiKeyId', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'ApiKey'] } });
    template.hasOutput('Region', { Value: { Ref: 'AWS::Region' } });
  });
});
