/**
 * The description of a stack that the local engine runs. It is derived from the CDK app's synthesized
 * CloudFormation template (local/template/), never written by hand, so the local stack and the deployed one
 * cannot drift. Every intrinsic (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, dynamic references) is already resolved
 * to a local value here.
 */

export type AuthMode = 'API_KEY' | 'AWS_IAM' | 'AMAZON_COGNITO_USER_POOLS' | 'OPENID_CONNECT' | 'AWS_LAMBDA';

export interface StackDescription {
  /** The CloudFormation stack name, used to name local resources. */
  stackName: string;
  apis: ApiConfig[];
  tables: TableConfig[];
  functions: LambdaFunctionConfig[];
  eventSourceMappings: EventSourceMappingConfig[];
  /** Where each failed stream batch's invocation record goes, by the destination's logical id (SQS queue on AWS). */
  queues: QueueConfig[];
  /**
   * Lambda functions of the template that the local stack does not run, each with the reason: deploy-time-only
   * functions (custom resources and CDK's helpers) and functions of a runtime it cannot run that nothing local invokes.
   */
  skippedFunctions?: SkippedFunctionConfig[];
  /** The template's AWS::KMS::Key resources with their aliases: the keys the local KMS holds (services/kms-local/). */
  kmsKeys?: KmsKeyConfig[];
  /** The template's AWS::Lambda::Url resources: each served on a port of its own (function-urls/). */
  functionUrls?: FunctionUrlConfig[];
  /**
   * The template's Outputs with their local values (Fn::GetAtt of a Function URL is its local URL, and so on), by
   * output name. Outputs that cannot be evaluated locally, or whose Condition fails, are left out.
   */
  outputs?: Record<string, string>;
  /** The template's AWS::Cognito::UserPool resources with their clients: the pools the local Cognito serves (services/cognito-local/). */
  userPools?: UserPoolConfig[];
  /** The template's AWS::SNS::Topic resources with their subscriptions: topics the local SNS serves (services/sns-local/). */
  snsTopics?: SnsTopicConfig[];
  /** The template's AWS::SES::ConfigurationSet resources with their event destinations (services/ses-events/). */
  sesConfigurationSets?: SesConfigurationSetConfig[];
}

export interface ApiConfig {
  logicalId: string;
  name: string;
  /** The schema SDL exactly as deployed (without AppSync's built-in scalars and directives). */
  schema: string;
  defaultAuth: AuthMode;
  additionalAuth: AuthMode[];
  /**
   * Settings of the token modes (OPENID_CONNECT, AMAZON_COGNITO_USER_POOLS, AWS_LAMBDA): the default mode's first,
   * then each additional provider's, in template order (an API may have several OIDC providers and user pools).
   * Absent or empty: requests in those modes are refused (401).
   */
  authProviders?: AuthProviderConfig[];
  /** API keys; `id` is the key value clients send in `x-api-key`. */
  apiKeys: ApiKeyConfig[];
  /** AppSync environment variables, visible to resolvers as `ctx.env`. */
  environmentVariables: Record<string, string>;
  /** GraphqlApi QueryDepthLimit (0 or absent: no limit). */
  queryDepthLimit?: number;
  /** GraphqlApi ResolverCountLimit (0 or absent: AppSync's default of 10,000). */
  resolverCountLimit?: number;
  dataSources: Record<string, DataSourceConfig>;
  resolvers: ResolverConfig[];
  /** Pipeline functions by their FunctionId as the template's resolvers reference them (the logical id). */
  functions: Record<string, AppSyncFunctionConfig>;
}

/** OpenIDConnectConfig of the default mode or of an additional provider. */
export interface OidcProviderConfig {
  type: 'OPENID_CONNECT';
  /** Issuer: must equal the token's `iss` and the discovery document's `issuer`. */
  issuer: string;
  /** ClientId, a regular expression matched against `aud` (ID tokens) or `client_id` (access tokens). */
  clientId?: string;
  /** IatTTL: milliseconds a token stays valid after `iat` (absent or 0: no limit). */
  iatTtlMs?: number;
  /** AuthTTL: milliseconds a token stays valid after `auth_time` (absent or 0: no limit). */
  authTtlMs?: number;
}

