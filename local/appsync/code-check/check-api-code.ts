/** Refuses an API whose resolver or function code breaks APPSYNC_JS's language rules, as AppSync refuses to deploy it. */
import type { ApiConfig } from '../../config.ts';
import { findUnsupportedImports, unsupportedImportMessage } from '../runtime/module-imports.ts';
import { lintAppSyncCode } from './lint-code.ts';

/** Thrown by {@link checkApiCode}; `message` lists every violation, one a line. */
export class AppSyncCodeCheckError extends Error {
  constructor(readonly violations: string[]) {
    super(`APPSYNC_JS code check failed:\n${violations.map((line) => `  ${line}`).join('\n')}`);
    this.name = 'AppSyncCodeCheckError';
  }
}

/** One piece of code to check, named the way the error message names it. */
interface CodeUnit {
  /** e.g. `Resolver Mutation.foo`, `Function checkCode`. */
  label: string;
  code: string;
  /** Where the code was read from (`dist/resolvers/Mutation.foo.js`), or a synthetic name. */
  path: string;
}

function codeUnits(api: ApiConfig): CodeUnit[] {
  const units: CodeUnit[] = api.resolvers.map((resolver) => {
    const field = `${resolver.typeName}.${resolver.fieldName}`;
    return { label: `Resolver ${field}`, code: resolver.code, path: resolver.codePath ?? `${field}.js` };
  });
  for (const fn of Object.values(api.functions)) {
    units.push({ label: `Function ${fn.name}`, code: fn.code, path: fn.codePath ?? `${fn.name}.js` });
  }
  return units;
}

/**
 * Lints every resolver's and pipeline function's code with AppSync's base rules, and refuses imports of modules the
 * runtime does not provide (at load time, as AppSync refuses them on create/update, rather than when a request runs).
 * @throws AppSyncCodeCheckError naming each violation:
 *   `Resolver Mutation.foo (dist/resolvers/Mutation.foo.js:12:3): try/catch is not supported in APPSYNC_JS (@aws-appsync/no-try)`
 *   `Resolver Query.bar (dist/resolvers/Query.bar.js:1:1): unsupported import "node:fs": …`
 *   (line and column are in the bundled JavaScript AppSync receives).
 */
export function checkApiCode(api: ApiConfig): void {
  const violations: string[] = [];
  for (const unit of codeUnits(api)) {
    for (const violation of lintAppSyncCode(unit.code)) {
      const rule = violation.ruleId ? ` (${violation.ruleId})` : '';
      violations.push(`${unit.label} (${unit.path}:${violation.line}:${violation.column}): ${violation.message}${rule}`);
    }
    for (const found of findUnsupportedImports(unit.code)) {
      violations.push(`${unit.label} (${unit.path}:${found.line}:${found.column}): ${unsupportedImportMessage(found.specifier)}`);
    }
  }
  if (violations.length > 0) throw new AppSyncCodeCheckError(violations);
}
