/**
 * Our own fixture for the peer, Amplify's AppSync simulator: generateOtp as a VTL pipeline resolver that writes the
 * items generateOtp's one TransactWriteItems writes (bench/otp-workloads.ts's generateTransactionInput, which
 * bench/floor-check.ts holds to the resolver's own request), with the same keys, attributes, update expressions and
 * conditions, read from the same settings.
 *
 * What the simulator lacks, and what stands in for it: its DynamoDB data source has no TransactWriteItems (nor
 * ConditionCheck, nor the Batch operations), so the six parts of the transaction are six requests, one pipeline
 * function each — not atomic (a refused limit does not undo the session put before it), and the mailbox-lock check
 * is a GetItem whose item the template checks. The simulator also reads every item back after a PutItem (a GetItem
 * of its own). Per generateOtp: 7 DynamoDB requests, against 1 for our engine and the direct path. The bench's
 * addresses are new, unlimited and on example.com, so no request is refused and the two do the same writes; the
 * canonical mailbox here is lower case without a +tag (the Gmail rule of resolvers/lib/mailbox.ts is left out: no
 * bench address is a Gmail one).
 */
import type { FloorSettings } from '../otp-workloads.ts';
import { splitBudget, BUDGET_WINDOW_SECONDS } from '../../resolvers/lib/send-budgets.ts';
import { COOLDOWN_KEY_PREFIX, DOMAIN_BUDGET_KEY_PREFIX, GLOBAL_BUDGET_KEY_PREFIX, MAILBOX_KEY_PREFIX, RATE_KEY_PREFIX, SESSION_KEY_PREFIX } from '../../infra/model/index.ts';

/** The part of schema.graphql that generateOtp needs (the simulator brings AppSync's scalars itself). */
export const PEER_SCHEMA = `
type OtpSession {
  sessionId: ID!
  expiresAt: AWSDateTime!
  resendAvailableAt: AWSDateTime!
}
type Query {
  ping: String
}
type Mutation {
  generateOtp(email: AWSEmail!, locale: String, audience: String): OtpSession!
}
`;

/** A pipeline function: its name, request template and (optional) response template. */
export interface PeerFunction {
  name: string;
  request: string;
  response?: string;
}

const RETURN_RESULT = '$util.toJson($ctx.result)';