/** UserPoolConfig (default mode) or CognitoUserPoolConfig (additional provider). */
export interface UserPoolProviderConfig {
  type: 'AMAZON_COGNITO_USER_POOLS';
  userPoolId: string;
  /** AwsRegion (the stack's region when absent). */
  region: string;
  /** AppIdClientRegex: matched against `aud` (ID tokens) or `client_id` (access tokens); absent: any client. */
  appIdClientRegex?: string;
  /** DefaultAction, the default mode's only (CognitoUserPoolConfig has none): ALLOW when absent. */
  defaultAction?: 'ALLOW' | 'DENY';
}

/** LambdaAuthorizerConfig: the function found among the local stack's running functions by name. */
export interface LambdaAuthorizerProviderConfig {
  type: 'AWS_LAMBDA';
  /** The function's name (the ARN's function part), as local runners know it. */
  functionName: string;
  /** AuthorizerUri as the template resolves it. */
  functionArn: string;
  /** AuthorizerResultTtlInSeconds (absent: 0, no caching, as the AppSync API reference documents). */
  resultTtlSeconds?: number;
  /** IdentityValidationExpression: the whole token must match before the function is invoked. */
  identityValidationExpression?: string;
}

/** The settings of one token-based auth provider of an API. */
export type AuthProviderConfig = OidcProviderConfig | UserPoolProviderConfig | LambdaAuthorizerProviderConfig;

export interface ApiKeyConfig {
  logicalId: string;
  /** The key value (locally generated, `da2-` + 26 characters, stable for one run). */
  id: string;
  /** Expiry in epoch seconds; absent means AppSync's default (7 days from creation). */
  expires?: number;
}

export type DataSourceConfig =
  | { name: string; type: 'AMAZON_DYNAMODB'; tableName: string }
  | { name: string; type: 'NONE' }
  | LambdaDataSourceConfig
  | HttpDataSourceConfig
  | UnsupportedDataSourceConfig;

/**
 * Why a data source cannot run locally. Every field that needs it answers null and one GraphQL error with this
 * `errorType` and `message` (nothing of the field's resolver runs).
 */
export interface UnsupportedFeature {
  /** `UnsupportedDataSource`. */
  errorType: string;
  message: string;
}

/** An AWS_LAMBDA data source: the function it invokes, found among the local stack's running functions by name. */
export interface LambdaDataSourceConfig {
  name: string;
  type: 'AWS_LAMBDA';
  /** The function's name (FunctionName or logical id), as local runners know it. */
  functionName: string;
  /** LambdaConfig.LambdaFunctionArn as the template resolves (may carry a version or alias qualifier). */
  functionArn: string;
  /** Set when the function cannot run locally: not part of this stack, or a runtime the local stack cannot run. */
  unsupported?: UnsupportedFeature;
}

/**
 * An HTTP data source: requests go to `endpoint` + the request's resourcePath (appsync/data-sources/http-data-source.ts).
 */
export interface HttpDataSourceConfig {
  name: string;
  type: 'HTTP';
  /**
   * HttpConfig.Endpoint as the template resolves, e.g. `https://kms.us-east-1.amazonaws.com` (no trailing slash).
   * Absent only when it is an attribute the local stack has no value for (then `unsupported` is set).
   */
  endpoint?: string;
  /** HttpConfig.AuthorizationConfig AWS_IAM: AppSync signs each request with SigV4 for this region and service. */
  iamSigning?: { region: string; service: string };
  /** ServiceRoleArn: the role AppSync signs as (locally, the credentials the engine is given for it). */
  serviceRoleArn?: string;
  /**
   * Set when the data source cannot run locally: an AuthorizationConfig the engine cannot reproduce, or an endpoint
   * naming an attribute of a resource that has no local value.
   */
  unsupported?: UnsupportedFeature;
  /**
   * Set when the endpoint is a resource of this stack that does not run locally (an OpenSearch collection or domain,
   * an EventBridge resource…): its fields answer this error unless the engine's `httpDataSources.endpointOverrides`
   * sends the endpoint's origin to a local counterpart.
   */
  remoteEndpoint?: UnsupportedFeature;
}

