import ts from 'typescript';

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

/**
 * Inserts a call to the tick function at the start of every function body and loop body, without adding lines.
 *
 * Why: Node's `vm` timeout starts a watchdog thread per call (0.2–0.4 ms, more than a whole evaluation), so the time
 * limit is enforced by the code itself: every loop iteration and every function entry ticks, and the tick throws once
 * the deadline has passed. Runaway loops, recursion and array-method callbacks are all covered; a single long-running
 * built-in call (a huge regular expression backtrack, say) is not — `hardTimeout` adds the `vm` watchdog for that.
 */
export function instrument(code: string): InstrumentedCode {
  const file = ts.createSourceFile('code.js', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const edits: { at: number; text: string }[] = [];
  const call = `${TICK_NAME}();`;

  /** Puts the tick first in a block body, or wraps a single statement / expression body. */
  const tickBody = (body: ts.Node, isExpression: boolean): void => {
    if (ts.isBlock(body)) {
      edits.push({ at: body.getStart(file) + 1, text: call });
    } else if (isExpression) {
      edits.push({ at: body.getStart(file), text: `(${TICK_NAME}(), ` }, { at: body.getEnd(), text: ')' });
    } else {
      edits.push({ at: body.getStart(file), text: `{${call}` }, { at: body.getEnd(), text: '}' });
    }
  };

  const visit = (node: ts.Node): void => {
    if (
      (ts.isFunctionDeclaration(node) ||
        ts.isFunctionExpression(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isGetAccessorDeclaration(node) ||
        ts.isSetAccessorDeclaration(node) ||
        ts.isConstructorDeclaration(node)) &&
      node.body
    ) {
      tickBody(node.body, false);
    } else if (ts.isArrowFunction(node)) {
      tickBody(node.body, !ts.isBlock(node.body));
    } else if (
      ts.isForStatement(node) ||
      ts.isForInStatement(node) ||
      ts.isForOfStatement(node) ||
      ts.isWhileStatement(node) ||
      ts.isDoStatement(node)
    ) {
      tickBody(node.statement, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);

  edits.sort((a, b) => a.at - b.at);
  const insertions: Insertion[] = [];
  let output = '';
  let last = 0;
  for (const edit of edits) {
    output += code.slice(last, edit.at) + edit.text;
    last = edit.at;
    const { line, character } = file.getLineAndCharacterOfPosition(edit.at);
    insertions.push({ line: line + 1, column: character, length: edit.text.length });
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
