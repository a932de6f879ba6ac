/**
 * Checks that the direct floor (otp-workloads.ts) sends the DynamoDB requests the resolvers send: each resolver's
 * (or pipeline function's) `request` handler is evaluated in the engine's APPSYNC_JS runtime with the API's own
 * code and environment, its request object is turned into SDK input the way the engine's DynamoDB data source
 * does (local/appsync/data-sources/dynamodb/{item,transaction}-operations.ts), and the floor's builder, given the
 * same session id, time and address, must produce the same input: same operations in the same order, same keys,
 * expressions, names and values. Pure apart from evaluating code; no DynamoDB request is sent.
 */
import type { TransactWriteItem, TransactWriteItemsCommandInput, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { ApiConfig, AppSyncFunctionConfig } from 'appsync-local';
import { loadModule, mergeExpressionAttributes, toAttributeMap, type ExpressionObject, type ResolverContext } from 'appsync-local';
import { normalizeEmail } from '../resolvers/lib/input.ts';
import { canonicalMailbox } from '../resolvers/lib/mailbox.ts';
import {
  countAttemptInput,
  countMailboxFailureInput,
  generateTransactionInput,
  lockMailboxInput,
  verifySessionInput,
  type FloorSettings,
} from './otp-workloads.ts';

/** One comparison: which handler, and the differences found (none: the floor matches). */
export interface FloorComparison {
  name: string;
  differences: string[];
}

/** A Gmail alias with a tag and dots: exercises the canonical mailbox (and its domain) the limits are keyed on. */
const CHECK_ADDRESS = ' Floor.Check+Bench@GoogleMail.com ';

interface RequestObject {
  operation?: string;
  key?: unknown;
  attributeValues?: unknown;
  update?: ExpressionObject;
  condition?: ExpressionObject & { returnValuesOnConditionCheckFailure?: boolean };
  transactItems?: (RequestObject & { table?: string })[];
}

function context(env: Record<string, string>, args: Record<string, unknown>, stash: Record<string, unknown>): ResolverContext {
  return {
    arguments: args,
    args,
    identity: null,
    source: null,
    stash: { ...stash },
    prev: { result: null },
    request: { headers: {}, domainName: null },
    info: { fieldName: '', parentTypeName: 'Mutation', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
    env,
  };
}

/** Runs a handler's `request` and returns its request object and the stash it left. */
function evaluateRequest(code: string, source: string, ctx: ResolverContext): { request: RequestObject; stash: Record<string, unknown> } {
  const evaluation = loadModule(code, source).evaluate('request', ctx);
  if (evaluation.error) throw new Error(`${source}: request() failed: ${evaluation.error.message}`);
  if (evaluation.earlyReturn) throw new Error(`${source}: request() returned early, no DynamoDB request to compare`);
  return { request: evaluation.result as RequestObject, stash: evaluation.stash };
}

/** The engine's UpdateItem (item-operations.ts updateItem). */
function engineUpdateItem(request: RequestObject, tableName: string): UpdateItemCommandInput {
  return {
    TableName: tableName,
    Key: toAttributeMap(request.key),
    UpdateExpression: request.update?.expression,
    ConditionExpression: request.condition?.expression,
    ReturnValues: 'ALL_NEW',
    ReturnConsumedCapacity: 'TOTAL',
    ...mergeExpressionAttributes(request.update, request.condition),
  };
}

/** The engine's TransactWriteItems (transaction-operations.ts toTransactWriteItem). */
function engineTransactWriteItems(request: RequestObject): TransactWriteItemsCommandInput {
  const items = (request.transactItems ?? []).map((entry): TransactWriteItem => {
    const TableName = entry.table;
    const Key = toAttributeMap(entry.key);
    const condition = entry.condition
      ? {
          ConditionExpression: entry.condition.expression,
          ...(entry.condition.returnValuesOnConditionCheckFailure ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
        }
      : {};
    switch (entry.operation) {
      case 'PutItem':
        return { Put: { TableName, Item: { ...toAttributeMap(entry.attributeValues ?? {}), ...Key }, ...condition, ...mergeExpressionAttributes(entry.condition) } };
      case 'UpdateItem':
        return { Update: { TableName, Key, UpdateExpression: entry.update?.expression, ...condition, ...mergeExpressionAttributes(entry.update, entry.condition) } };
      case 'DeleteItem':
        return { Delete: { TableName, Key, ...condition, ...mergeExpressionAttributes(entry.condition) } };
      case 'ConditionCheck':
        return { ConditionCheck: { TableName, Key, ConditionExpression: entry.condition?.expression, ...condition, ...mergeExpressionAttributes(entry.condition) } };
      default:
        throw new Error(`transaction entry with operation ${String(entry.operation)}`);
    }
  });
  return { TransactItems: items, ReturnConsumedCapacity: 'TOTAL' };
}

function toSdkInput(request: RequestObject, tableName: string): unknown {
  if (request.operation === 'UpdateItem') return engineUpdateItem(request, tableName);
  if (request.operation === 'TransactWriteItems') return engineTransactWriteItems(request);
  throw new Error(`request operation ${String(request.operation)} has no floor`);
}

/** Paths where two JSON-like values differ (object key order ignored, undefined members dropped). */
export function differences(expected: unknown, actual: unknown, path = ''): string[] {
  const plain = (value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value);
  const a = plain(expected);
  const b = plain(actual);
  if (a === b) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((key) => {
      const left = (a as Record<string, unknown>)[key];
      const right = (b as Record<string, unknown>)[key];
      if (left === undefined && right === undefined) return [];
      return differences(left, right, path ? `${path}.${key}` : key);
    });
  }
  return [`${path || '(root)'}: resolver ${JSON.stringify(a)}, floor ${JSON.stringify(b)}`];
}

/**
 * Compares generateOtp and the four DynamoDB steps of verifyOtp's pipeline with the floor's builders. Throws when a resolver
 * or function cannot be found or evaluated; returns one comparison per handler (empty differences: identical).
 */
export function compareFloorWithResolvers(api: ApiConfig, settings: FloorSettings): FloorComparison[] {
  const env = api.environmentVariables;
  const tableOf = (dataSource: string | undefined) => {
    const source = dataSource ? api.dataSources[dataSource] : undefined;
    return source && source.type === 'AMAZON_DYNAMODB' ? source.tableName : settings.tableName;
  };
  const resolver = (fieldName: string) => {
    const found = api.resolvers.find((candidate) => candidate.typeName === 'Mutation' && candidate.fieldName === fieldName);
    if (!found) throw new Error(`no resolver for Mutation.${fieldName}`);
    return found;
  };
  const comparisons: FloorComparison[] = [];

  const generate = resolver('generateOtp');
  const generated = evaluateRequest(generate.code, generate.codePath ?? 'Mutation.generateOtp', context(env, { email: CHECK_ADDRESS }, {}));
  const put = generated.request.transactItems?.[0];
  const createdAt = (put?.attributeValues as Record<string, { S?: string }> | undefined)?.createdAt?.S;
  const sessionId = String(generated.stash.sessionId);
  comparisons.push({
    name: 'generateOtp (TransactWriteItems)',
    differences: differences(
      toSdkInput(generated.request, tableOf(generate.dataSource)),
      generateTransactionInput(settings, { email: normalizeEmail(CHECK_ADDRESS), sessionId, nowMillis: Date.parse(createdAt ?? '') }),
    ),
  });

  const verify = resolver('verifyOtp');
  const steps = (verify.pipeline ?? []).flatMap((id) => api.functions[id] ?? []);
  // The DynamoDB steps, by name (the KMS steps between them, checkCode and signToken, send no DynamoDB request).
  const named = (suffix: string) => steps.find((fn) => fn.name.endsWith(suffix));
  const [countAttempt, verifySession, countFailure, lock] = ['_countAttempt', '_verifySession', '_countMailboxFailure', '_lockMailbox'].map(named);
  if (!countAttempt || !verifySession || !countFailure || !lock) {
    throw new Error(`verifyOtp: expected countAttempt, verifySession, countMailboxFailure and lockMailbox, found ${steps.map((fn) => fn.name).join(', ')}`);
  }
  const nowMillis = Date.now();
  const nowSeconds = Math.floor(nowMillis / 1000);
  const nowIso = new Date(nowMillis).toISOString();
  // A stand-in for the MAC KMS accepted: the request only names it.
  const mac = Buffer.alloc(32, 7).toString('base64');
  const mailbox = canonicalMailbox(normalizeEmail(CHECK_ADDRESS));
  const base = { sessionId, nowSeconds, nowIso };
  const step = (fn: AppSyncFunctionConfig, stash: Record<string, unknown>, floor: unknown, name: string) => {
    const { request } = evaluateRequest(fn.code, fn.codePath ?? fn.name, context(env, { sessionId, code: '424242' }, stash));
    comparisons.push({ name, differences: differences(toSdkInput(request, tableOf(fn.dataSource)), floor) });
  };
  step(countAttempt, base, countAttemptInput(settings, { sessionId, nowSeconds }), 'verifyOtp 1-countAttempt (UpdateItem)');
  step(
    verifySession,
    { ...base, matched: true, matchedMac: mac, mailbox, attemptsAfter: 1 },
    verifySessionInput(settings, { sessionId, mac, nowSeconds, nowIso, mailbox }),
    'verifyOtp 5-verifySession (TransactWriteItems)',
  );
  step(
    countFailure,
    { ...base, matched: false, mailbox, attemptsAfter: 1 },
    countMailboxFailureInput(settings, { mailbox, nowSeconds }),
    'verifyOtp 6-countMailboxFailure (UpdateItem)',
  );
  const until = nowSeconds + settings.failureBudget.lockoutSeconds;
  step(
    lock,
    { ...base, matched: false, mailbox, attemptsAfter: 1, lockUntil: until },
    lockMailboxInput(settings, { mailbox, until, nowSeconds }),
    'verifyOtp 7-lockMailbox (UpdateItem)',
  );
  return comparisons;
}

/** Throws with every difference when the floor does not match; returns the names compared otherwise. */
export function assertFloorMatchesResolvers(api: ApiConfig, settings: FloorSettings): string[] {
  const comparisons = compareFloorWithResolvers(api, settings);
  const failed = comparisons.filter((comparison) => comparison.differences.length > 0);
  if (failed.length > 0) {
    const details = failed.map((comparison) => `${comparison.name}:\n  ${comparison.differences.join('\n  ')}`).join('\n');
    throw new Error(`the direct floor no longer sends what the resolvers send (change bench/otp-workloads.ts):\n${details}`);
  }
  return comparisons.map((comparison) => comparison.name);
}
