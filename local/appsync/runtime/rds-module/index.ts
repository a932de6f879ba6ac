import { agg, insert, remove, select, update } from './builders.ts';
import { createMySQLStatement, createPgStatement } from './render.ts';
import { sql, typeHint } from './statement.ts';
import { toJsonObject } from './to-json-object.ts';

/** The `@aws-appsync/utils/rds` module handlers import (rds-helpers.d.ts; resolver-reference-rds-js). */
export const rdsModule = { sql, typeHint, createPgStatement, createMySQLStatement, select, insert, update, remove, agg, toJsonObject };
