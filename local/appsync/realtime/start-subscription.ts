/**
 * Turns a `start` message into an active subscription, or into the errors AppSync answers with: per-subscription
 * auth (API key, or IAM signed over the `data` string as the body of a POST to `/graphql`), schema validation,
 * field-level auth directives, and the Subscription field's resolver (whose `extensions.setSubscriptionFilter` sets
 * the enhanced filter, whose `setSubscriptionInvalidationFilter` sets the invalidation filter, and whose util.error /
 * util.unauthorized refuse the start).
 *
 * Decisions where the docs are silent (errorType wording): bad auth → `UnauthorizedException` (errorCode 401);
 * unparsable `data` or a GraphQL syntax/validation/variable error → `ValidationError` with graphql-java's wording;
 * a non-subscription operation → `UnsupportedOperation` "<operation> not supported through the realtime channel"
 * (the wording AppSync is reported to use for this case); an invalid enhanced filter → `ValidationError`.
 */
import {
  getArgumentValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  isObjectType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type SelectionSetNode,
} from 'graphql';
import { authenticate, NOT_AUTHORIZED_MESSAGE, type AuthSettings } from '../auth/authenticate.ts';
import { mayAccessField, type FieldCaller } from '../auth/field-access.ts';
import type { PreparedApi } from '../execute/prepared-api.ts';
import { runResolver, type BaseContext } from '../execute/run-resolver.ts';
import { fieldsOf, selectionSetGraphQL, selectionSetList } from '../execute/selection-set.ts';
import { toAppSyncSyntaxMessage, toAppSyncValidationMessage, toAppSyncVariableMessage } from '../execute/validation-messages.ts';
import type { AuthorizationHeaders, RealtimeError } from './messages.ts';
import { matchesArguments, projectToSelection } from './payload.ts';
import { matchesSubscriptionFilter, parseSubscriptionFilter, type SubscriptionFilter } from './subscription-filter.ts';

type Fragments = Record<string, FragmentDefinitionNode>;

/** A registered subscription: which mutations feed it and how it turns their results into `data` payloads. */
export interface ActiveSubscription {
  id: string;
  /** The Subscription field (root key of every payload). */
  fieldName: string;
  /** Mutation field names from `@aws_subscribe(mutations: [...])`. */
  mutations: ReadonlySet<string>;
  /** The payload's `data` for one mutation result, or null when the filters drop it. */
  payloadFor(mutationResult: unknown): Record<string, unknown> | null;
  /**
   * Whether an `extensions.invalidateSubscriptions` payload aimed at this field invalidates this subscription:
   * only when its resolver set an invalidation filter and that filter matches the payload.
   */
  invalidatedBy(payload: unknown): boolean;
}

/** What starting a subscription needs besides the message. */
export interface StartContext {
  prepared: PreparedApi;
  auth: AuthSettings;
  sourceIp: string;
}

/** Thrown inside this module to answer the start with `error`. */
class StartRefused extends Error {
  constructor(readonly errors: RealtimeError[]) {
    super(errors[0]?.message ?? errors[0]?.errorType ?? 'refused');
  }
}

const refuse = (errorType: string, message: string): StartRefused => new StartRefused([{ errorType, message }]);

function lowerCased(headers: AuthorizationHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function parseData(data: string): { query: string; variables: Record<string, unknown> } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw refuse('ValidationError', 'Invalid JSON in the subscription data.');
  }
  const record = parsed as { query?: unknown; variables?: unknown } | null;
  if (record === null || typeof record !== 'object' || typeof record.query !== 'string') {
    throw refuse('ValidationError', 'Unable to parse GraphQL query.');
  }
  const variables = record.variables;
  return { query: record.query, variables: variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : {} };
}

function parseDocument(prepared: PreparedApi, query: string): DocumentNode {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    if (error instanceof GraphQLError) throw refuse('ValidationError', toAppSyncSyntaxMessage(error.message));
    throw error;
  }
  const errors = validate(prepared.schema, document);
  if (errors.length > 0) {
    throw new StartRefused(errors.map((error) => ({ errorType: 'ValidationError', message: toAppSyncValidationMessage(error.message, null) })));
  }
  return document;
}

