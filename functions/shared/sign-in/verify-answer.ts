/**
 * VerifyAuthChallengeResponse: verifyOtp's steps, in verifyOtp's order, with verifyOtp's expressions (resolvers/lib):
 * 1. count the attempt (count-attempt.ts, limited to sign-in sessions), before anything is compared;
 * 2. KMS VerifyMac of the answer against each stored MAC, with the key that MAC names, until one matches;
 * 3. a match: write VERIFIED (verify-steps.ts: still pending, unexpired, the MAC still stored, the mailbox not locked);
 * 4. no match: count the failure against the mailbox's failure budget, and lock it at or past the budget.
 * Fails closed: an uncounted attempt is a wrong answer; a KMS or DynamoDB failure is an error (the sign-in fails),
 * never a right answer. The answer goes to KMS only, never to a log or an error.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSInvalidMacException, VerifyMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { VerifyAuthChallengeResponseTriggerEvent } from 'aws-lambda';
import { CODE_MAC_ALGORITHM, codeMacMessage, type GuardItem, type SessionItem } from '../../../infra/model/index.ts';
import { countAttemptRequest } from '../../../resolvers/lib/count-attempt.ts';
import { normalizeCode, normalizeSessionId } from '../../../resolvers/lib/input.ts';
import { countFailure, lockMailbox } from '../../../resolvers/lib/mailbox-guard.ts';
import { codesToCheck, type CodeToCheck } from '../../../resolvers/lib/stored-codes.ts';
import { epochMillisToIso } from '../../../resolvers/lib/time.ts';
import { failureOutcome, verifySessionAnswer, verifySessionTransaction } from '../../../resolvers/lib/verify-steps.ts';
import type { SignInConfig } from './config.ts';
import { runTransactWrite, runUpdateItem } from './dynamodb-adapter.ts';

export interface VerifyDependencies {
  config: SignInConfig;
  dynamoDb: DynamoDBClient;
  kms: KMSClient;
  nowMillis: () => number;
}

/** What happened, for the log (never the answer): the status verifyOtp would have answered, or why nothing was counted. */
export type VerifyOutcome =
  | { answerCorrect: boolean; status: string; sessionId: string }
  | { answerCorrect: false; status: 'NO_SESSION' | 'MALFORMED' | 'NOT_COUNTED'; sessionId?: string };

export async function verifyAnswer(event: VerifyAuthChallengeResponseTriggerEvent, deps: VerifyDependencies): Promise<VerifyOutcome> {
  const { config, dynamoDb } = deps;
  const { tableName, maxAttempts, retentionSeconds } = config.otp;
  const sessionId = normalizeSessionId(event.request.privateChallengeParameters?.sessionId ?? '');
  if (sessionId === null) return { answerCorrect: false, status: 'NO_SESSION' };
  const answer = typeof event.request.challengeAnswer === 'string' ? event.request.challengeAnswer : '';
  const code = normalizeCode(answer);
  // Not a code at all: nothing to compare, nothing counted (as verifyOtp's BadRequest); Define caps the answers.
  if (code === null) return { answerCorrect: false, status: 'MALFORMED', sessionId };

  const nowMillis = deps.nowMillis();
  const nowSeconds = Math.floor(nowMillis / 1000);
  const counted = await runUpdateItem<SessionItem>(dynamoDb, tableName, countAttemptRequest({ sessionId, nowSeconds, maxAttempts, path: 'signIn' }));
  if (counted.conditionFailed) return { answerCorrect: false, status: 'NOT_COUNTED', sessionId };
  const session = counted.item;

  const matchedMac = await firstMatchingMac(deps.kms, sessionId, code, codesToCheck(session.codes));
  if (matchedMac) {
    const written = await runTransactWrite<SessionItem>(
      dynamoDb,
      verifySessionTransaction({ tableName, sessionId, matchedMac, mailbox: session.mailbox, nowSeconds, nowIso: epochMillisToIso(nowMillis), retentionSeconds }),
    );
    const verdict = verifySessionAnswer(written, nowSeconds, maxAttempts);
    if (!verdict) throw new Error('The code could not be checked.');
    return { answerCorrect: verdict.status === 'VERIFIED', status: verdict.status, sessionId };
  }

  const guard = await runUpdateItem<GuardItem>(dynamoDb, tableName, countFailure(session.mailbox, nowSeconds, config.failureBudget));
  const outcome = failureOutcome({ guard: guard.item, nowSeconds, limits: config.failureBudget, attemptsAfter: session.attempts, maxAttempts });
  // A false condition means a concurrent failure already set a later lock: locked either way.
  if (outcome.lockUntil) await runUpdateItem(dynamoDb, tableName, lockMailbox(session.mailbox, outcome.lockUntil, nowSeconds, config.failureBudget));
  return { answerCorrect: false, status: outcome.answer.status, sessionId };
}

/**
 * The stored MAC KMS accepts `code` for, or null when it accepts none. KMS answers a mismatch with
 * KMSInvalidMacException; any other error says nothing about the code and is thrown (fail closed).
 */
async function firstMatchingMac(kms: KMSClient, sessionId: string, code: string, codes: CodeToCheck[]): Promise<string | null> {
  const message = new TextEncoder().encode(codeMacMessage(sessionId, code));
  for (const stored of codes) {
    try {
      const output = await kms.send(
        new VerifyMacCommand({ KeyId: stored.keyId, Message: message, Mac: Buffer.from(stored.mac, 'base64'), MacAlgorithm: CODE_MAC_ALGORITHM }),
      );
      if (output.MacValid === true) return stored.mac;
      throw new Error('KMS answered VerifyMac without MacValid');
    } catch (error) {
      if (error instanceof KMSInvalidMacException) continue;
      // The SDK's error carries the request's parameters nowhere in its message; rethrown by name only, to be sure.
      throw new Error(`The code could not be checked (${error instanceof Error ? error.name : 'unknown error'}).`);
    }
  }
  return null;
}
