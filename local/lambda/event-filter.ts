/**
 * Lambda event filtering (FilterCriteria) for stream records: EventBridge pattern matching, pure.
 *
 * A pattern is an object whose keys mirror the record's: a nested object descends into the record, an array lists
 * alternatives for the value at that key (any may match). Alternatives are literals (string, number, boolean,
 * null) or one-key operator objects: prefix, suffix, anything-but, numeric, exists, equals-ignore-case, wildcard.
 * `$or: [patterns]` is accepted too. An array value in the record matches when any element matches. Every key of
 * the pattern must match (AND); the filters of one mapping are OR'ed (matchesAnyFilter).
 *
 * Decisions where the documentation is silent: `numeric` only matches JSON numbers (DynamoDB sends N values as
 * strings, so numeric filters on images do not match, as reported for Lambda), and every matcher except
 * `exists: false` requires the field to be present.
 * Sources: docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html, with-ddb-filtering.html,
 * docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html.
 */

/** A parsed filter pattern. */
export type FilterPattern = { [key: string]: FilterPattern | FilterPattern[] | unknown[] };

/** Parses a FilterCriteria pattern (a JSON string) and checks its shape; throws with the reason if invalid. */
export function parseFilterPattern(json: string): FilterPattern {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`Invalid filter pattern (not JSON): ${json}`);
  }
  if (!isPlainObject(parsed)) throw new Error(`Invalid filter pattern (not an object): ${json}`);
  checkPattern(parsed, json);
  return parsed as FilterPattern;
}

/** True when there are no filters, or the record matches at least one of them. */
export function matchesAnyFilter(record: unknown, patterns: readonly FilterPattern[]): boolean {
  return patterns.length === 0 || patterns.some((pattern) => matchesPattern(record, pattern));
}

/** True when the record matches every key of the pattern. */
export function matchesPattern(record: unknown, pattern: FilterPattern): boolean {
  return Object.entries(pattern).every(([key, rule]) => {
    if (key === '$or') return (rule as FilterPattern[]).some((alternative) => matchesPattern(record, alternative));
    const value = isPlainObject(record) ? record[key] : undefined;
    if (Array.isArray(rule)) return matchesAlternatives(value, rule);
    // Descend even into a missing object, so that `exists: false` below it can match.
    return matchesPattern(isPlainObject(value) ? value : undefined, rule as FilterPattern);
  });
}

function matchesAlternatives(value: unknown, alternatives: readonly unknown[]): boolean {
  return alternatives.some((alternative) => {
    if (isPlainObject(alternative) && 'exists' in alternative) {
      const present = value !== undefined;
      return alternative.exists === present;
    }
    if (value === undefined) return false;
    const candidates = Array.isArray(value) ? value : [value];
    return candidates.some((candidate) => matchesOne(candidate, alternative));
  });
}

function matchesOne(value: unknown, matcher: unknown): boolean {
  if (!isPlainObject(matcher)) return matchesLiteral(value, matcher);
  const [operator, operand] = Object.entries(matcher)[0] ?? [];
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && matchesAffix(value, operand, (a, b) => a.startsWith(b));
    case 'suffix':
      return typeof value === 'string' && matchesAffix(value, operand, (a, b) => a.endsWith(b));
    case 'equals-ignore-case':
      return typeof value === 'string' && typeof operand === 'string' && value.toLowerCase() === operand.toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && typeof operand === 'string' && wildcardToRegExp(operand).test(value);
    case 'anything-but':
      return !matchesAnythingButOperand(value, operand);
    case 'numeric':
      return typeof value === 'number' && matchesNumeric(value, operand as unknown[]);
    default:
      return false;
  }
}

function matchesLiteral(value: unknown, literal: unknown): boolean {
  if (literal === null) return value === null;
  return value === literal;
}

/** prefix/suffix take a string or `{ 'equals-ignore-case': string }`. */
function matchesAffix(value: string, operand: unknown, test: (value: string, affix: string) => boolean): boolean {
  if (typeof operand === 'string') return test(value, operand);
  if (isPlainObject(operand) && typeof operand['equals-ignore-case'] === 'string') {
    return test(value.toLowerCase(), operand['equals-ignore-case'].toLowerCase());
  }
  return false;
}

/** What `anything-but` excludes: a literal, a list of literals, or a prefix/suffix/equals-ignore-case rule. */
function matchesAnythingButOperand(value: unknown, operand: unknown): boolean {
  if (Array.isArray(operand)) return operand.some((excluded) => matchesOne(value, excluded));
  return matchesOne(value, operand);
}

function matchesNumeric(value: number, conditions: readonly unknown[]): boolean {
  for (let index = 0; index + 1 < conditions.length; index += 2) {
    const operator = conditions[index];
    const bound = conditions[index + 1];
    if (typeof bound !== 'number') return false;
    const ok =
      operator === '=' ? value === bound
      : operator === '<' ? value < bound
      : operator === '<=' ? value <= bound
      : operator === '>' ? value > bound
      : operator === '>=' ? value >= bound
      : false;
    if (!ok) return false;
  }
  return conditions.length > 0;
}

function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 's');
}

const OPERATORS = new Set(['prefix', 'suffix', 'equals-ignore-case', 'wildcard', 'anything-but', 'numeric', 'exists']);

function checkPattern(pattern: Record<string, unknown>, source: string): void {
  for (const [key, rule] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(rule) || rule.length < 2 || !rule.every(isPlainObject)) {
        throw new Error(`Invalid filter pattern ($or needs at least two patterns): ${source}`);
      }
      rule.forEach((alternative) => checkPattern(alternative, source));
    } else if (Array.isArray(rule)) {
      for (const alternative of rule) {
        if (!isPlainObject(alternative)) continue;
        const keys = Object.keys(alternative);
        if (keys.length !== 1 || !OPERATORS.has(keys[0] ?? '')) {
          throw new Error(`Invalid filter pattern (unknown matcher ${JSON.stringify(alternative)}): ${source}`);
        }
      }
    } else if (isPlainObject(rule)) {
      checkPattern(rule, source);
    } else {
      throw new Error(`Invalid filter pattern (value of "${key}" must be an array or an object): ${source}`);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
