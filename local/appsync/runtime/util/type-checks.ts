/** `util.isNull`: null or undefined. */
export const isNull = (value: unknown): boolean => value === null || value === undefined;

/** `util.isNullOrEmpty`: null or the empty string. */
export const isNullOrEmpty = (value: unknown): boolean => isNull(value) || value === '';

/** `util.isNullOrBlank`: null or a string of whitespace only. */
export const isNullOrBlank = (value: unknown): boolean =>
  isNull(value) || (typeof value === 'string' && value.trim() === '');

/** `util.defaultIfNull`. */
export const defaultIfNull = <T>(value: T, fallback: T): T => (isNull(value) ? fallback : value);

/** `util.defaultIfNullOrEmpty`. */
export const defaultIfNullOrEmpty = <T>(value: T, fallback: T): T => (isNullOrEmpty(value) ? fallback : value);

/** `util.defaultIfNullOrBlank`. */
export const defaultIfNullOrBlank = <T>(value: T, fallback: T): T => (isNullOrBlank(value) ? fallback : value);

/** `util.isString`. */
export const isString = (value: unknown): boolean => typeof value === 'string';

/** `util.isNumber`. */
export const isNumber = (value: unknown): boolean => typeof value === 'number';

/** `util.isBoolean`. */
export const isBoolean = (value: unknown): boolean => typeof value === 'boolean';

/** `util.isList`. */
export const isList = (value: unknown): boolean => Array.isArray(value);

/** `util.isMap`: a plain object (not a list, not null). */
export const isMap = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `util.typeOf`: "Null", "Number", "String", "Map", "List", "Boolean", else "Object" (the names the runtime-utils-js
 * page lists).
 */
export function typeOf(value: unknown): string {
  if (isNull(value)) return 'Null';
  if (isNumber(value)) return 'Number';
  if (isString(value)) return 'String';
  if (isBoolean(value)) return 'Boolean';
  if (isList(value)) return 'List';
  if (isMap(value)) return 'Map';
  return 'Object';
}