/** The AppSync data source types the local engine loads but does not run. */
export type UnsupportedDataSourceType =
  | 'AMAZON_OPENSEARCH_SERVICE'
  | 'AMAZON_ELASTICSEARCH'
  | 'AMAZON_EVENTBRIDGE'
  | 'RELATIONAL_DATABASE'
  | 'AMAZON_BEDROCK_RUNTIME';

/** A data source of a type the local engine does not run: the API loads, fields that use it answer `unsupported`. */
export interface UnsupportedDataSourceConfig {
  name: string;
  type: UnsupportedDataSourceType;
  unsupported: UnsupportedFeature;
}

export interface ResolverConfig {
  typeName: string;
  fieldName: string;
  kind: 'UNIT' | 'PIPELINE';
  /** UNIT: the data source's name. */
  dataSource?: string;
  /** PIPELINE: function ids (keys of ApiConfig.functions) in order. */
  pipeline?: string[];
  /**
   * The APPSYNC_JS module source: one ES module exporting request and response. For a direct Lambda resolver (no code,
   * no mapping templates) it is AppSync's default request and response written as APPSYNC_JS; for a VTL resolver, what
   * a missing mapping template stands for (template/generated-code.ts).
   */
  code: string;
  /** Where the code was read from, for error messages and reloading. */
  codePath?: string;
  runtime: { name: 'APPSYNC_JS'; runtimeVersion: string };
  maxBatchSize?: number;
  /** Set for VTL resolvers: the mapping templates, which run instead of `code` (`code` answers for a missing one). */
  vtl?: VtlTemplatesConfig;
}

/**
 * A VTL resolver's or function's mapping templates (RequestMappingTemplate / ResponseMappingTemplate, inline or read
 * from their S3 file assets). The template version (2017-02-28, 2018-05-29) is the `version` the request renders.
 */
export interface VtlTemplatesConfig {
  request?: string;
  response?: string;
}

export interface AppSyncFunctionConfig {
  id: string;
  name: string;
  dataSource: string;
  /** As {@link ResolverConfig.code}. */
  code: string;
  codePath?: string;
  runtime: { name: 'APPSYNC_JS'; runtimeVersion: string };
  /** As {@link ResolverConfig.vtl}. */
  vtl?: VtlTemplatesConfig;
}

export interface TableConfig {
  logicalId: string;
  /** Local table name (the template's TableName, or the logical id when CloudFormation would generate one). */
  tableName: string;
  keySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  attributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  globalSecondaryIndexes?: unknown[];
  /** The TTL attribute name, when TimeToLiveSpecification is enabled. */
  ttlAttribute?: string;
  /** StreamSpecification.StreamViewType, when the table has a stream. */
  streamViewType?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
}

export interface LambdaFunctionConfig {
  logicalId: string;
  /** FunctionName, or the logical id. */
  name: string;
  /** e.g. `index.handler`: file (without extension) and export name inside codeDir (Python: module path and function). */
  handler: string;
  /** Absolute path of the bundled asset directory in the cloud assembly. */
  codeDir: string;
  /** Lambda's runtime identifier, `nodejs*` or `python3.*` (the only ones the local stack runs). */
  runtime: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memorySize: number;
  /**
   * The execution role's ARN (the template's `Role`). The function's credentials sign as this role's session named
   * after the function; without it they sign as nobody the engine knows.
   */
  roleArn?: string;
}

