/**
 * Lints APPSYNC_JS code the way AppSync checks it on create/update: `@aws-appsync/eslint-plugin`'s `base` rules
 * (the ones that do not need type information) on the bundled JavaScript, with ESLint's in-process `Linter`.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Linter } from 'eslint';
import { ResultCache } from '../../util/result-cache.ts';

/** One rule violation in a piece of APPSYNC_JS code (1-based line, 1-based column, as ESLint reports them). */
export interface CodeViolation {
  /** e.g. `@aws-appsync/no-try`; null for a syntax error. */
  ruleId: string | null;
  message: string;
  line: number;
  column: number;
  /** Characters covered on the first line (0 when unknown). */
  span: number;
}

/**
 * Clearer wording for the rules people hit most; the plugin's own text ("Try statements are not supported.") is used
 * for the others.
 */
const FRIENDLY_MESSAGES: Record<string, string> = {
  '@aws-appsync/no-try': 'try/catch is not supported in APPSYNC_JS',
  '@aws-appsync/no-classes': 'classes are not supported in APPSYNC_JS',
  '@aws-appsync/no-async': 'async functions are not supported in APPSYNC_JS',
  '@aws-appsync/no-await': 'await is not supported in APPSYNC_JS',
  '@aws-appsync/no-while': 'while and do…while loops are not supported in APPSYNC_JS',
  '@aws-appsync/no-for': 'for(;;) loops are not supported in APPSYNC_JS (use for…of or for…in)',
  '@aws-appsync/no-promise': 'promises are not supported in APPSYNC_JS',
  '@aws-appsync/no-generators': 'generators are not supported in APPSYNC_JS',
};

const require = createRequire(import.meta.url);

interface LoadedLinter {
  linter: Linter;
  config: Linter.Config[];
}

let loaded: LoadedLinter | undefined;

/**
 * ESLint and the plugin take ~1.6 s to load, on every `npm start`'s critical path if imported up front; a cache hit
 * needs neither, so they load on the first miss.
 */
function loadLinter(): LoadedLinter {
  if (loaded) return loaded;
  const { Linter: LinterClass } = require('eslint') as typeof import('eslint');
  const plugin = require('@aws-appsync/eslint-plugin') as { configs?: Record<string, unknown> };
  // `base`: `recommended` adds rules that need TypeScript type information, which bundled JavaScript does not have.
  const base = plugin.configs?.base as Linter.Config | undefined;
  if (!base) throw new Error('@aws-appsync/eslint-plugin has no "base" config');
  loaded = {
    linter: new LinterClass({ configType: 'flat' }),
    config: [{ ...base, languageOptions: { ...base.languageOptions, sourceType: 'module', ecmaVersion: 'latest' } }],
  };
  return loaded;
}

/**
 * Loads ESLint and the plugin now, while the process has nothing else to do: a start whose app is being synthesized
 * waits seconds for the synth, and its code is new to the lint cache more often than not (with the cache empty, the
 * engines' phase of a start went from 1.5–1.9 s to 0.8–1.2 s). A failure to load is left to the lint that needs it.
 */
export function preloadLinter(): void {
  try {
    loadLinter();
  } catch {
    // Reported by lintAppSyncCode, where the code that needed the linter is named.
  }
}

const versionOf = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
/** The linter's versions are part of the cache key: a new plugin release relints everything. */
const LINTER_VERSIONS = `eslint@${versionOf('eslint')} plugin@${versionOf('@aws-appsync/eslint-plugin')}`;

/**
 * Results persist across runs in node_modules/.cache (the usual place for tool caches, ignored by git): linting the
 * project's bundles cold takes 0.5–3.5 s on a loaded 2-core machine, a cache hit well under 1 ms.
 */
export const LINT_CACHE_DIR = resolve(import.meta.dirname, '..', '..', '..', 'node_modules', '.cache', 'appsync-js-lint');

/** Results by hash of linter versions + code, in memory and on disk; and in memory only, for {@link LintOptions.diskCache} false. */
const LINT_KIND = 'lint';
const results = new ResultCache({ dir: LINT_CACHE_DIR, fingerprint: LINTER_VERSIONS });
const memoryResults = new ResultCache({ dir: undefined, fingerprint: LINTER_VERSIONS });

/** Options of {@link lintAppSyncCode}. */
export interface LintOptions {
  /** Read and write the on-disk cache (default true); tests of the rules turn it off. */
  diskCache?: boolean;
}

/** The key (the disk cache's file name, with `.json`) {@link lintAppSyncCode} keeps the result of `code` under. */
export function lintCacheKey(code: string): string {
  return results.keyOf(LINT_KIND, code);
}

/**
 * Lints one module of APPSYNC_JS code; an empty list means AppSync's rules accept it. Cached by hash of the code
 * (and the linter's versions) in memory and on disk.
 */
export function lintAppSyncCode(code: string, options: LintOptions = {}): readonly CodeViolation[] {
  return ((options.diskCache ?? true) ? results : memoryResults).get(LINT_KIND, code, () => lint(code));
}

function lint(code: string): CodeViolation[] {
  const { linter, config } = loadLinter();
  return linter.verify(code, config, { filename: 'code.js' }).map((message) => ({
    ruleId: message.ruleId,
    message: (message.ruleId && FRIENDLY_MESSAGES[message.ruleId]) ?? message.message,
    line: message.line,
    column: message.column,
    span:
      message.endLine === message.line && message.endColumn !== undefined ? Math.max(0, message.endColumn - message.column) : 0,
  }));
}

