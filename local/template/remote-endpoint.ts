/**
 * Whether an HTTP data source's endpoint is a resource of the stack that does not run locally. Such an endpoint
 * evaluates to the AWS host of that resource (or cannot be evaluated at all), so sending requests there would reach
 * AWS, signed with local credentials; the data source answers UnsupportedDataSource instead, unless an endpoint
 * override sends that origin to a local counterpart (appsync/data-sources/http-data-source.ts).
 */
import { references, type ResourceReference } from './references.ts';
import type { StackScope } from './stack-scope.ts';

/**
 * Resource types the local stack runs or serves (the AppSync engine, DynamoDB Local, function runners) or whose
 * values are local ones (roles, secrets, keys): an endpoint built from them is no AWS service of this stack.
 */
const LOCAL_TYPES = new Set([
  'AWS::AppSync::GraphQLApi',
  'AWS::AppSync::ApiKey',
  'AWS::AppSync::DataSource',
  'AWS::AppSync::FunctionConfiguration',
  'AWS::AppSync::GraphQLSchema',
  'AWS::AppSync::Resolver',
  'AWS::DynamoDB::Table',
  'AWS::Lambda::Function',
  'AWS::IAM::Role',
  'AWS::SecretsManager::Secret',
]);

/** A resource an endpoint names that does not run locally. */
export interface RemoteResource extends ResourceReference {
  type: string;
}

/** The first resource `endpoint` (the raw, unevaluated HttpConfig.Endpoint) names that does not run locally. */
export function remoteResourceOf(endpoint: unknown, scope: StackScope): RemoteResource | undefined {
  for (const reference of references(endpoint)) {
    // Template parameters are values, not resources (scope.resources holds resources only).
    const resource = scope.resources.find((candidate) => candidate.logicalId === reference.logicalId);
    if (resource && !LOCAL_TYPES.has(resource.Type)) return { ...reference, type: resource.Type };
  }
  return undefined;
}

/** `todoscollection's CollectionEndpoint (AWS::OpenSearchServerless::Collection)`, or `Bus (AWS::Events::EventBus)` for a Ref. */
export function describeRemoteResource(remote: RemoteResource): string {
  return `${remote.logicalId}${remote.attribute ? `'s ${remote.attribute}` : ''} (${remote.type})`;
}
