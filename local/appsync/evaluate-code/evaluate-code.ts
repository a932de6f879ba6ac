/**
 * AppSync's EvaluateCode, offline and pure: runs one handler of APPSYNC_JS code against a context and answers in the
 * API's response shape (https://docs.aws.amazon.com/appsync/latest/APIReference/API_EvaluateCode.html).
 *
 * Decisions where AppSync's exact output is not documented:
 * - the code is first checked with the same rules the engine applies at load (code-check/): rule violations come back
 *   as `codeErrors` with errorType `LINT_ERROR`, syntax errors as `PARSER_ERROR` (the two examples the API reference
 *   gives), `error.message` "The code contains errors." and nothing is evaluated;
 * - `util.error` → `error.message` is the util.error message (its errorType/data are not part of the response shape);
 * - a thrown error → `error.message` `code.js:<line>:<col>: TypeError: …` (the runtime's format);
 * - `outErrors` is the JSON array of `util.appendError` errors as `{ message, errorType, data, errorInfo }`;
 * - `runtime.earlyReturn(value)` → `evaluationResult` is the value.
 */
import { createHash } from 'node:crypto';
import { lintAppSyncCode } from '../code-check/lint-code.ts';
import { loadModule } from '../runtime/load-module.ts';
import { findUnsupportedImports, unsupportedImportMessage } from '../runtime/module-imports.ts';
import { ModuleLoadError } from '../runtime/signals.ts';
import type { LoadedModule, ResolverContext } from '../runtime/types.ts';

/** The body of `POST /v1/dataplane-evaluatecode` (EvaluateCodeRequest). */
export interface EvaluateCodeRequest {
  runtime: { name: string; runtimeVersion: string };
  code: string;
  /** The ctx as a JSON string: arguments, source, result, identity, stash, request, info, prev, error… */
  context: string;
  function?: string;
}

/** One problem found in the code before running it (CodeError). */
export interface CodeError {
  errorType: 'LINT_ERROR' | 'PARSER_ERROR';
  value: string;
  location: { line: number; column: number; span: number };
}

/** EvaluateCodeResponse; every member optional, as in the API. */
export interface EvaluateCodeResponse {
  evaluationResult?: string;
  error?: { message: string; codeErrors?: CodeError[] };
  logs?: string[];
  stash?: string;
  outErrors?: string;
}

/** A request the API refuses with HTTP 400 BadRequestException. */
export class EvaluateCodeBadRequest extends Error {
  override name = 'BadRequestException';
}

/** AppSync's limit on resolver code (CreateResolver `code`: 1–32,768 characters). */
export const MAX_CODE_LENGTH = 32_768;

/** Loaded modules by code hash: the same code evaluated again (tests, editors) skips the ~20 ms load. */
const modules = new Map<string, LoadedModule>();
const MAX_CACHED_MODULES = 32;

function loadCached(code: string): LoadedModule {
  const hash = createHash('sha256').update(code).digest('hex');
  let loaded = modules.get(hash);
  if (!loaded) {
    loaded = loadModule(code, 'code.js');
    if (modules.size >= MAX_CACHED_MODULES) modules.delete(modules.keys().next().value as string);
    modules.set(hash, loaded);
  }
  return loaded;
}

function objectOr(value: unknown, fallback: Record<string, unknown>): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : fallback;
}

/** Fills in the parts of ctx the caller left out, so handlers see the shape they see in a real resolver. */
function contextFromJson(json: string): ResolverContext {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new EvaluateCodeBadRequest('The context is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new EvaluateCodeBadRequest('The context must be a JSON object.');
  }
  const given = parsed as Record<string, unknown>;
  const args = objectOr(given.arguments ?? given.args, {});
  const info = objectOr(given.info, {});
  const request = objectOr(given.request, {});
  const ctx: ResolverContext = {
    arguments: args,
    args,
    identity: given.identity === undefined ? null : (given.identity as ResolverContext['identity']),
    source: given.source === undefined ? null : (given.source as ResolverContext['source']),
    stash: objectOr(given.stash, {}),
    request: {
      headers: objectOr(request.headers, {}) as Record<string, string>,
      domainName: typeof request.domainName === 'string' ? request.domainName : null,
    },
    info: {
      fieldName: typeof info.fieldName === 'string' ? info.fieldName : '',
      parentTypeName: typeof info.parentTypeName === 'string' ? info.parentTypeName : '',
      variables: objectOr(info.variables, {}),
      selectionSetList: Array.isArray(info.selectionSetList) ? (info.selectionSetList as string[]) : [],
      selectionSetGraphQL: typeof info.selectionSetGraphQL === 'string' ? info.selectionSetGraphQL : '',
    },
    env: objectOr(given.env, {}) as Record<string, string>,
  };
  if ('result' in given) ctx.result = given.result;
  if ('prev' in given) ctx.prev = objectOr(given.prev, {}) as { result: unknown };
  if ('error' in given) ctx.error = given.error as ResolverContext['error'];
  return ctx;
}

function validate(request: EvaluateCodeRequest): 'request' | 'response' {
  if (request.runtime?.name !== 'APPSYNC_JS' || request.runtime.runtimeVersion !== '1.0.0') {
    throw new EvaluateCodeBadRequest('The runtime must be APPSYNC_JS 1.0.0.');
  }
  if (typeof request.code !== 'string' || request.code.length === 0 || request.code.length > MAX_CODE_LENGTH) {
    throw new EvaluateCodeBadRequest(`The code must be 1 to ${MAX_CODE_LENGTH} characters.`);
  }
  if (typeof request.context !== 'string') throw new EvaluateCodeBadRequest('The context is required.');
  const handler = request.function ?? 'request';
  if (handler !== 'request' && handler !== 'response') {
    throw new EvaluateCodeBadRequest("function must be 'request' or 'response'.");
  }
  return handler;
}

/**
 * Evaluates `request.function` of `request.code` with `request.context`, as AppSync's EvaluateCode does.
 * @throws EvaluateCodeBadRequest for an invalid runtime, code length, function name or context
 */
export function evaluateCode(request: EvaluateCodeRequest): EvaluateCodeResponse {
  const handler = validate(request);
  const ctx = contextFromJson(request.context);
  const codeErrors: CodeError[] = lintAppSyncCode(request.code).map((violation) => ({
    errorType: violation.ruleId ? 'LINT_ERROR' : 'PARSER_ERROR',
    value: violation.ruleId ? `${violation.message} (${violation.ruleId})` : violation.message,
    location: { line: violation.line, column: violation.column, span: violation.span },
  }));
  // An unsupported import is refused before anything runs, like a rule violation (errorType our choice, see README).
  for (const found of findUnsupportedImports(request.code)) {
    codeErrors.push({
      errorType: 'LINT_ERROR',
      value: unsupportedImportMessage(found.specifier),
      location: { line: found.line, column: found.column, span: 0 },
    });
  }
  if (codeErrors.length > 0) return { error: { message: 'The code contains errors.', codeErrors }, logs: [] };

  let loaded: LoadedModule;
  try {
    loaded = loadCached(request.code);
  } catch (error) {
    if (error instanceof ModuleLoadError) return { error: { message: error.message }, logs: [] };
    throw error;
  }
  const evaluation = loaded.evaluate(handler, ctx);
  const response: EvaluateCodeResponse = {
    logs: evaluation.logs,
    stash: JSON.stringify(evaluation.stash ?? {}),
    outErrors: JSON.stringify(evaluation.appendedErrors),
  };
  if (evaluation.error) response.error = { message: evaluation.error.message };
  else response.evaluationResult = JSON.stringify(evaluation.result ?? null);
  return response;
}
