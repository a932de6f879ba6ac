/**
 * `$util` of AppSync's VTL templates (resolver-util-reference and its pages: dynamodb, time, list, map, math, str,
 * transform, http, xml). Everything whose semantics match is the APPSYNC_JS runtime's own implementation
 * (../runtime/util/), writing errors, logs and headers into the same invocation state; below are the helpers only VTL
 * has (`qr`, `toJson`, `validate`, `dynamodb.*Json`, `list`, `map`, `str.toUpper`…).
 *
 * Every namespace is a fresh, unfrozen object: velocityjs sets an `eval` property on the receiver of each method call
 * it dispatches, and the runtime's shared helper objects are frozen once a JS module loads.
 */
import type { Clock } from '../runtime/clock.ts';
import { createConsole } from '../runtime/console-capture.ts';
import type { InvocationStateRef } from '../runtime/invocation-state.ts';
import { dynamodbUtils, toDynamoDB } from '../runtime/util/dynamodb.ts';
import { resolverError } from '../runtime/util/errors.ts';
import { createUtil } from '../runtime/util/index.ts';
import { UtilErrorSignal } from '../runtime/signals.ts';

/** JSON text of a value; undefined (a missing reference) is `null`, as a Java null is. */
function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** `util.dynamodb.toX` → `toXJson`: the same attribute value as JSON text, for writing into a request template. */
function jsonVariants(): Record<string, (...args: never[]) => string> {
  const variants: Record<string, (...args: never[]) => string> = {};
  for (const [name, helper] of Object.entries(dynamodbUtils)) {
    if (name === 'fromS3ObjectJson') continue;
    variants[`${name}Json`] = (...args: never[]) => toJson((helper as (...a: never[]) => unknown)(...args));
  }
  return variants;
}

/** Java's Comparable order for the values a list can hold (numbers, strings, booleans); others keep their order. */
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

/** `$util.list` (list-helpers-in-util-list). */
const list = {
  copyAndRetainAll: (items: unknown[], keep: unknown[]): unknown[] => items.filter((item) => keep.some((k) => toJson(k) === toJson(item))),
  copyAndRemoveAll: (items: unknown[], drop: unknown[]): unknown[] => items.filter((item) => !drop.some((d) => toJson(d) === toJson(item))),
  /**
   * Sorts a copy of a list of scalars, or of maps by `property`. Decision: values of different types (or missing
   * properties) compare equal and keep their order; the documented 1,000-element limit is not enforced.
   */
  sortList: (items: unknown[], descending: boolean, property: string): unknown[] => {
    const key = (item: unknown): unknown =>
      property && typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[property] : item;
    const sorted = [...items].sort((a, b) => compare(key(a), key(b)));
    return descending ? sorted.reverse() : sorted;
  },
};

/** `$util.map` (utility-helpers-in-map). */
const map = {
  copyAndRetainAllKeys: (source: Record<string, unknown>, keys: string[]): Record<string, unknown> =>
    Object.fromEntries(Object.entries(source ?? {}).filter(([key]) => keys.includes(key))),
  copyAndRemoveAllKeys: (source: Record<string, unknown>, keys: string[]): Record<string, unknown> =>
    Object.fromEntries(Object.entries(source ?? {}).filter(([key]) => !keys.includes(key))),
};

/**
 * Builds `$util` for the VTL templates of one module, writing into `ref`'s current evaluation; `$util.time` reads
 * `clock`, as the APPSYNC_JS runtime's util does (the machine's clock when absent).
 */
export function createVtlUtil(ref: InvocationStateRef, clock?: Clock): Record<string, unknown> {
  const base = createUtil(ref, clock);
  const log = createConsole(ref);
  return {
    ...base,
    time: { ...base.time },
    math: { ...base.math },
    transform: { ...base.transform },
    http: { ...base.http },
    xml: { ...base.xml },
    rds: { ...base.rds },
    /** `$util.qr(…)` / `$util.quiet(…)`: the argument was evaluated (that is the point); nothing is written. */
    qr: () => '',
    quiet: () => '',
    toJson,
    parseJson: (text: unknown): unknown => JSON.parse(String(text)),
    /** `$util.validate(condition, message[, errorType[, data]])`: `$util.error` when the condition is false. */
    validate: (condition: unknown, message: unknown, errorType?: unknown, data?: unknown): string => {
      if (condition !== true) throw new UtilErrorSignal(resolverError(message, errorType, data));
      return '';
    },
    log: {
      info: (...args: unknown[]) => {
        log.info(...args);
        return '';
      },
      error: (...args: unknown[]) => {
        log.error(...args);
        return '';
      },
    },
    dynamodb: { ...dynamodbUtils, toDynamoDB, ...jsonVariants() },
    str: {
      ...base.str,
      toUpper: (text: string) => String(text).toUpperCase(),
      toLower: (text: string) => String(text).toLowerCase(),
      toReplace: (text: string, target: string, replacement: string) => String(text).split(String(target)).join(String(replacement)),
    },
    list: { ...list },
    map: { ...map },
  };
}
