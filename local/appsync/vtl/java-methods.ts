/**
 * Java behaviour of the values a VTL template handles. AppSync runs Velocity on the JVM, so `$map.put(k, v)`,
 * `$list.add(x)`, `$s.length()`, `$map.keySet()`… are java.util.Map / List / String methods. Our values stay plain
 * JSON-shaped JavaScript (objects, arrays, strings, numbers) so `$util` and the data sources take them as they are;
 * these handlers (velocityjs `customMethodHandlers`, consulted before any real method) give them the Java methods.
 * A name not listed here falls through to velocityjs (a real function property, e.g. `$util.toJson`, or its getters).
 */

/** What velocityjs hands a method handler. */
export interface MethodCall {
  property: string;
  context: unknown;
  params: unknown[];
}

/** A velocityjs `customMethodHandlers` entry. */
export interface MethodHandler {
  uid: string;
  match(call: MethodCall): boolean;
  resolve(call: MethodCall): unknown;
}

type Implementation<T> = (self: T, params: unknown[]) => unknown;

/** Java's equals for JSON values: by value for strings, numbers, booleans; structurally for lists and maps. */
function javaEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function index(value: unknown): number {
  return Math.trunc(Number(value));
}

/** java.util.Map on a plain object. `put`/`remove` answer the previous value, null when none (Java's contract). */
const MAP_METHODS: Record<string, Implementation<Record<string, unknown>>> = {
  put: (map, [key, value]) => {
    const previous = map[String(key)];
    map[String(key)] = value;
    return previous ?? null;
  },
  putAll: (map, [other]) => {
    Object.assign(map, other ?? {});
    return null;
  },
  get: (map, [key]) => (Object.hasOwn(map, String(key)) ? map[String(key)] : null),
  getOrDefault: (map, [key, fallback]) => (Object.hasOwn(map, String(key)) ? map[String(key)] : fallback),
  containsKey: (map, [key]) => Object.hasOwn(map, String(key)),
  containsValue: (map, [value]) => Object.values(map).some((item) => javaEquals(item, value)),
  keySet: (map) => Object.keys(map),
  values: (map) => Object.values(map),
  entrySet: (map) => Object.entries(map).map(([key, value]) => ({ key, value })),
  size: (map) => Object.keys(map).length,
  isEmpty: (map) => Object.keys(map).length === 0,
  remove: (map, [key]) => {
    const previous = map[String(key)];
    delete map[String(key)];
    return previous ?? null;
  },
  clear: (map) => {
    for (const key of Object.keys(map)) delete map[key];
    return null;
  },
  equals: (map, [other]) => javaEquals(map, other),
};

/** java.util.List on an array. `add` answers true, `set` the previous element, `remove(int)` the removed one. */
const LIST_METHODS: Record<string, Implementation<unknown[]>> = {
  add: (list, params) => {
    if (params.length >= 2) list.splice(index(params[0]), 0, params[1]);
    else list.push(params[0]);
    return true;
  },
  addAll: (list, [other]) => {
    list.push(...(Array.isArray(other) ? other : []));
    return true;
  },
  get: (list, [position]) => list[index(position)] ?? null,
  set: (list, [position, value]) => {
    const previous = list[index(position)];
    list[index(position)] = value;
    return previous ?? null;
  },
  size: (list) => list.length,
  isEmpty: (list) => list.length === 0,
  contains: (list, [value]) => list.some((item) => javaEquals(item, value)),
  containsAll: (list, [other]) => (Array.isArray(other) ? other : []).every((value) => list.some((item) => javaEquals(item, value))),
  indexOf: (list, [value]) => list.findIndex((item) => javaEquals(item, value)),
  lastIndexOf: (list, [value]) => list.map((item) => javaEquals(item, value)).lastIndexOf(true),
  /** remove(int) by position (a number argument), remove(Object) by value (true when something was removed). */
  remove: (list, [target]) => {
    if (typeof target === 'number') return list.splice(index(target), 1)[0] ?? null;
    const position = list.findIndex((item) => javaEquals(item, target));
    if (position >= 0) list.splice(position, 1);
    return position >= 0;
  },
  clear: (list) => {
    list.length = 0;
    return null;
  },
  subList: (list, [from, to]) => list.slice(index(from), index(to)),
  equals: (list, [other]) => javaEquals(list, other),
};

