/**
 * Invokes a pool's Lambda triggers as Cognito does: synchronously, through the local stack's running function of
 * that name (lambda/function-directory.ts, looked up at each call so a hot reload's restarted runner is found), with
 * Cognito's event shape, and Cognito's errors: a function error is `UserLambdaValidationException`
 * (`<Trigger> failed with error <message>.`), a function that does not answer within the limit (Cognito's 5 s) or
 * cannot run is `UnexpectedLambdaException`, an answer that is not an event is `InvalidLambdaResponseException`.
 */
import type { UserPoolTriggerName } from '../../stack-description.ts';
import { findLocalFunction } from '../../lambda/function-directory.ts';
import { CognitoError } from './errors.ts';
import type { LocalUserPool } from './local-pool.ts';

/** Cognito's time limit for a synchronous trigger. */
export const TRIGGER_TIMEOUT_MS = 5_000;

/** The common part of every user pool trigger event (the developer guide's "common parameters"). */
export interface TriggerEvent<Request, Response> {
  version: string;
  triggerSource: string;
  region: string;
  userPoolId: string;
  userName: string;
  callerContext: { awsSdkVersion: string; clientId: string };
  request: Request;
  response: Response;
}

export interface TriggerCall<Request, Response> {
  pool: LocalUserPool;
  trigger: UserPoolTriggerName;
  triggerSource: string;
  userName: string;
  /** The app client, or Cognito's `CLIENT_ID_NOT_APPLICABLE` for admin operations. */
  clientId: string;
  request: Request;
  /** The response object as Cognito hands it to the function (its fields null or defaults). */
  response: Response;
}

export interface TriggerInvoker {
  /** Whether the pool has this trigger. */
  has(pool: LocalUserPool, trigger: UserPoolTriggerName): boolean;
  /** The function's `response` object. @throws CognitoError as described above. */
  invoke<Request, Response>(call: TriggerCall<Request, Response>): Promise<Response>;
}

export function createTriggerInvoker(options: { region: string; timeoutMs?: number }): TriggerInvoker {
  const timeoutMs = options.timeoutMs ?? TRIGGER_TIMEOUT_MS;
  return {
    has: (pool, trigger) => pool.config.triggers[trigger] !== undefined,
    async invoke<Request, Response>(call: TriggerCall<Request, Response>): Promise<Response> {
      const target = call.pool.config.triggers[call.trigger];
      if (!target) throw new Error(`unreachable: ${call.trigger} is not configured`);
      const fn = findLocalFunction(target.functionName);
      // Wording ours: Cognito cannot be pointed at a function that does not exist.
      if (!fn) throw new CognitoError('UnexpectedLambdaException', `${call.trigger} invocation failed: function ${target.functionName} is not running locally.`);
      const event: TriggerEvent<Request, Response> = {
        version: '1',
        triggerSource: call.triggerSource,
        region: options.region,
        userPoolId: call.pool.id,
        userName: call.userName,
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: call.clientId },
        request: call.request,
        response: call.response,
      };
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      const outcome = await Promise.race([fn.invoke(event), timedOut]).finally(() => clearTimeout(timer));
      if (outcome === 'timeout') {
        throw new CognitoError('UnexpectedLambdaException', `${call.trigger} invocation failed due to error Socket timeout while invoking Lambda function.`);
      }
      if ('error' in outcome) {
        throw new CognitoError('UserLambdaValidationException', `${call.trigger} failed with error ${outcome.error.errorMessage}.`);
      }
      const result = outcome.result as { response?: unknown } | null;
      if (result === null || typeof result !== 'object' || result.response === null || typeof result.response !== 'object') {
        throw new CognitoError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
      }
      return result.response as Response;
    },
  };
}
