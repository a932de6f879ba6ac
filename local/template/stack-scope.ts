import { createHash } from 'node:crypto';
import { roleIdOf } from '../iam-principals.ts';
import { evaluate, evaluateString, IntrinsicError } from './intrinsics.ts';
import type { IntrinsicScope, PseudoParameters } from './intrinsics.ts';
import { generateApiKeyValue, generateSecretValue, memoizeByLogicalId, realtimeUrlOf } from './local-values.ts';
import type { LocalValues } from './local-values.ts';
import type { CfnTemplate, NamedResource } from './template-types.ts';

/**
 * The intrinsic scope of one template in a local run: what each resource's Ref and attributes are locally.
 * Physical names are the template's explicit names, else the logical id (CloudFormation would generate one), or, for
 * the types in {@link GENERATED_NAME_LIMITS}, CloudFormation's generated form without its random suffix; ARNs are
 * shaped like AWS's so code that parses them keeps working.
 */
export interface StackScope extends IntrinsicScope {
  /** All resources whose `Condition` (if any) holds. */
  resources: NamedResource[];
  /** The resource with this logical id, or an error naming it. */
  resource(logicalId: string): NamedResource;
  /** The logical id of the resource of `type` whose Ref or an attribute resolves to `value` (a name or ARN). */
  identify(value: unknown, type: string, what: string): string;
}

