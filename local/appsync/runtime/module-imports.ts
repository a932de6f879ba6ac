import type { Node } from 'acorn';
import { codeResultCache } from './code-result-cache.ts';
import { acorn } from './compiler-packages.ts';

/**
 * The module names APPSYNC_JS code may import (built-in-modules-js, resolver-reference-rds-js,
 * resolver-reference-bedrock-js; the rest of npm is not available in AppSync).
 */
export const SUPPORTED_MODULES: readonly string[] = [
  '@aws-appsync/utils',
  '@aws-appsync/utils/dynamodb',
  '@aws-appsync/utils/rds',
  '@aws-appsync/utils/ai',
];

/** An import of a module the runtime does not provide, at a 1-based line and column of the code. */
export interface UnsupportedImport {
  specifier: string;
  line: number;
  column: number;
}

/** The text every refusal of an unsupported import uses (load time, code check, EvaluateCode). */
export function unsupportedImportMessage(specifier: string): string {
  const allowed = SUPPORTED_MODULES.map((name) => `"${name}"`).join(', ');
  return `unsupported import "${specifier}": APPSYNC_JS code may import only ${allowed}`;
}

type AnyNode = Node & Record<string, unknown>;

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * `require('x')`: APPSYNC_JS has no `require`, but the runtime compiles modules to CommonJS, so a call would otherwise
 * reach the runtime's own loader when a request runs. Unconfirmed, decided: refused like an import (a local function
 * named `require` would be refused too; APPSYNC_JS code has no reason to define one).
 */
function requireSpecifier(node: AnyNode): string | undefined {
  if (node.type !== 'CallExpression') return undefined;
  const callee = node.callee as { type?: string; name?: string };
  if (callee.type !== 'Identifier' || callee.name !== 'require') return undefined;
  const [first] = node.arguments as { type?: string; value?: unknown }[];
  return first?.type === 'Literal' && typeof first.value === 'string' ? first.value : '<computed>';
}

/** The module specifier a node imports, if it is an import/re-export or a dynamic `import('…')` with a literal. */
function specifierOf(node: AnyNode): string | undefined {
  const required = requireSpecifier(node);
  if (required !== undefined) return required;
  const kinds = ['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ImportExpression'];
  if (!kinds.includes(node.type)) return undefined;
  const source = node.source as { type?: string; value?: unknown } | null | undefined;
  if (!source) return undefined;
  return source.type === 'Literal' && typeof source.value === 'string' ? source.value : '<computed>';
}

/**
 * Lists every import of a module other than {@link SUPPORTED_MODULES}, with its position, so the code can be refused
 * when it is loaded (AppSync refuses it when the resolver is created), never when a request runs it. Code that does
 * not parse yields nothing: syntax errors are reported by the compiler and the code check.
 */
export function findUnsupportedImports(code: string): UnsupportedImport[] {
  return codeResultCache().get('imports', code, () => scanImports(code));
}

function scanImports(code: string): UnsupportedImport[] {
  let program: Node;
  try {
    program = acorn().parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  } catch {
    return [];
  }
  const found: UnsupportedImport[] = [];
  const pending: unknown[] = [program];
  // An explicit stack rather than recursion: bundles can nest deeply, and APPSYNC_JS has no recursion limit to mirror.
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      pending.push(...(value as unknown[]));
      continue;
    }
    if (!isNode(value)) continue;
    const specifier = specifierOf(value);
    if (specifier !== undefined && !SUPPORTED_MODULES.includes(specifier)) {
      const start = value.loc?.start;
      found.push({ specifier, line: start?.line ?? 1, column: (start?.column ?? 0) + 1 });
    }
    for (const [key, child] of Object.entries(value)) {
      if (key !== 'loc' && typeof child === 'object' && child !== null) pending.push(child);
    }
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}
