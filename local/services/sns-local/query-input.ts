/**
 * Reading a query-protocol request: parameters in an `application/x-www-form-urlencoded` body (as
 * `@aws-sdk/client-sns` sends them) or in the URL's query string (as an AppSync HTTP data source can); scalars by
 * name, lists as `<name>.member.N`, maps as `<name>.entry.N.<key>` / `<name>.entry.N.<value>`, N from 1.
 */

/** The request's parameters (names are case-sensitive, as SNS reads them). */
export type QueryInput = URLSearchParams;

/** The URL's parameters, then the body's: for a name in both, the body's value is read (ours: SNS's rule unknown). */
export function parseQueryInput(urlSearch: string, body: string): QueryInput {
  const input = new URLSearchParams(urlSearch);
  for (const [name, value] of new URLSearchParams(body)) input.set(name, value);
  return input;
}

/** A scalar parameter; undefined when absent (an empty value is kept: SNS tells "absent" and "empty" apart). */
export function param(input: QueryInput, name: string): string | undefined {
  return input.get(name) ?? undefined;
}

/** `<name>.member.1`, `<name>.member.2`, … in order, up to the first gap. */
export function memberList(input: QueryInput, name: string): string[] {
  const values: string[] = [];
  for (let index = 1; ; index++) {
    const value = input.get(`${name}.member.${index}`);
    if (value === null) return values;
    values.push(value);
  }
}

/**
 * The entries `<name>.entry.N.*` in order of N, up to the first gap, each as its sub-parameters
 * (`{ key: …, value: … }` for a plain map; `{ Name, 'Value.DataType', 'Value.StringValue' }` for message attributes).
 */
export function entries(input: QueryInput, name: string): Record<string, string>[] {
  const prefix = `${name}.entry.`;
  const byIndex = new Map<number, Record<string, string>>();
  for (const [key, value] of input) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf('.');
    const index = Number(rest.slice(0, dot));
    if (dot < 1 || !Number.isInteger(index) || index < 1) continue;
    const entry = byIndex.get(index) ?? {};
    entry[rest.slice(dot + 1)] = value;
    byIndex.set(index, entry);
  }
  const ordered: Record<string, string>[] = [];
  for (let index = 1; byIndex.has(index); index++) ordered.push(byIndex.get(index)!);
  return ordered;
}

/** A plain string map `<name>.entry.N.key` → `<name>.entry.N.value` (later duplicates win). */
export function stringMap(input: QueryInput, name: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of entries(input, name)) {
    if (entry.key !== undefined && entry.value !== undefined) map[entry.key] = entry.value;
  }
  return map;
}
