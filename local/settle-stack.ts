/**
 * A local stack's settle barrier (LocalStack.settled): resolves once the stack has dealt with everything written
 * before the call, and with what that work wrote in turn. Tests use it where they would otherwise wait a fixed while
 * for something that must not happen (a second email, an event for a refused request): after it, whatever the stack
 * was going to do about those writes is done, however slow the machine.
 */

export interface SettleOptions {
  /**
   * Rounds at most. Each round deals with what was written before it began: the first with the caller's writes, the
   * second with what the first round's invocations wrote, and so on. Rounds end early once one sees no activity (no
   * write through an engine, no invocation). A stack kept busy from elsewhere (a shared test stack) runs them all,
   * which still covers chains of that many steps. @default 5
   */
  maxRounds?: number;
  /** Rejects after this long. @default 60000 */
  timeoutMs?: number;
}

/** What one round waits on, and how the stack counts its activity. */
export interface SettleParts {
  /** Every stream mapping's records written before the call dealt with. */
  streams(): Promise<void>;
  /** The asynchronous invocations accepted before the call (SNS → Lambda) ended. */
  asyncInvocations(): Promise<void>;
  /** A count that grows with every write through an engine and every invocation's start and end. */
  activities(): number;
}

export async function settleStack(parts: SettleParts, options: SettleOptions = {}): Promise<void> {
  const maxRounds = options.maxRounds ?? 5;
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let round = 0;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The local stack did not settle within ${timeoutMs} ms (round ${round} of at most ${maxRounds}): a stream batch or an invocation is still under way.`)),
      timeoutMs,
    );
  });
  try {
    while (round < maxRounds) {
      round += 1;
      const before = parts.activities();
      await Promise.race([parts.streams(), timedOut]);
      await Promise.race([parts.asyncInvocations(), timedOut]);
      if (parts.activities() === before) return;
    }
  } finally {
    clearTimeout(timer);
  }
}
