/** A numeric template property, or `fallback` when absent (templates may hold numbers as strings). */
export function numberOr(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new Error(`Expected a number, got ${JSON.stringify(value)}`);
  return number;
}

/** A map of string values (environment variables), numbers and booleans stringified as CloudFormation does. */
export function stringRecord(value: unknown, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
      throw new Error(`${what}.${key}: expected a string, got ${JSON.stringify(item)}`);
    }
    out[key] = String(item);
  }
  return out;
}
