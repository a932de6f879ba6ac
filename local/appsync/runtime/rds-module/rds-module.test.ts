/**
 * `@aws-appsync/utils/rds`: documented statement texts from
 * https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-rds-js.html (with our `:P<n>` variables,
 * the form AWS's sample shows for `sql`), the rest pinned as decided in ../README.md.
 */
import { describe, expect, it } from 'vitest';
import { loadModule } from '../load-module.ts';
import { testContext } from '../test-context.ts';
import { rdsModule as rds } from './index.ts';

const pg = rds.createPgStatement;
const mysql = rds.createMySQLStatement;

describe('sql tagged template', () => {
  it('keeps the text, sends values as :P0… (the sample: `… where artist_id = :P0`, { ":P0": 134 })', () => {
    const request = loadModule(
      `import { sql, createPgStatement } from '@aws-appsync/utils/rds';
       export function request(ctx) { return createPgStatement(sql\`select count(*) from album where artist_id = \${ctx.args.id}\`); }
       export function response(ctx) { return ctx.result; }`,
      'sql.js',
    ).evaluate('request', testContext({ arguments: { id: 134 } })).result;
    expect(request).toEqual({ statements: ['select count(*) from album where artist_id = :P0'], variableMap: { ':P0': 134 }, variableTypeHintMap: {} });
  });

  it('numbers variables across two statements and records type hints', () => {
    const s1 = rds.sql(['insert into Post(id, text) values(', ', ', ')'], 'p1', rds.typeHint.JSON([1, 2]));
    const s2 = rds.sql(['select * from Post where id = ', ''], rds.typeHint.UUID('u-1'));
    expect(mysql(s1, s2)).toEqual({
      statements: ['insert into Post(id, text) values(:P0, :P1)', 'select * from Post where id = :P2'],
      variableMap: { ':P0': 'p1', ':P1': '[1,2]', ':P2': 'u-1' },
      variableTypeHintMap: { ':P1': 'JSON', ':P2': 'UUID' },
    });
  });

  it('passes a plain string statement through and refuses anything else', () => {
    expect(pg('SELECT 1').statements).toEqual(['SELECT 1']);
    expect(() => pg({})).toThrow(TypeError);
  });
});

describe('select', () => {
  it.each([
    [{ table: 'persons' }, 'SELECT * FROM "persons"'],
    [{ table: 'private.persons' }, 'SELECT * FROM "private"."persons"'],
    [{ table: 'persons', columns: ['id', 'persons.name'] }, 'SELECT "id", "persons"."name" FROM "persons"'],
    [{ table: 'persons', columns: ['id', 'name'], orderBy: [{ column: 'name' }, { column: 'id', dir: 'DESC' }] }, 'SELECT "id", "name" FROM "persons" ORDER BY "name", "id" DESC'],
    [{ table: 'persons', where: { name: { eq: 'S' }, id: { gt: 10 } } }, 'SELECT * FROM "persons" WHERE "name" = :P0 AND "id" > :P1'],
    [{ table: 'persons', where: { or: [{ name: { eq: 'S' } }, { id: { gt: 10 } }] } }, 'SELECT * FROM "persons" WHERE "name" = :P0 OR "id" > :P1'],
    [{ table: 'persons', where: { not: [{ name: { eq: 'S' } }, { id: { gt: 10 } }] } }, 'SELECT * FROM "persons" WHERE NOT ("name" = :P0 AND "id" > :P1)'],
    [{ table: 'persons', limit: 10, offset: 40 }, 'SELECT * FROM "persons" LIMIT :P0 OFFSET :P1'],
  ])('%j → %s', (payload, statement) => {
    expect(pg(rds.select(payload)).statements).toEqual([statement]);
  });

  it('quotes with backticks for MySQL and sends condition values through the variable map', () => {
    expect(mysql(rds.select({ table: 'persons', where: { name: { beginsWith: 'W' }, age: { between: [1, 2] } } }))).toEqual({
      statements: ['SELECT * FROM `persons` WHERE `name` LIKE :P0 AND `age` BETWEEN :P1 AND :P2'],
      variableMap: { ':P0': 'W%', ':P1': 1, ':P2': 2 },
      variableTypeHintMap: {},
    });
  });

  it('aliases, aggregates, joins, group by, having and subqueries', () => {
    const sub = rds.select({ from: 'album', columns: ['album_id', { tracks: rds.agg.count('track_id') }], groupBy: [1] });
    expect(
      pg(
        rds.select({
          from: { sub },
          columns: ['album_id', { n: 'name' }],
          join: [{ from: 'artist', using: ['artist_id'] }],
          having: { album_id: { count: { ge: 5 } } },
        }),
      ).statements,
    ).toEqual([
      'SELECT "album_id", "name" AS "n" FROM (SELECT "album_id", COUNT("track_id") AS "tracks" FROM "album" GROUP BY 1) AS "sub"' +
        ' JOIN "artist" USING ("artist_id") HAVING COUNT("album_id") >= :P0',
    ]);
  });

  it('accepts a sql statement as the where condition, and typeHint values in conditions', () => {
    const request = pg(rds.select({ from: 'album', where: rds.sql(['length(title) > ', ''], rds.typeHint.DECIMAL(3)) }));
    expect(request).toEqual({
      statements: ['SELECT * FROM "album" WHERE length(title) > :P0'],
      variableMap: { ':P0': '3' },
      variableTypeHintMap: { ':P0': 'DECIMAL' },
    });
  });
});

