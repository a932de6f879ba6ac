/**
 * Lambda's asynchronous invocation (`InvocationType: Event`), for the local services that invoke functions that way
 * (the local SNS's `lambda` subscriptions): the event is accepted at once and run in the background; a function error
 * (an exception, a timeout, a crash) is retried twice, and an event whose retries are exhausted is discarded with an
 * invocation record, as Lambda sends to an on-failure destination. Locally every record is kept in memory and
 * appended to a JSON-lines file, so no discarded event goes unnoticed.
 *
 * Record shape: docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html ("Invocation record").
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { findLocalFunction, type LocalFunction } from './function-directory.ts';
import type { LambdaError } from './host-protocol.ts';

/** Lambda waits about 1 minute before the first retry and 2 before the second; locally 1 and 2 seconds. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000];

/** What Lambda sends to an on-failure destination when it discards an asynchronous event. */
export interface AsyncInvocationRecord {
  version: '1.0';
  timestamp: string;
  requestContext: {
    requestId: string;
    /** The function's ARN with the version invoked (`…:function:name:$LATEST`). */
    functionArn: string;
    condition: 'RetriesExhausted';
    approximateInvokeCount: number;
  };
  /** The event. */
  requestPayload: unknown;
  responseContext: { statusCode: 200; executedVersion: '$LATEST'; functionError: 'Unhandled' };
  /** The last attempt's error. */
  responsePayload: LambdaError;
}

export interface AsyncInvocationsOptions {
  /** The JSON-lines file every discarded event's record is appended to. @default none (memory only) */
  failureFile?: string;
  /** The waits before each retry; their number is the number of retries. @default DEFAULT_RETRY_DELAYS_MS */
  retryDelaysMs?: readonly number[];
  /** Finds a running function by name. @default the local stack's function directory */
  lookup?: (name: string) => LocalFunction | undefined;
  log?: (line: string) => void;
}

/**
 * @example
 * const invocations = new AsyncInvocations({ failureFile: '.local/failed-events/async-on-failure.jsonl' });
 * invocations.invoke('arn:aws:lambda:us-east-1:000000000000:function:audit', { Records: [] }); // true: accepted
 * await invocations.settled();
 * invocations.records(); // the events discarded after their retries
 */
export class AsyncInvocations {
  private readonly discarded: AsyncInvocationRecord[] = [];
  private readonly pending = new Set<Promise<void>>();
  /** Ends each waiting retry early (with false), for stop(). */
  private readonly waiting = new Set<() => void>();
  private stopped = false;

  constructor(private readonly options: AsyncInvocationsOptions = {}) {}

  /**
   * Queues `event` for the function named by `functionArnOrName` (an ARN, qualified or not, or a name).
   * @returns false when no such function runs (Lambda answers the caller ResourceNotFoundException), else true.
   */
  invoke(functionArnOrName: string, event: unknown): boolean {
    const name = functionNameOf(functionArnOrName);
    if (this.stopped || !this.lookup(name)) return false;
    const run = this.run(name, event, randomUUID()).finally(() => this.pending.delete(run));
    this.pending.add(run);
    return true;
  }

  /** The events discarded so far, oldest first. */
  records(): readonly AsyncInvocationRecord[] {
    return [...this.discarded];
  }

  /** Resolves once every accepted event has succeeded or been discarded (tests). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await this.acceptedSettled();
  }

  /**
   * Resolves once the events accepted before the call have succeeded or been discarded; unlike {@link settled}, events
   * accepted meanwhile do not hold it up (a stack's settle rounds, which catch those in their next round).
   */
  async acceptedSettled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** Cancels waiting retries (their events are dropped unrecorded: the stack is going away). */
  stop(): void {
    this.stopped = true;
    for (const cancel of this.waiting) cancel();
    this.waiting.clear();
  }

  private lookup(name: string): LocalFunction | undefined {
    return (this.options.lookup ?? findLocalFunction)(name);
  }

  private async run(name: string, event: unknown, requestId: string): Promise<void> {
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    let error: LambdaError | undefined;
    let arn = name;
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0 && !(await this.wait(delays[attempt - 1] ?? 0))) return;
      // Looked up per attempt: a hot reload may have restarted the function in between.
      const fn = this.lookup(name);
      if (fn) arn = fn.arn;
      const outcome = fn ? await fn.invoke(event) : { error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${name}` } };
      if ('result' in outcome) return;
      error = outcome.error;
      this.options.log?.(`[${name}] async invocation ${requestId} failed (attempt ${attempt + 1} of ${delays.length + 1}): ${error.errorType}: ${error.errorMessage}`);
    }
    await this.discard({
      version: '1.0',
      timestamp: new Date().toISOString(),
      requestContext: { requestId, functionArn: `${arn}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: delays.length + 1 },
      requestPayload: event,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: error ?? { errorType: 'Unknown', errorMessage: 'unknown' },
    });
  }

  /** false when stopped meanwhile. The timer does not keep the process alive. */
  private wait(ms: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(cancel);
        resolve(!this.stopped);
      }, ms);
      timer.unref();
      const cancel = () => {
        clearTimeout(timer);
        resolve(false);
      };
      this.waiting.add(cancel);
    });
  }

  private async discard(record: AsyncInvocationRecord): Promise<void> {
    this.discarded.push(record);
    this.options.log?.(`[${functionNameOf(record.requestContext.functionArn)}] async invocation ${record.requestContext.requestId} discarded after ${record.requestContext.approximateInvokeCount} attempts`);
    if (!this.options.failureFile) return;
    await mkdir(dirname(this.options.failureFile), { recursive: true });
    await appendFile(this.options.failureFile, `${JSON.stringify(record)}\n`);
  }
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` → name; a plain name stays as it is. */
export function functionNameOf(functionArnOrName: string): string {
  const parts = functionArnOrName.split(':');
  return functionArnOrName.startsWith('arn:') && parts[5] === 'function' && parts[6] ? parts[6] : functionArnOrName;
}
