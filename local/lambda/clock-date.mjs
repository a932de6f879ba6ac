// The stack's clock inside a Node.js container (function-host.mjs): a stand-in for the global `Date` that reads the
// machine's time plus an offset the runner sends with each invocation, so a test that moves the stack's clock
// (`adjustableClock()`) moves what the function's `Date.now()`, `new Date()` and `Date()` say too. Only "now" moves:
// `new Date(ms)`, `Date.parse`, `Date.UTC`, `performance.now()` and timers are untouched, so a timeout is still
// measured on the machine's time. Pure: it replaces nothing itself; the host installs it.

/**
 * @param {DateConstructor} MachineDate the real `Date`, whose instances the stand-in makes.
 * @returns {{ ClockDate: DateConstructor, setOffset: (ms: number) => void }}
 */
export function createClockDate(MachineDate) {
  let offsetMs = 0;
  const machineNow = MachineDate.now;
  const now = () => machineNow() + offsetMs;

  // A plain function rather than a class: `Date()` called without `new` must return a string, which a class cannot.
  function ClockDate(...args) {
    if (new.target === undefined) return new MachineDate(now()).toString();
    // `new.target`, not ClockDate: `class Mine extends Date` in the function's code still gets its own prototype.
    return Reflect.construct(MachineDate, args.length === 0 ? [now()] : args, new.target);
  }
  // The same prototype object: dates made before and after the switch are `instanceof` both, and share methods.
  ClockDate.prototype = MachineDate.prototype;
  // Date.parse, Date.UTC and anything else static come from the real Date; only `now` is the clock's.
  Object.setPrototypeOf(ClockDate, MachineDate);
  Object.defineProperty(ClockDate, 'name', { value: 'Date' });
  Object.defineProperty(ClockDate, 'length', { value: 7 });
  Object.defineProperty(ClockDate, 'now', { value: now, writable: true, configurable: true });
  return {
    ClockDate: /** @type {DateConstructor} */ (/** @type {unknown} */ (ClockDate)),
    setOffset(ms) {
      if (!Number.isFinite(ms)) throw new RangeError(`clock offset must be a finite number of milliseconds, got ${String(ms)}`);
      offsetMs = ms;
    },
  };
}