/** Java's String.split drops trailing empty strings (limit 0). */
function javaSplit(text: string, pattern: unknown, limit: unknown): string[] {
  const regex = new RegExp(String(pattern), 'u');
  const max = limit === undefined ? 0 : index(limit);
  const parts = max > 0 ? splitLimited(text, regex, max) : text.split(regex);
  if (max === 0) while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function splitLimited(text: string, regex: RegExp, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < max - 1) {
    const found = regex.exec(rest);
    if (!found || found[0].length === 0) break;
    parts.push(rest.slice(0, found.index));
    rest = rest.slice(found.index + found[0].length);
  }
  parts.push(rest);
  return parts;
}

/** java.lang.String on a string. Regex arguments (replaceAll, replaceFirst, split, matches) are Java regex strings. */
const STRING_METHODS: Record<string, Implementation<string>> = {
  length: (text) => text.length,
  isEmpty: (text) => text.length === 0,
  contains: (text, [part]) => text.includes(String(part)),
  startsWith: (text, [prefix, offset]) => text.startsWith(String(prefix), offset === undefined ? 0 : index(offset)),
  endsWith: (text, [suffix]) => text.endsWith(String(suffix)),
  equals: (text, [other]) => text === other,
  equalsIgnoreCase: (text, [other]) => typeof other === 'string' && text.toLowerCase() === other.toLowerCase(),
  indexOf: (text, [part, from]) => text.indexOf(String(part), from === undefined ? 0 : index(from)),
  lastIndexOf: (text, [part]) => text.lastIndexOf(String(part)),
  substring: (text, [begin, end]) => text.substring(index(begin), end === undefined ? undefined : index(end)),
  charAt: (text, [position]) => text.charAt(index(position)),
  concat: (text, [other]) => text + String(other),
  toUpperCase: (text) => text.toUpperCase(),
  toLowerCase: (text) => text.toLowerCase(),
  trim: (text) => text.trim(),
  /** Java's replace(CharSequence, CharSequence) replaces every literal occurrence. */
  replace: (text, [target, replacement]) => text.split(String(target)).join(String(replacement)),
  replaceAll: (text, [pattern, replacement]) => text.replace(new RegExp(String(pattern), 'gu'), String(replacement)),
  replaceFirst: (text, [pattern, replacement]) => text.replace(new RegExp(String(pattern), 'u'), String(replacement)),
  split: (text, [pattern, limit]) => javaSplit(text, pattern, limit),
  matches: (text, [pattern]) => new RegExp(`^(?:${String(pattern)})$`, 'u').test(text),
  compareTo: (text, [other]) => (text < String(other) ? -1 : text > String(other) ? 1 : 0),
  toString: (text: string) => text,
};

/** java.lang.Number on a number (Integer/Long/Double alike). */
const NUMBER_METHODS: Record<string, Implementation<number>> = {
  intValue: (value) => Math.trunc(value),
  longValue: (value) => Math.trunc(value),
  doubleValue: (value) => value,
  floatValue: (value) => value,
  equals: (value, [other]) => value === other,
  toString: (value: number) => String(value),
};

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The Java implementation of `call`, if its receiver has one (a function property of the object itself wins). */
function implementationOf(call: MethodCall): (() => unknown) | undefined {
  const { context, property, params } = call;
  if (typeof context === 'string') return Object.hasOwn(STRING_METHODS, property) ? () => STRING_METHODS[property]!(context, params) : undefined;
  if (typeof context === 'number') return Object.hasOwn(NUMBER_METHODS, property) ? () => NUMBER_METHODS[property]!(context, params) : undefined;
  if (Array.isArray(context)) return Object.hasOwn(LIST_METHODS, property) ? () => LIST_METHODS[property]!(context, params) : undefined;
  if (isMap(context) && typeof context[property] !== 'function' && Object.hasOwn(MAP_METHODS, property)) {
    return () => MAP_METHODS[property]!(context, params);
  }
  return undefined;
}

/** The handlers to give velocityjs's Compile (`customMethodHandlers`). */
export const JAVA_METHOD_HANDLERS: MethodHandler[] = [
  {
    uid: 'appsync: java methods',
    match: (call) => implementationOf(call) !== undefined,
    resolve: (call) => implementationOf(call)?.(),
  },
];