/** A key prefix inside a VTL string: its "#" as the template's $h. */
const vtl = (prefix: string) => prefix.replace(/#/g, '${h}');

/** The templates, with the settings written in (as our resolvers read them from ctx.env). */
export function peerTemplates(settings: FloorSettings): { before: string; after: string; functions: PeerFunction[] } {
  const limits = settings.sendLimits;
  const global = splitBudget(settings.sendBudgets.globalPerMinute);
  const domain = splitBudget(settings.sendBudgets.domainPerMinute);
  // Everything a request's writes need, computed once in the pipeline's before template (as the resolver computes
  // it before building its transaction).
  const before = `
## The amplify velocity parser takes no arithmetic in method arguments: every sum is a #set of its own.
#set($email = $ctx.args.email.trim().toLowerCase())
#set($at = $email.lastIndexOf("@"))
#set($domainStart = $at + 1)
#set($domain = $email.substring($domainStart))
#set($tag = $email.indexOf("+"))
#if($tag >= 0 && $tag < $at)
  #set($mailbox = $email.substring(0, $tag) + "@" + $domain)
#else
  #set($mailbox = $email)
#end
#set($now = $util.time.nowEpochSeconds())
#set($sessionId = $util.autoId())
#set($windowStart = $now - ($now % ${limits.windowSeconds}))
#set($minuteStart = $now - ($now % ${BUDGET_WINDOW_SECONDS}))
#set($hex = "0123456789abcdef")
#set($high = $hex.indexOf($sessionId.substring(0, 1).toLowerCase()))
#set($low = $hex.indexOf($sessionId.substring(1, 2).toLowerCase()))
#set($shardIndex = $high * 16 + $low)
#set($expiresAt = $now + ${settings.ttlSeconds})
#set($windowEnd = $windowStart + ${limits.windowSeconds})
#set($cooldownEnd = $now + ${limits.cooldownSeconds})
#set($latestAllowed = $now - ${limits.cooldownSeconds})
#set($budgetWindowEnd = $minuteStart + ${BUDGET_WINDOW_SECONDS})
#set($expiresAtMs = $expiresAt * 1000)
#set($cooldownEndMs = $cooldownEnd * 1000)
$util.qr($ctx.stash.put("expiresAt", $expiresAt))
$util.qr($ctx.stash.put("windowEnd", $windowEnd))
$util.qr($ctx.stash.put("cooldownEnd", $cooldownEnd))
$util.qr($ctx.stash.put("latestAllowed", $latestAllowed))
$util.qr($ctx.stash.put("budgetWindowEnd", $budgetWindowEnd))
$util.qr($ctx.stash.put("expiresAtIso", $util.time.epochMilliSecondsToISO8601($expiresAtMs)))
$util.qr($ctx.stash.put("resendAvailableAtIso", $util.time.epochMilliSecondsToISO8601($cooldownEndMs)))
## Keys as infra/model/keys.ts builds them; "#" goes in through $h, so that the parser reads no directive.
#set($globalShard = $shardIndex % ${global.shards})
#set($domainShard = $shardIndex % ${domain.shards})
#set($h = '#')
$util.qr($ctx.stash.put("sessionPk", "${vtl(SESSION_KEY_PREFIX)}${'${sessionId}'}"))
$util.qr($ctx.stash.put("ratePk", "${vtl(RATE_KEY_PREFIX)}${'${mailbox}${h}${windowStart}'}"))
$util.qr($ctx.stash.put("cooldownPk", "${vtl(COOLDOWN_KEY_PREFIX)}${'${mailbox}'}"))
$util.qr($ctx.stash.put("guardPk", "${vtl(MAILBOX_KEY_PREFIX)}${'${mailbox}'}"))
$util.qr($ctx.stash.put("globalBudgetPk", "${vtl(GLOBAL_BUDGET_KEY_PREFIX)}${'${minuteStart}${h}${globalShard}'}"))
$util.qr($ctx.stash.put("domainBudgetPk", "${vtl(DOMAIN_BUDGET_KEY_PREFIX)}${'${domain}${h}${minuteStart}${h}${domainShard}'}"))
$util.qr($ctx.stash.put("email", $email))
$util.qr($ctx.stash.put("mailbox", $mailbox))
$util.qr($ctx.stash.put("domain", $domain))
$util.qr($ctx.stash.put("now", $now))
$util.qr($ctx.stash.put("nowIso", $util.time.nowISO8601()))
$util.qr($ctx.stash.put("sessionId", $sessionId))
$util.qr($ctx.stash.put("windowStart", $windowStart))
$util.qr($ctx.stash.put("minuteStart", $minuteStart))
{}
`;
  const audience = settings.defaultAudience === undefined ? '' : `\n    "audience": $util.dynamodb.toDynamoDBJson(${JSON.stringify(settings.defaultAudience)}),`;
  const putSession = `
{
  "version": "2018-05-29",
  "operation": "PutItem",
  "key": { "pk": $util.dynamodb.toDynamoDBJson($ctx.stash.sessionPk) },
  "attributeValues": {
    "sessionId": $util.dynamodb.toDynamoDBJson($ctx.stash.sessionId),
    "email": $util.dynamodb.toDynamoDBJson($ctx.stash.email),
    "mailbox": $util.dynamodb.toDynamoDBJson($ctx.stash.mailbox),${audience}
    "status": $util.dynamodb.toDynamoDBJson("PENDING"),
    "attempts": $util.dynamodb.toDynamoDBJson(0),
    "createdAt": $util.dynamodb.toDynamoDBJson($ctx.stash.nowIso),
    "expiresAt": $util.dynamodb.toDynamoDBJson($ctx.stash.expiresAt),
    "codes": { "M": {} }
  },
  "condition": { "expression": "attribute_not_exists(pk)" }
}`;
  const countRate = `
{
  "version": "2018-05-29",
  "operation": "UpdateItem",
  "key": { "pk": $util.dynamodb.toDynamoDBJson($ctx.stash.ratePk) },
  "update": {
    "expression": "ADD #count :one SET windowStart = :windowStart, expiresAt = :windowEnd",
    "expressionNames": { "#count": "count" },
    "expressionValues": {
      ":one": $util.dynamodb.toDynamoDBJson(1),
      ":windowStart": $util.dynamodb.toDynamoDBJson($ctx.stash.windowStart),
      ":windowEnd": $util.dynamodb.toDynamoDBJson($ctx.stash.windowEnd)
    }
  },
  "condition": {
    "expression": "attribute_not_exists(pk) OR #count < :max",
    "expressionValues": { ":max": $util.dynamodb.toDynamoDBJson(${limits.maxCodesPerWindow}) }
  }
}`;
  const markCooldown = `
{
  "version": "2018-05-29",
  "operation": "UpdateItem",
  "key": { "pk": $util.dynamodb.toDynamoDBJson($ctx.stash.cooldownPk) },
  "update": {
    "expression": "SET lastSentAt = :now, expiresAt = :cooldownEnd",
    "expressionValues": {
      ":now": $util.dynamodb.toDynamoDBJson($ctx.stash.now),
      ":cooldownEnd": $util.dynamodb.toDynamoDBJson($ctx.stash.cooldownEnd)
    }
  },
  "condition": {
    "expression": "attribute_not_exists(pk) OR lastSentAt <= :latestAllowed",
    "expressionValues": { ":latestAllowed": $util.dynamodb.toDynamoDBJson($ctx.stash.latestAllowed) }
  }
}`;
  const readGuard = `
{
  "version": "2018-05-29",
  "operation": "GetItem",
  "key": { "pk": $util.dynamodb.toDynamoDBJson($ctx.stash.guardPk) },
  "consistentRead": true
}`;
  const checkNotLocked = `
#if($ctx.result && $ctx.result.lockedUntil && $ctx.result.lockedUntil > $ctx.stash.now)
  $util.error("The mailbox is locked", "MailboxLocked")
#end
$util.toJson($ctx.result)`;
  const budgetCounter = (pkName: string, perShard: number) => `
{
  "version": "2018-05-29",
  "operation": "UpdateItem",
  "key": { "pk": $util.dynamodb.toDynamoDBJson($ctx.stash.${pkName}) },
  "update": {
    "expression": "ADD #count :one SET expiresAt = :windowEnd",
    "expressionNames": { "#count": "count" },
    "expressionValues": {
      ":one": $util.dynamodb.toDynamoDBJson(1),
      ":windowEnd": $util.dynamodb.toDynamoDBJson($ctx.stash.budgetWindowEnd)
    }
  },
  "condition": {
    "expression": "attribute_not_exists(pk) OR #count < :max",
    "expressionValues": { ":max": $util.dynamodb.toDynamoDBJson(${perShard}) }
  }
}`;
  const after = `
$util.toJson({ "sessionId": $ctx.stash.sessionId, "expiresAt": $ctx.stash.expiresAtIso, "resendAvailableAt": $ctx.stash.resendAvailableAtIso })`;
  return {
    before,
    after,
    functions: [
      { name: 'putSession', request: putSession },
      { name: 'countRate', request: countRate },
      { name: 'markCooldown', request: markCooldown },
      { name: 'checkNotLocked', request: readGuard, response: checkNotLocked },
      { name: 'countGlobalBudget', request: budgetCounter('globalBudgetPk', global.perShard) },
      { name: 'countDomainBudget', request: budgetCounter('domainBudgetPk', domain.perShard) },
    ].map((fn) => ({ response: RETURN_RESULT, ...fn })),
  };
}