export interface EventSourceMappingConfig {
  logicalId: string;
  functionLogicalId: string;
  /** The table whose stream feeds the function. */
  tableLogicalId: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** -1: retry until the record expires (Lambda's default). */
  maximumRetryAttempts: number;
  maximumRecordAgeInSeconds: number;
  bisectBatchOnFunctionError: boolean;
  reportBatchItemFailures: boolean;
  /** FilterCriteria patterns (EventBridge syntax), each a JSON string; a record passes when any matches. */
  filterPatterns: string[];
  /** Logical id of the on-failure destination queue. */
  onFailureQueueLogicalId?: string;
  enabled: boolean;
}

export interface QueueConfig {
  logicalId: string;
  name: string;
}

/** A Lambda function of the template that the local stack does not run. */
export interface SkippedFunctionConfig {
  logicalId: string;
  name: string;
  /** The template's Runtime; absent for container images. */
  runtime?: string;
  /**
   * `deploy-time`: only CloudFormation custom resources (and what their handlers call) use it, at deploy time;
   * `unsupported-runtime`: a runtime the local stack cannot run, and no stream mapping invokes it (a data source that
   * does answers UnsupportedDataSource).
   */
  reason: 'deploy-time' | 'unsupported-runtime';
  /** What the reason rests on, e.g. `ServiceToken of Custom::Seed SeedData`. */
  detail: string;
}

/** An AWS::KMS::Key of the template and the AWS::KMS::Alias resources that name it (template/map-kms.ts). */
export interface KmsKeyConfig {
  logicalId: string;
  /** The key's Ref: a UUID derived from the stack name and logical id, the same in every run. */
  keyId: string;
  /** Fn::GetAtt Arn: `arn:aws:kms:<region>:<account>:key/<keyId>`. */
  arn: string;
  /** KeySpec (default SYMMETRIC_DEFAULT), e.g. HMAC_256, ECC_NIST_P256. */
  keySpec: string;
  /** KeyUsage (default ENCRYPT_DECRYPT), e.g. GENERATE_VERIFY_MAC, SIGN_VERIFY. */
  keyUsage: string;
  description?: string;
  /** Enabled (default true): a disabled key answers DisabledException. */
  enabled: boolean;
  /** AliasName of each AWS::KMS::Alias whose TargetKeyId is this key, e.g. `alias/otp-code`. */
  aliases: string[];
}

/** The Lambda triggers of a user pool the local Cognito runs (LambdaConfig), by Cognito's trigger name. */
export type UserPoolTriggerName =
  | 'PreSignUp'
  | 'PostConfirmation'
  | 'DefineAuthChallenge'
  | 'CreateAuthChallenge'
  | 'VerifyAuthChallengeResponse'
  | 'PreTokenGeneration';

/** An AWS::Cognito::UserPool of the template with its AWS::Cognito::UserPoolClient resources (template/map-cognito.ts). */
export interface UserPoolConfig {
  logicalId: string;
  /** The pool's Ref: `<region>_` + 9 characters derived from the stack name and logical id, the same in every run. */
  userPoolId: string;
  /** UserPoolName, or the logical id. */
  name: string;
  arn: string;
  /** UsernameAttributes: email and/or phone_number sign in as the username (the internal username is then a UUID). */
  usernameAttributes: ('email' | 'phone_number')[];
  /** AliasAttributes: email, phone_number, preferred_username sign in as aliases of the username once verified. */
  aliasAttributes: ('email' | 'phone_number' | 'preferred_username')[];
  /** AutoVerifiedAttributes: where SignUp sends the confirmation code. */
  autoVerifiedAttributes: ('email' | 'phone_number')[];
  /** UsernameConfiguration.CaseSensitive (true when absent, as the API defaults). */
  caseSensitive: boolean;
  /** Policies.PasswordPolicy with Cognito's defaults (8 characters, all four character classes, 7 days). */
  passwordPolicy: {
    minimumLength: number;
    requireLowercase: boolean;
    requireUppercase: boolean;
    requireNumbers: boolean;
    requireSymbols: boolean;
    temporaryPasswordValidityDays: number;
  };
  /** AdminCreateUserConfig.AllowAdminCreateUserOnly: SignUp is refused. */
  allowAdminCreateUserOnly: boolean;
  /** LambdaConfig's functions the local Cognito invokes, found among the running functions by name. */
  triggers: Partial<Record<UserPoolTriggerName, { functionName: string; functionArn: string }>>;
  /** AWS::Cognito::UserPoolGroup names of this pool (`cognito:groups`), with their users from UserPoolUserToGroupAttachment. */
  groups: { name: string; usernames: string[] }[];
  clients: UserPoolClientConfig[];
}

/** An AWS::Cognito::UserPoolClient. Durations are in seconds/minutes as named, after TokenValidityUnits. */
export interface UserPoolClientConfig {
  logicalId: string;
  /** The client's Ref: 26 lower-case letters and digits derived from the stack name and logical id. */
  clientId: string;
  /** ClientName, or the logical id. */
  name: string;
  /** GenerateSecret: the run's secret (Fn::GetAtt ClientSecret); requests must then carry SECRET_HASH. */
  clientSecret?: string;
  /** ExplicitAuthFlows in their ALLOW_ form; absent in the template: SRP, custom auth and refresh (Cognito's default). */
  explicitAuthFlows: string[];
  /** PreventUserExistenceErrors (LEGACY when absent, as the API defaults; the console's default is ENABLED). */
  preventUserExistenceErrors: 'ENABLED' | 'LEGACY';
  accessTokenValiditySeconds: number;
  idTokenValiditySeconds: number;
  refreshTokenValiditySeconds: number;
  /** AuthSessionValidity: minutes an auth session (its Session string) lives, 3–15 (default 3). */
  authSessionValidityMinutes: number;
}

/**
 * An AWS::Lambda::Url (template/map-function-urls.ts): the function's own HTTP endpoint, invoked with Lambda's Function
 * URL event (payload format 2.0).
 */
export interface FunctionUrlConfig {
  logicalId: string;
  /** The function it invokes (TargetFunctionArn's function part), as local runners know it. */
  functionName: string;
  /** TargetFunctionArn as the template resolves it. */
  functionArn: string;
  /** Fn::GetAtt FunctionUrl: `http://127.0.0.1:<port>/` when the local stack serves it (trailing slash, as AWS's). */
  url: string;
  /** AuthType: NONE (public), or AWS_IAM (SigV4 for service `lambda` with credentials the stack accepts). */
  authType: 'NONE' | 'AWS_IAM';
  /** Cors, when configured: Lambda answers preflights and adds the CORS headers itself. */
  cors?: FunctionUrlCorsConfig;
  /** InvokeMode (BUFFERED when absent); RESPONSE_STREAM is answered buffered locally. */
  invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
}

/** A Function URL's Cors, with Lambda's defaults for what is left out (nothing allowed, no max age). */
export interface FunctionUrlCorsConfig {
  allowCredentials: boolean;
  /** Lower case. */
  allowHeaders: string[];
  /** Upper case; `*` for all. */
  allowMethods: string[];
  /** Origins as written; `*` for any. */
  allowOrigins: string[];
  /** Lower case. */
  exposeHeaders: string[];
  maxAgeSeconds?: number;
}

/** An SNS topic of the template. */
export interface SnsTopicConfig {
  logicalId: string;
  /** TopicName, else `<StackName>-<LogicalId>` (CloudFormation adds a random suffix; locally none). */
  name: string;
  /** `arn:aws:sns:<region>:000000000000:<name>`: its Ref. */
  arn: string;
  /** Its AWS::SNS::Subscription resources, then the entries of its own `Subscription` list. */
  subscriptions: SnsSubscriptionConfig[];
}

/** A subscription of a template topic. */
export interface SnsSubscriptionConfig {
  /** The AWS::SNS::Subscription's logical id, or `<TopicLogicalId>.Subscription.<index>` for a topic's own list. */
  logicalId: string;
  /** `<topic ARN>:<UUID-shaped id>`, the same in every run. */
  arn: string;
  /** Lower case (`lambda`, `sqs`, `https`…); the local SNS delivers to `lambda` only. */
  protocol: string;
  /** For `lambda`, the function's ARN. */
  endpoint: string;
  rawMessageDelivery: boolean;
  /** FilterPolicy as written (not applied locally). */
  filterPolicy?: unknown;
}

/** An SES configuration set of the template. */
export interface SesConfigurationSetConfig {
  logicalId: string;
  /** Name, else `<StackName>-<LogicalId>` (CloudFormation generates one). */
  name: string;
  eventDestinations: SesEventDestinationConfig[];
}

/** An AWS::SES::ConfigurationSetEventDestination of a set. */
export interface SesEventDestinationConfig {
  logicalId: string;
  /** EventDestination.Name, else the logical id. */
  name: string;
  /** EventDestination.Enabled; false when absent (the SES API's default; CDK always writes it). */
  enabled: boolean;
  /** MatchingEventTypes as written (`send`, `bounce`, `renderingFailure`… or the v2 API's `SEND`, `RENDERING_FAILURE`…). */
  matchingEventTypes: string[];
  /** Where events go: SNS topics are published to; CloudWatch, Firehose and EventBridge destinations are not run locally. */
  destination: { type: 'sns'; topicArn: string } | { type: 'cloudwatch' | 'firehose' | 'eventbridge' | 'none' };
}
