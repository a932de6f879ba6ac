import type { Node } from 'acorn';
import { acorn } from './compiler-packages.ts';

/** Name of the tick function the instrumented code calls; a parameter of the module's function wrapper. */
export const TICK_NAME = '__appsyncTick__';

/** Text inserted at one place of the generated code: `length` characters at 1-based `line`, 0-based `column`. */
export interface Insertion {
  line: number;
  column: number;
  length: number;
}

/** The instrumented code and where text was inserted (to map error columns back). */
export interface InstrumentedCode {
  code: string;
  insertions: Insertion[];
}

/** The parts of an ESTree node this file reads. */
interface EsNode extends Node {
  body?: EsNode | EsNode[];
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

/** Every ESTree node under `node` (itself included), depth first. */
function walk(node: EsNode, visit: (node: EsNode) => void): void {
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) walk(item, visit);
    } else if (isNode(value)) {
      walk(value, visit);
    }
  }
}

function isNode(value: unknown): value is EsNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Offsets where each line starts, to turn an offset into a line and column. */
function lineStarts(code: string): number[] {
  const starts = [0];
  for (const match of code.matchAll(/\r\n?|\n|\u2028|\u2029/g)) starts.push((match.index ?? 0) + match[0].length);
  return starts;
}

function lineAndColumn(starts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] as number) };
}

/**
 * Inserts a call to the tick function at the start of every function body and loop body, without adding lines.
 *
 * Why: Node's `vm` timeout starts a watchdog thread per call (0.2–0.4 ms, more than a whole evaluation), so the time
 * limit is enforced by the code itself: every loop iteration and every function entry ticks, and the tick throws once
 * the deadline has passed. Runaway loops, recursion and array-method callbacks are all covered; a single long-running
 * built-in call (a huge regular expression backtrack, say) is not — `hardTimeout` adds the `vm` watchdog for that.
 * Parsed with acorn (what ESLint parses with), not TypeScript: loading TypeScript cost ~1.4 s of every start.
 */
export function instrument(code: string): InstrumentedCode {
  const program = acorn().parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as EsNode;
  const edits: { at: number; text: string }[] = [];
  const call = `${TICK_NAME}();`;

  /** Puts the tick first in a block body, or wraps a single statement / expression body. */
  const tickBody = (body: EsNode, isExpression: boolean): void => {
    if (body.type === 'BlockStatement') {
      edits.push({ at: body.start + 1, text: call });
    } else if (isExpression) {
      edits.push({ at: body.start, text: `(${TICK_NAME}(), ` }, { at: body.end, text: ')' });
    } else {
      edits.push({ at: body.start, text: `{${call}` }, { at: body.end, text: '}' });
    }
  };

  walk(program, (node) => {
    const body = node.body;
    if (!body || Array.isArray(body)) return;
    if (FUNCTIONS.has(node.type)) tickBody(body, body.type !== 'BlockStatement');
    else if (LOOPS.has(node.type)) tickBody(body, false);
  });

  edits.sort((a, b) => a.at - b.at);
  const starts = lineStarts(code);
  const insertions: Insertion[] = [];
  let output = '';
  let last = 0;
  for (const edit of edits) {
    output += code.slice(last, edit.at) + edit.text;
    last = edit.at;
    insertions.push({ ...lineAndColumn(starts, edit.at), length: edit.text.length });
  }
  output += code.slice(last);
  return { code: output, insertions };
}

/** The 1-based column in the code before instrumentation for a 1-based column in the instrumented code. */
export function columnBeforeInstrumentation(insertions: Insertion[], line: number, column: number): number {
  const target = column - 1;
  let shift = 0;
  for (const insertion of insertions) {
    if (insertion.line !== line) continue;
    const start = insertion.column + shift;
    if (target < start) break;
    if (target < start + insertion.length) return insertion.column + 1;
    shift += insertion.length;
  }
  return target - shift + 1;
}
