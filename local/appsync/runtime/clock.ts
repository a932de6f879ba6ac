/**
 * The clock resolvers read "now" from: `util.time` (APPSYNC_JS and VTL) and the time part of `util.autoUlid()` /
 * `util.autoKsuid()`. An engine started with an adjustable clock lets a test jump past a code's lifetime or into the
 * next rate-limit window instead of waiting for it.
 *
 * What resolvers observe moves, and so does what Node.js Lambda functions of a stack started with the clock see:
 * each invocation carries the clock's offset from the machine's time as of its dispatch, and the function's process
 * reads `Date.now()`, `new Date()` and `Date()` at that offset, init code included (lambda/function-runner.ts,
 * lambda/clock-date.mjs). Their timers, `performance.now()` and timeout stay on the machine's time. A function's SigV4
 * dates move with it: the local services allow AWS's 5 minutes of skew, past which the AWS SDK's own clock-skew
 * correction retries once per client (hand-made signatures, e.g. a function calling the engine with SigV4, get no
 * such retry and are refused). Python functions keep the machine's time.
 *
 * Everything that guards the engine itself stays on the machine's time: API key expiry, token `exp`/`nbf`, SigV4
 * request dates and signing, the Lambda authorizer cache, the per-evaluation time limit, and DynamoDB Local (its TTL
 * deletion: an item a moved function or resolver writes lives that much longer, or shorter after `set` backwards), and
 * the local Cognito (its 3-minute sign-in session). A resolver's own `Date` (not part of APPSYNC_JS's documented
 * runtime) is not moved either.
 */

/** A source of "now" in epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** The machine's clock: the engine's default. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that runs at the machine's pace from a chosen offset, which a test moves. */
export interface AdjustableClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds (≥ 0: time never runs backwards by accident; use `set` for that). */
  advance(ms: number): void;
  /** Makes the clock read `ms` (epoch milliseconds) now; it keeps running from there. */
  set(ms: number): void;
}

function finite(value: number, name: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number of milliseconds, got ${String(value)}`);
  return value;
}

/**
 * A clock that keeps running at the machine's pace (so requests made one after another still see time pass, as in
 * AWS) but can be moved forward or set. It starts at the machine's time.
 *
 * @example
 * const clock = adjustableClock();
 * const stack = await startLocalStack({ ...options, clock });
 * clock.advance(61_000); // a 60-second code has now expired for every resolver
 */
export function adjustableClock(): AdjustableClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms) {
      if (finite(ms, 'advance') < 0) throw new RangeError(`advance moves the clock forward only, got ${ms} ms`);
      offset += ms;
    },
    set(ms) {
      offset = finite(ms, 'set') - Date.now();
    },
  };
}
