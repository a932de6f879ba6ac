/** `util.math` (https://docs.aws.amazon.com/appsync/latest/devguide/math-helpers-in-util-math-js.html). Not for security. */
export const math = {
  /** Nearest integer (half up, as Java's Math.round). */
  roundNum: (value: number): number => Math.round(value),
  minVal: (a: number, b: number): number => Math.min(a, b),
  maxVal: (a: number, b: number): number => Math.max(a, b),
  /** A double in [0, 1). */
  randomDouble: (): number => Math.random(),
  /** An integer in [start, end]. Decision: both bounds inclusive (the docs only say "within the specified range"). */
  randomWithinRange: (start: number, end: number): number => {
    const low = Math.ceil(Math.min(start, end));
    const high = Math.floor(Math.max(start, end));
    return low + Math.floor(Math.random() * (high - low + 1));
  },
};