function fragmentsOf(document: DocumentNode): Fragments {
  const fragments: Fragments = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/** Field-level auth over the whole selection (AppSync refuses the subscription, not single fields). */
function checkFieldAuth(prepared: PreparedApi, caller: FieldCaller, type: GraphQLNamedType, selectionSet: SelectionSetNode | undefined, fragments: Fragments): void {
  if (!isObjectType(type)) return;
  for (const field of fieldsOf(selectionSet, fragments)) {
    if (field.name.value.startsWith('__')) continue;
    if (!mayAccessField(prepared, caller, type.name, field.name.value)) {
      throw refuse('Unauthorized', `Not Authorized to access ${field.name.value} on type ${type.name}`);
    }
    const definition = type.getFields()[field.name.value];
    if (definition) checkFieldAuth(prepared, caller, getNamedType(definition.type), field.selectionSet, fragments);
  }
}

/** `@aws_subscribe(mutations: ["a", "b"])` → {a, b}. */
function subscribedMutations(field: GraphQLField<unknown, unknown>): Set<string> {
  const directive = field.astNode?.directives?.find((node) => node.name.value === 'aws_subscribe');
  const argument = directive?.arguments?.find((node) => node.name.value === 'mutations');
  const value = argument?.value;
  if (!value) return new Set();
  const items = value.kind === Kind.LIST ? value.values : [value];
  return new Set(items.flatMap((item) => (item.kind === Kind.STRING ? [item.value] : [])));
}

/** What the Subscription field's resolver set through `extensions`. */
interface ResolverFilters {
  filter: SubscriptionFilter | null;
  invalidationFilter: SubscriptionFilter | null;
}

async function runSubscriptionResolver(
  context: StartContext,
  fieldNode: FieldNode,
  args: Record<string, unknown>,
  variables: Record<string, unknown>,
  caller: { identity: BaseContext['identity']; headers: Record<string, string> },
  fragments: Fragments,
): Promise<ResolverFilters> {
  const resolver = context.prepared.resolvers.get(`Subscription.${fieldNode.name.value}`);
  if (!resolver) return { filter: null, invalidationFilter: null };
  const base: BaseContext = {
    arguments: args,
    args,
    identity: caller.identity,
    source: null,
    request: { headers: caller.headers, domainName: null },
    info: {
      fieldName: fieldNode.name.value,
      parentTypeName: 'Subscription',
      variables,
      selectionSetList: selectionSetList([fieldNode], fragments),
      selectionSetGraphQL: selectionSetGraphQL([fieldNode]),
    },
    env: context.prepared.api.environmentVariables,
  };
  const outcome = await runResolver(resolver, base, context.prepared.runEnvironment);
  if (outcome.error) throw refuse(outcome.error.errorType ?? 'Unknown', outcome.error.message);
  return { filter: parsedFilter(outcome.subscriptionFilter), invalidationFilter: parsedFilter(outcome.subscriptionInvalidationFilter) };
}

/** A filter the resolver set, parsed; an invalid one refuses the start (both kinds share the syntax). */
function parsedFilter(raw: unknown): SubscriptionFilter | null {
  if (raw === undefined) return null;
  const filter = parseSubscriptionFilter(raw);
  if (typeof filter === 'string') throw refuse('ValidationError', filter);
  return filter;
}

async function start(id: string, data: string, authorization: AuthorizationHeaders, context: StartContext): Promise<ActiveSubscription> {
  const headers = lowerCased(authorization);
  const auth = await authenticate({ method: 'POST', path: '/graphql', query: {}, headers, body: data }, context.sourceIp, context.auth);
  if (!auth.ok) throw new StartRefused([{ errorType: 'UnauthorizedException', message: auth.message || NOT_AUTHORIZED_MESSAGE, errorCode: 401 }]);
  const { prepared } = context;
  const { query, variables } = parseData(data);
  const document = parseDocument(prepared, query);
  const operation = getOperationAST(document);
  if (!operation) throw refuse('ValidationError', 'The subscription data must contain exactly one operation.');
  if (operation.operation !== 'subscription') {
    throw refuse('UnsupportedOperation', `${operation.operation} not supported through the realtime channel`);
  }
  const coerced = getVariableValues(prepared.schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw new StartRefused(coerced.errors.map((error) => ({ errorType: 'ValidationError', message: toAppSyncVariableMessage(error.message) })));
  const fragments = fragmentsOf(document);
  const subscriptionType = prepared.schema.getSubscriptionType()!;
  // Validation's single-root-field rule guarantees exactly one root field here.
  const fieldNode = [...fieldsOf(operation.selectionSet, fragments)][0]!;
  const field = subscriptionType.getFields()[fieldNode.name.value]!;
  checkFieldAuth(prepared, auth, subscriptionType, operation.selectionSet, fragments);
  const args = getArgumentValues(field, fieldNode, coerced.coerced);
  const { filter, invalidationFilter } = await runSubscriptionResolver(context, fieldNode, args, coerced.coerced, { identity: auth.identity, headers }, fragments);
  const returnType = getNamedType(field.type);
  const responseKey = fieldNode.alias?.value ?? fieldNode.name.value;
  return {
    id,
    fieldName: field.name,
    mutations: subscribedMutations(field),
    payloadFor(result) {
      // Decision (unconfirmed): an enhanced filter replaces argument filtering, since the resolver sees the arguments
      // and arguments such as `minSeverity` name no result field; without one, arguments filter.
      if (filter ? !matchesSubscriptionFilter(filter, result) : !matchesArguments(args, result)) return null;
      return { [responseKey]: projectToSelection(result, fieldNode.selectionSet, returnType, fragments) };
    },
    invalidatedBy(payload) {
      // Decision (unconfirmed): no invalidation filter means the subscription is never invalidated, as the docs
      // describe invalidation only as the subscription's filters evaluated against the payload.
      return invalidationFilter !== null && matchesSubscriptionFilter(invalidationFilter, payload);
    },
  };
}

/** Starts subscription `id`; errors are the `error` message's payload entries. */
export async function startSubscription(
  id: string,
  data: string,
  authorization: AuthorizationHeaders,
  context: StartContext,
): Promise<ActiveSubscription | { errors: RealtimeError[] }> {
  try {
    return await start(id, data, authorization, context);
  } catch (error) {
    if (error instanceof StartRefused) return { errors: error.errors };
    throw error;
  }
}