/** Builds the {@link StackScope} of `template`. */
export function createStackScope(template: CfnTemplate, stackName: string, local: LocalValues): StackScope {
  const pseudo: PseudoParameters = { region: local.region, accountId: local.accountId, stackName };
  const apiKeyValue = memoizeByLogicalId(local.apiKeyValue ?? (() => generateApiKeyValue()));
  const generatedSecret = memoizeByLogicalId(local.secretValue ?? (() => generateSecretValue()));
  const all = Object.entries(template.Resources ?? {}).map(([logicalId, resource]) => ({ logicalId, ...resource }));
  const byId = new Map(all.map((resource) => [resource.logicalId, resource]));
  const arn = (service: string, resource: string): string =>
    `arn:aws:${service}:${local.region}:${local.accountId}:${resource}`;

  const scope: StackScope = {
    pseudo,
    conditions: template.Conditions,
    mappings: template.Mappings,
    resources: [],
    resource(logicalId) {
      const found = byId.get(logicalId);
      if (!found) throw new IntrinsicError(`The template has no resource '${logicalId}'`);
      return found;
    },
    ref(logicalId) {
      const parameter = template.Parameters?.[logicalId];
      if (parameter) {
        if (parameter.Default === undefined) throw new IntrinsicError(`Parameter '${logicalId}' has no Default`);
        return parameter.Default;
      }
      const resource = scope.resource(logicalId);
      switch (resource.Type) {
        case 'AWS::SecretsManager::Secret':
          return secretArn(resource);
        case 'AWS::AppSync::GraphQLApi':
          return arn('appsync', `apis/${logicalId}`);
        case 'AWS::OpenSearchServerless::Collection':
          return collectionId(resource);
        case 'AWS::KMS::Key':
          return kmsKeyId(resource);
        case 'AWS::Cognito::UserPool':
          return userPoolId(resource);
        case 'AWS::Cognito::UserPoolClient':
          return userPoolClientId(resource);
        case 'AWS::SNS::Topic':
          return topicArn(resource);
        case 'AWS::SNS::Subscription':
          return subscriptionArn(resource);
        default:
          // Tables, queues, functions, roles, KMS aliases…: Ref is the physical name (queues: the URL on AWS, the name
          // locally; aliases: their AliasName).
          return physicalName(resource);
      }
    },
    getAtt(logicalId, attribute) {
      const resource = scope.resource(logicalId);
      const value = attributeOf(resource, attribute);
      if (value === undefined) {
        throw new IntrinsicError(`Fn::GetAtt ${logicalId}.${attribute} (${resource.Type}) is not supported locally`);
      }
      return value;
    },
    secretValue(secretId, jsonKey) {
      const secret = all.find(
        (resource) =>
          resource.Type === 'AWS::SecretsManager::Secret' &&
          (secretId === resource.logicalId || secretId === secretArn(resource) || secretId === physicalName(resource)),
      );
      if (!secret) throw new IntrinsicError(`Dynamic reference to secret '${secretId}', which is not in the template`);
      const explicit = secret.Properties?.SecretString;
      const whole = explicit === undefined ? generatedSecret(secret.logicalId) : evaluateString(explicit, scope, secretId);
      if (jsonKey === '') return whole;
      const field: unknown = (JSON.parse(whole) as Record<string, unknown>)[jsonKey];
      if (typeof field !== 'string') throw new IntrinsicError(`Secret '${secret.logicalId}' has no string key '${jsonKey}'`);
      return field;
    },
    identify(value, type, what) {
      const wanted = evaluate(value, scope);
      for (const resource of all) {
        if (resource.Type !== type) continue;
        const candidates = [scope.ref(resource.logicalId), ...knownAttributes(resource)];
        if (candidates.includes(wanted)) return resource.logicalId;
      }
      throw new IntrinsicError(`${what}: ${JSON.stringify(wanted)} is not a ${type} of this template`);
    },
  };
  scope.resources = all.filter((resource) => !resource.Condition || conditionHolds(resource.Condition));
  return scope;

  function conditionHolds(name: string): boolean {
    return evaluate({ Condition: name }, scope) === true;
  }

  function physicalName(resource: NamedResource): string {
    const nameProperty = NAME_PROPERTIES[resource.Type];
    const explicit = nameProperty ? resource.Properties?.[nameProperty] : undefined;
    if (explicit !== undefined) return evaluateString(explicit, scope, `${resource.logicalId}.${nameProperty}`);
    const limit = GENERATED_NAME_LIMITS[resource.Type];
    return limit === undefined ? resource.logicalId : `${stackName}-${resource.logicalId}`.slice(0, limit);
  }

  /** `arn:aws:iam::<account>:role<Path><RoleName>` (Path defaults to `/`). */
  function roleArn(resource: NamedResource): string {
    const path = resource.Properties?.Path;
    const prefix = path === undefined ? '/' : evaluateString(path, scope, `${resource.logicalId}.Path`);
    return `arn:aws:iam::${local.accountId}:role${prefix}${physicalName(resource)}`;
  }

  /**
   * A collection's id: AWS generates a lowercase one (`07tjusf2h91cunochc`); locally, the logical id in lowercase, so
   * Ref, Id, Arn and the endpoint's host agree and stay the same in every run.
   */
  function collectionId(resource: NamedResource): string {
    return resource.logicalId.toLowerCase();
  }

  /** `<collection id>.<region>.aoss.amazonaws.com`, the host of CollectionEndpoint and DashboardEndpoint. */
  function collectionHost(resource: NamedResource): string {
    return `${collectionId(resource)}.${local.region}.aoss.amazonaws.com`;
  }

  /**
   * A KMS key's id: AWS generates a random UUID; locally a UUID-shaped digest of the stack name and logical id, so
   * Ref, KeyId and Arn stay the same in every run (and keys kept with --persist are found again).
   */
  function kmsKeyId(resource: NamedResource): string {
    const hex = createHash('sha256').update(`${stackName}/${resource.logicalId}`).digest('hex');
    // Version 4 and RFC 4122 variant bits: the shape of KMS's key ids.
    const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** Characters of a digest of the stack name and logical id drawn from `alphabet`, the same in every run. */
  function stableId(resource: NamedResource, length: number, alphabet: string): string {
    const digest = createHash('sha256').update(`${stackName}/${resource.logicalId}`).digest();
    return [...digest.subarray(0, length)].map((byte) => alphabet[byte % alphabet.length]).join('');
  }

  /**
   * A user pool's id: AWS generates `<region>_` + 9 letters and digits; locally they are derived from the stack name
   * and logical id, so Ref, tokens' `iss` and users kept with --persist stay the same in every run.
   */
  function userPoolId(resource: NamedResource): string {
    return `${local.region}_${stableId(resource, 9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
  }

  /** An app client's id: 26 lower-case letters and digits (AWS's shape), derived like the pool's. */
  function userPoolClientId(resource: NamedResource): string {
    return stableId(resource, 26, 'abcdefghijklmnopqrstuvwxyz0123456789');
  }

  /** `arn:aws:sns:<region>:<account>:<TopicName or generated name>`: what a topic's Ref is on AWS too. */
  function topicArn(resource: NamedResource): string {
    return arn('sns', physicalName(resource));
  }

  /**
   * `<topic ARN>:<id>`, SNS's subscription ARN shape; the id is the same UUID-shaped digest of the stack name and
   * logical id as a KMS key's, so it stays the same in every run.
   */
  function subscriptionArn(resource: NamedResource): string {
    const topic = evaluateString(resource.Properties?.TopicArn, scope, `${resource.logicalId}.TopicArn`);
    return `${topic}:${kmsKeyId(resource)}`;
  }

  function secretArn(resource: NamedResource): string {
    return arn('secretsmanager', `secret:${physicalName(resource)}-local`);
  }

  function attributeOf(resource: NamedResource, attribute: string): unknown {
    const id = resource.logicalId;
    const name = (): string => physicalName(resource);
    const host = (kind: string): string => `${id.toLowerCase()}.appsync-${kind}.${local.region}.amazonaws.com`;
    const table: Record<string, Record<string, () => unknown>> = {
      'AWS::DynamoDB::Table': {
        Arn: () => arn('dynamodb', `table/${name()}`),
        StreamArn: () => arn('dynamodb', `table/${name()}/stream/local`),
      },
      'AWS::Lambda::Function': { Arn: () => arn('lambda', `function:${name()}`) },
      'AWS::Lambda::Url': {
        FunctionUrl: () => local.functionUrl?.(id) ?? `https://${id.toLowerCase()}.lambda-url.${local.region}.on.aws/`,
        FunctionArn: () => evaluate(resource.Properties?.TargetFunctionArn, scope),
      },
      'AWS::SQS::Queue': {
        Arn: () => arn('sqs', name()),
        QueueName: name,
        QueueUrl: () => `https://sqs.${local.region}.amazonaws.com/${local.accountId}/${name()}`,
      },
      'AWS::IAM::Role': { Arn: () => roleArn(resource), RoleId: () => roleIdOf(roleArn(resource)) },
      'AWS::SecretsManager::Secret': { Id: () => secretArn(resource) },
      'AWS::AppSync::GraphQLApi': {
        ApiId: () => id,
        Arn: () => arn('appsync', `apis/${id}`),
        GraphQLUrl: () => local.graphqlUrl?.(id) ?? `https://${host('api')}/graphql`,
        GraphQLDns: () => host('api'),
        RealtimeUrl: () => (local.graphqlUrl ? realtimeUrlOf(local.graphqlUrl(id)) : `wss://${host('realtime-api')}/graphql`),
        RealtimeDns: () => host('realtime-api'),
        GraphQLEndpointArn: () => arn('appsync', `endpoints/graphql-api/${id}`),
      },
      'AWS::AppSync::ApiKey': {
        ApiKey: () => apiKeyValue(id),
        ApiKeyId: () => id,
        Arn: () => arn('appsync', `apis/key/${id}`),
      },
      // Not run locally; AWS-shaped values let what points at it load (an HTTP data source signing for `aoss`: its
      // requests go to that host, or to a local search engine through an endpoint override).
      'AWS::OpenSearchServerless::Collection': {
        Id: () => collectionId(resource),
        Arn: () => arn('aoss', `collection/${collectionId(resource)}`),
        CollectionEndpoint: () => `https://${collectionHost(resource)}`,
        DashboardEndpoint: () => `https://${collectionHost(resource)}/_dashboards`,
      },
      'AWS::SNS::Topic': { TopicArn: () => topicArn(resource), TopicName: name },
      'AWS::KMS::Key': {
        Arn: () => arn('kms', `key/${kmsKeyId(resource)}`),
        KeyId: () => kmsKeyId(resource),
      },
      'AWS::Cognito::UserPool': {
        Arn: () => arn('cognito-idp', `userpool/${userPoolId(resource)}`),
        ProviderName: () => `cognito-idp.${local.region}.amazonaws.com/${userPoolId(resource)}`,
        ProviderURL: () => `https://cognito-idp.${local.region}.amazonaws.com/${userPoolId(resource)}`,
        UserPoolId: () => userPoolId(resource),
      },
      // A generated client secret is the run's (like a generated Secrets Manager value): it changes between runs.
      'AWS::Cognito::UserPoolClient': { ClientId: () => userPoolClientId(resource), ClientSecret: () => generatedSecret(id) },
      'AWS::AppSync::DataSource': {
        Name: () => evaluateString(resource.Properties?.Name, scope, `${id}.Name`),
        DataSourceArn: () => arn('appsync', `datasources/${id}`),
      },
      'AWS::AppSync::FunctionConfiguration': {
        FunctionId: () => id,
        FunctionArn: () => arn('appsync', `functions/${id}`),
        Name: () => evaluateString(resource.Properties?.Name, scope, `${id}.Name`),
        DataSourceName: () => evaluateString(resource.Properties?.DataSourceName, scope, `${id}.DataSourceName`),
      },
    };
    return table[resource.Type]?.[attribute]?.();
  }

  /** The ARN-like attributes another resource may use to point at `resource`. */
  function knownAttributes(resource: NamedResource): unknown[] {
    return ['Arn', 'StreamArn', 'QueueUrl'].map((attribute) => attributeOf(resource, attribute)).filter(Boolean);
  }
}

/**
 * Types whose name CloudFormation generates as `<StackName>-<LogicalId>-<random suffix>` within the type's length
 * limit when the template sets none. Locally the name is `<StackName>-<LogicalId>` cut to the limit: no suffix, so
 * it is the same in every readStack of a run (hot reloads) and the role a function's principal names is the role
 * whose Arn the template hands out.
 */
const GENERATED_NAME_LIMITS: Record<string, number> = {
  'AWS::IAM::Role': 64,
  'AWS::SNS::Topic': 256,
  'AWS::SES::ConfigurationSet': 64,
};

/** The property holding a resource's explicit physical name, per type. */
const NAME_PROPERTIES: Record<string, string> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::KMS::Alias': 'AliasName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SES::ConfigurationSet': 'Name',
};