describe('insert, update, remove', () => {
  it('insert with returning (documented: INSERT INTO "persons"("name") VALUES(:NAME) RETURNING *)', () => {
    expect(pg(rds.insert({ table: 'persons', values: { name: 'Jon' }, returning: '*' }))).toEqual({
      statements: ['INSERT INTO "persons"("name") VALUES(:P0) RETURNING *'],
      variableMap: { ':P0': 'Jon' },
      variableTypeHintMap: {},
    });
  });

  it('update with where and returning', () => {
    expect(pg(rds.update({ table: 'persons', values: { name: 'Jon' }, where: { id: { eq: 3 } }, returning: ['id', 'name'] })).statements).toEqual([
      'UPDATE "persons" SET "name" = :P0 WHERE "id" = :P1 RETURNING "id", "name"',
    ]);
  });

  it('remove is DELETE FROM (decided: the page prints `DELETE "persons"`)', () => {
    expect(mysql(rds.remove({ table: 'persons', where: { id: { eq: 3 } } })).statements).toEqual(['DELETE FROM `persons` WHERE `id` = :P0']);
  });
});

describe('toJsonObject', () => {
  const result = {
    sqlStatementResults: [
      {
        numberOfRecordsUpdated: 0,
        records: [
          [{ stringValue: 'Mark Twain' }, { longValue: 1884 }, { isNull: true }],
          [{ stringValue: 'Jack London' }, { longValue: 1903 }, { booleanValue: true }],
        ],
        columnMetadata: [{ label: 'author', name: 'author' }, { label: 'year' }, { label: 'flag' }],
      },
      { numberOfRecordsUpdated: 1, records: [], columnMetadata: [] },
    ],
  };

  it('turns the Data API result (string or object) into rows per statement (rds-helpers.d.ts example)', () => {
    const rows = [
      { author: 'Mark Twain', year: 1884, flag: null },
      { author: 'Jack London', year: 1903, flag: true },
    ];
    expect(rds.toJsonObject(JSON.stringify(result))).toEqual([rows, []]);
    expect(rds.toJsonObject(result)).toEqual([rows, []]);
  });

  it('returns null for invalid input', () => {
    expect(rds.toJsonObject('not json')).toBeNull();
    expect(rds.toJsonObject({ nope: true })).toBeNull();
  });
});
