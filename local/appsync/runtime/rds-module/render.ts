import { BuiltInInputError } from '../signals.ts';
import { statementOf } from './statement.ts';

/** The request object of an RDS data source (resolver-return-types.d.ts `RDSRequest`). */
export interface RdsRequest {
  statements: string[];
  variableMap: Record<string, unknown>;
  variableTypeHintMap: Record<string, string>;
}

interface Dialect {
  name: 'createPgStatement' | 'createMySQLStatement';
  quote: string;
  returning: boolean;
}

const POSTGRES: Dialect = { name: 'createPgStatement', quote: '"', returning: true };
const MYSQL: Dialect = { name: 'createMySQLStatement', quote: '`', returning: false };

/** `private.persons` → `"private"."persons"` (recorded); the quote character is doubled inside a name (decided). */
function quoteIdentifier(name: string, quote: string): string {
  return name
    .split('.')
    .map((part) => `${quote}${part.split(quote).join(quote + quote)}${quote}`)
    .join('.');
}

/**
 * Renders up to two statements (recorded): a string is sent verbatim; values become `:P0`, `:P1`, … numbered across
 * both statements, in the order they appear; a type-hinted value adds its hint to `variableTypeHintMap`.
 */
function render(dialect: Dialect, given: unknown[]): RdsRequest {
  const [first, second] = given;
  if (given.length === 0 || first === undefined) throw new BuiltInInputError(`An argument is expected to be passed to ${dialect.name}`);
  const request: RdsRequest = { statements: [], variableMap: {}, variableTypeHintMap: {} };
  for (const statement of second === undefined || second === null ? [first] : [first, second]) {
    if (typeof statement === 'string') {
      request.statements.push(statement);
      continue;
    }
    const parts = statementOf(statement);
    if (!parts) throw new BuiltInInputError(`Unsupported type is passed as argument to ${dialect.name}`);
    if (parts.hasReturning && !dialect.returning) throw new BuiltInInputError('returning is not supported in MySQL.');
    let text = '';
    for (const chunk of parts.chunks) {
      if ('text' in chunk) text += chunk.text;
      else if ('identifier' in chunk) text += quoteIdentifier(chunk.identifier, dialect.quote);
      else {
        const name = `:P${Object.keys(request.variableMap).length}`;
        request.variableMap[name] = chunk.bound.value;
        if (chunk.bound.hint) request.variableTypeHintMap[name] = chunk.bound.hint;
        text += name;
      }
    }
    request.statements.push(text);
  }
  return request;
}

/** An RDS request for PostgreSQL: identifiers quoted with `"` (rds-helpers.d.ts). */
export function createPgStatement(...statements: unknown[]): RdsRequest {
  return render(POSTGRES, statements);
}

/** An RDS request for MySQL: identifiers quoted with backticks; `returning` is refused (recorded). */
export function createMySQLStatement(...statements: unknown[]): RdsRequest {
  return render(MYSQL, statements);
}
