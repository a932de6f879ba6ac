/**
 * `@aws-appsync/utils/rds`: the rules AppSync's recorded statements follow (the recordings themselves are replayed by
 * local/appsync/evaluate-code/recorded-cases.test.ts) and the decisions of ../README.md where nothing is recorded.
 */
import { describe, expect, it } from 'vitest';
import { loadModule } from '../load-module.ts';
import { testContext } from '../test-context.ts';
import { rdsModule as rds } from './index.ts';

const pg = rds.createPgStatement;
const mysql = rds.createMySQLStatement;
const statementOf = (statement: object): string | undefined => pg(statement).statements[0];

describe('sql tagged template', () => {
  it('keeps the text and sends values as :P0…, numbered across both statements, with type hints', () => {
    const first = rds.sql(['insert into Post(id, text) values(', ', ', ')'], rds.typeHint.UUID('u-1'), 'hi');
    const second = rds.sql(['select * from Post where id = ', ''], 'u-1');
    expect(mysql(first, second)).toEqual({
      statements: ['insert into Post(id, text) values(:P0, :P1)', 'select * from Post where id = :P2'],
      variableMap: { ':P0': 'u-1', ':P1': 'hi', ':P2': 'u-1' },
      variableTypeHintMap: { ':P0': 'UUID' },
    });
  });

  it('refuses more values than the template has gaps, with AppSync\'s message', () => {
    expect(() => rds.sql(['a'], 1, 2)).toThrow('java.lang.IllegalArgumentException: Unexpected argument passed to sql tagged template');
  });

  it('decided: null is NULL, a module statement is inlined', () => {
    expect(pg(rds.sql(['select ', ', ', ''], null, rds.sql(['now()'])))).toEqual({ statements: ['select NULL, now()'], variableMap: {}, variableTypeHintMap: {} });
  });
});

describe('typeHint', () => {
  it('returns { type, value } (recorded); JSON and DECIMAL are sent as text (decided)', () => {
    expect(rds.typeHint.UUID('abc')).toEqual({ type: 'UUID', value: 'abc' });
    expect(pg(rds.sql(['', ' ', ''], rds.typeHint.JSON({ a: 1 }), rds.typeHint.DECIMAL(1.5)))).toEqual({
      statements: [':P0 :P1'],
      variableMap: { ':P0': '{"a":1}', ':P1': '1.5' },
      variableTypeHintMap: { ':P0': 'JSON', ':P1': 'DECIMAL' },
    });
  });

  it('only hints made by typeHint are read as hints', () => {
    expect(pg(rds.sql(['', ''], { type: 'UUID', value: 'x' })).variableTypeHintMap).toEqual({});
  });
});

describe('select', () => {
  it('writes ORDER BY with ASC by default, LIMIT/OFFSET as variables, identifiers quoted per segment', () => {
    expect(
      pg(rds.select({ table: 'private.persons', columns: ['id', 'persons.name'], orderBy: [{ column: 'name' }, { column: 'id', dir: 'desc' }], limit: 10, offset: 2 })),
    ).toEqual({
      statements: ['SELECT "id", "persons"."name" FROM "private"."persons" ORDER BY "name" ASC, "id" DESC LIMIT :P0 OFFSET :P1'],
      variableMap: { ':P0': 10, ':P1': 2 },
      variableTypeHintMap: {},
    });
  });

  it('joins top-level members with AND unwrapped and parenthesizes every group member', () => {
    expect(statementOf(rds.select({ table: 't', where: { a: { eq: 1, gt: 0 }, or: [{ b: { eq: 2 } }, { c: { ne: 3 } }] } }))).toBe(
      'SELECT * FROM "t" WHERE "a" = :P0 AND "a" > :P1 AND ("b" = :P2) OR ("c" != :P3)',
    );
  });

  it('writes the LIKE, BETWEEN, IS NULL and LENGTH conditions', () => {
    expect(
      pg(rds.select({ table: 't', where: { a: { contains: 'x' }, b: { notContains: 'y' }, c: { beginsWith: 'z' }, d: { between: [1, null] }, e: { attributeExists: false }, f: { size: { gt: 2 } } } })),
    ).toEqual({
      statements: ['SELECT * FROM "t" WHERE "a" LIKE :P0 AND "b" NOT LIKE :P1 AND "c" LIKE :P2 AND "d" BETWEEN :P3 AND NULL AND "e" IS NULL AND LENGTH ("f") > :P4'],
      variableMap: { ':P0': '%x%', ':P1': 'y', ':P2': 'z%', ':P3': 1, ':P4': 2 },
      variableTypeHintMap: {},
    });
  });

  it('leaves WHERE out when the condition renders nothing, and keeps AppSync\'s dangling joiner otherwise', () => {
    expect(statementOf(rds.select({ table: 't', where: { and: [] } }))).toBe('SELECT * FROM "t"');
    expect(statementOf(rds.select({ table: 't', where: { a: { eq: 1 }, b: {} } }))).toBe('SELECT * FROM "t" WHERE "a" = :P0 AND');
  });

  it('refuses input AppSync refuses, with its messages', () => {
    expect(() => rds.select({ table: 't', where: { id: { eq: null } } })).toThrow("Value for id.eq can't be null.");
    expect(() => rds.select({ table: 't', where: { id: { in: [1] } } })).toThrow('Unsupported condition id.in.');
    expect(() => rds.select({ columns: ['id'] })).toThrow("'table' or 'from' key is required.");
    expect(() => rds.select({ table: 't', orderBy: [{ column: 'a', dir: 'up' }] })).toThrow('orderBy dir can have either ASC or DESC found up.');
    expect(() => rds.select({ table: 't', limit: 'ten' })).toThrow('limit expects a number.');
    expect(() => rds.select()).toThrow('An argument is expected to be passed to select');
  });

  it('decided: not, aliases, aggregates, joins, group by, having and subqueries', () => {
    const sub = rds.select({ from: 'album', columns: ['album_id', { tracks: rds.agg.count('track_id') }], groupBy: [1] });
    expect(
      statementOf(
        rds.select({
          from: { sub },
          columns: ['album_id', { n: 'name' }],
          join: [{ from: 'artist', using: ['artist_id'] }],
          where: { not: [{ a: { eq: 1 } }] },
          having: { album_id: { count: { ge: 5 } } },
        }),
      ),
    ).toBe(
      'SELECT "album_id", "name" as "n" FROM (SELECT "album_id", COUNT("track_id") as "tracks" FROM "album" GROUP BY 1) as "sub"' +
        ' JOIN "artist" USING ("artist_id") WHERE NOT (("a" = :P0)) HAVING COUNT ("album_id") >= :P1',
    );
  });
});

