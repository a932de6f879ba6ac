/** Refuses an API whose resolver or function code breaks APPSYNC_JS's language rules, as AppSync refuses to deploy it. */
import type { ApiConfig } from '../../stack-description.ts';
import { loadModule } from '../runtime/load-module.ts';
import { findUnsupportedImports, unsupportedImportMessage } from '../runtime/module-imports.ts';
import { ModuleLoadError } from '../runtime/signals.ts';
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
 * Why `code` cannot be loaded (top-level code that throws, a syntax the runtime cannot compile), or undefined.
 * Loading here, when the API is loaded, means no such failure is left for a request to meet.
 */
function loadFailure(code: string, path: string): string | undefined {
  try {
    loadModule(code, path);
    return undefined;
  } catch (error) {
    if (error instanceof ModuleLoadError) return error.message;
    throw error;
  }
}

/**
 * Lints every resolver's and pipeline function's code with AppSync's base rules, refuses imports of modules the
 * runtime does not provide, and loads the code once (at load time, as AppSync refuses code on create/update, rather
 * than when a request runs).
 * @throws AppSyncCodeCheckError naming each violation:
 *   `Resolver Mutation.foo (dist/resolvers/Mutation.foo.js:12:3): try/catch is not supported in APPSYNC_JS (@aws-appsync/no-try)`
 *   `Resolver Query.bar (dist/resolvers/Query.bar.js:1:1): unsupported import "node:fs": …`
 *   `Resolver Query.baz (dist/resolvers/Query.baz.js): Cannot load APPSYNC_JS module Query.baz.js: …`
 *   (line and column are in the bundled JavaScript AppSync receives).
 */
export function checkApiCode(api: ApiConfig): void {
  const violations: string[] = [];
  for (const unit of codeUnits(api)) {
    const found: string[] = [];
    for (const violation of lintAppSyncCode(unit.code)) {
      const rule = violation.ruleId ? ` (${violation.ruleId})` : '';
      found.push(`${unit.label} (${unit.path}:${violation.line}:${violation.column}): ${violation.message}${rule}`);
    }
    for (const unsupported of findUnsupportedImports(unit.code)) {
      found.push(`${unit.label} (${unit.path}:${unsupported.line}:${unsupported.column}): ${unsupportedImportMessage(unsupported.specifier)}`);
    }
    // Code already refused is not loaded: its problems are reported above, with their lines.
    const failure = found.length === 0 ? loadFailure(unit.code, unit.path) : undefined;
    if (failure) found.push(`${unit.label} (${unit.path}): ${failure}`);
    violations.push(...found);
  }
  if (violations.length > 0) throw new AppSyncCodeCheckError(violations);
}