describe('insert, update, remove', () => {
  it('insert: NULL for null and undefined values, RETURNING for PostgreSQL only', () => {
    expect(pg(rds.insert({ table: 'persons', values: { name: 'Jon', country: null, city: undefined }, returning: ['id'] }))).toEqual({
      statements: ['INSERT INTO "persons" ("name", "country", "city") VALUES (:P0, NULL, NULL) RETURNING "id"'],
      variableMap: { ':P0': 'Jon' },
      variableTypeHintMap: {},
    });
    expect(() => mysql(rds.insert({ table: 'persons', values: { name: 'Jon' }, returning: '*' }))).toThrow('returning is not supported in MySQL.');
  });

  it('update numbers SET values before the WHERE values; remove is DELETE FROM', () => {
    expect(pg(rds.update({ table: { persons: 'p' }, values: { name: 'Jon' }, where: { id: { eq: 3 } } })).statements).toEqual([
      'UPDATE "p" as "persons" SET "name" = :P0 WHERE "id" = :P1',
    ]);
    expect(mysql(rds.remove({ table: 'persons', where: { id: { eq: 3 } } })).statements).toEqual(['DELETE FROM `persons` WHERE `id` = :P0']);
  });
});

describe('createPgStatement / createMySQLStatement', () => {
  it('send a string verbatim and refuse anything that is not a statement', () => {
    expect(pg('SELECT 1').statements).toEqual(['SELECT 1']);
    expect(() => pg({})).toThrow('Unsupported type is passed as argument to createPgStatement');
    expect(() => mysql()).toThrow('An argument is expected to be passed to createMySQLStatement');
  });
});

describe('toJsonObject', () => {
  const result = {
    sqlStatementResults: [
      { numberOfRecordsUpdated: 1 },
      {
        records: [[{ stringValue: 'Mark Twain' }, { isNull: true }, { arrayValue: { longValues: [1, 2] } }]],
        columnMetadata: [{ name: 'author' }, { name: 'flag' }, { name: 'n', label: 'N' }],
      },
    ],
  };

  it('rows per statement, keyed by label else name, NULL fields left out, a write as [{}] (recorded)', () => {
    expect(rds.toJsonObject(JSON.stringify(result))).toEqual([[{}], [{ author: 'Mark Twain', N: [1, 2] }]]);
    expect(rds.toJsonObject(result)).toEqual([[{}], [{ author: 'Mark Twain', N: [1, 2] }]]);
  });

  it('null for input that is not a Data API result (decided)', () => {
    expect(rds.toJsonObject('not json')).toBeNull();
    expect(rds.toJsonObject({ nope: true })).toBeNull();
  });
});

describe('inside resolver code', () => {
  const mod = loadModule(
    `import { select, createPgStatement } from '@aws-appsync/utils/rds';
     export function request(ctx) { return createPgStatement(select({ table: 'persons', where: { id: { eq: ctx.args.id } } })); }
     export function response(ctx) { return util.rds.toJsonObject(ctx.result); }`,
    'rds.js',
  );

  it('builds the request from ctx', () => {
    expect(mod.evaluate('request', testContext({ arguments: { id: 7 } })).result).toEqual({
      statements: ['SELECT * FROM "persons" WHERE "id" = :P0'],
      variableMap: { ':P0': 7 },
      variableTypeHintMap: {},
    });
  });

  it('a refused input is a Code error with the position and AppSync\'s message, no error class name', () => {
    expect(mod.evaluate('request', testContext({ arguments: {} })).error).toEqual({
      message: "code.js:2:62: Value for id.eq can't be null.",
      errorType: 'Code',
      data: null,
      errorInfo: null,
    });
  });

  it('util.rds.toJsonObject reads the response', () => {
    const ctx = testContext({ result: JSON.stringify({ sqlStatementResults: [{ records: [[{ longValue: 1 }]], columnMetadata: [{ name: 'id' }] }] }) });
    expect(mod.evaluate('response', ctx).result).toEqual([[{ id: 1 }]]);
  });
});
