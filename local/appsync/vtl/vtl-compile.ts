/**
 * velocityjs with the behaviour of the Velocity 1.7 engine AppSync runs on the JVM where velocityjs follows
 * JavaScript instead, and AppSync's `#return` directive:
 * - truthiness (`#if`, `!`, `&&`, `||`): only null and false are false (Velocity 1.7: "" , 0 and empty lists are true);
 * - `/` and `%` of two integers are integer operations (`5 / 2` is 2); an integer division by zero is null;
 * - a reference whose value is null renders as its own text (`$x`), as an undefined one does (`$!x` renders nothing);
 * - `#return` / `#return(value)` stop the template with the value (aws-appsync-directives).
 */
import { Compile, Helper, parse } from 'velocityjs';
import { JAVA_METHOD_HANDLERS } from './java-methods.ts';

type Ast = ReturnType<typeof parse>[number];
type ReferenceAst = Extract<Ast, { type: 'references' }>;
type MathAst = Extract<Ast, { type: 'math' }>;

/** Thrown by `#return`: the template stops and `value` is its result. */
export class ReturnSignal {
  constructor(readonly value: unknown) {}
}

/** A template velocityjs cannot parse; `line` is 1-based in the template text. */
export class VtlSyntaxError extends Error {
  override name = 'VtlSyntaxError';
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}

/** Velocity 1.7's truth: everything but null and false. */
function isVelocityTrue(value: unknown): boolean {
  return value !== null && value !== undefined && value !== false;
}

/**
 * The bare `#return` directive (no parentheses) is not a macro call to velocityjs; giving it empty parentheses makes it
 * one on the same line, so positions in syntax errors stay right.
 */
function withReturnCalls(template: string): string {
  return template.replace(/#return(?![\s]*\()(?![A-Za-z0-9_])/g, '#return()');
}

/** Parses `template` once (for every render). */
export function parseTemplate(template: string): Ast[] {
  try {
    return parse(withReturnCalls(template));
  } catch (error) {
    const hash = (error as { hash?: { loc?: { first_line?: number }; line?: number } }).hash;
    const lines = (error as Error).message.split('\n').filter((line) => line.trim() !== '');
    // jison's message: "Parse error on line N:", the source line, a caret, "Expecting …" — keep the first and last.
    const summary = lines.length > 1 ? `${lines[0]} ${lines[lines.length - 1]}` : (lines[0] ?? 'Parse error');
    const line = hash?.loc?.first_line ?? (hash?.line === undefined ? undefined : hash.line + 1);
    throw new VtlSyntaxError(summary, line);
  }
}

function isDecimalLiteral(node: Ast | undefined): boolean {
  return typeof node === 'object' && node !== null && node.type === 'decimal';
}

/** One render of a parsed template (velocityjs keeps per-render state in the Compile instance). */
class AppSyncVelocity extends Compile {
  constructor(asts: Ast[]) {
    super(asts, { escape: false, customMethodHandlers: JAVA_METHOD_HANDLERS });
  }

  protected override getReferences(ast: Ast, isVal?: boolean): string {
    const value: unknown = super.getReferences(ast, isVal);
    if (isVal && value === null) {
      const reference = ast as ReferenceAst;
      return this.silence || reference.leader === '$!' ? '' : Helper.getRefText(reference);
    }
    return value as string;
  }

  protected override getExpression(ast: Ast): string {
    if (ast.type !== 'math') return super.getExpression(ast);
    const math = ast as MathAst;
    const [left, right] = math.expression as Ast[];
    const value = (node: Ast | undefined): unknown => (node === undefined ? undefined : this.getExpression(node));
    switch (math.operator) {
      case 'not':
        return !isVelocityTrue(value(left)) as unknown as string;
      case '&&':
        return (isVelocityTrue(value(left)) && isVelocityTrue(value(right))) as unknown as string;
      case '||':
        return (isVelocityTrue(value(left)) || isVelocityTrue(value(right))) as unknown as string;
      case '/':
      case '%': {
        const a = value(left);
        const b = value(right);
        // A decimal literal (5.0) is a Double in Java even when its value is whole; JSON numbers cannot tell.
        const decimal = isDecimalLiteral(left) || isDecimalLiteral(right);
        if (decimal || !Number.isInteger(a) || !Number.isInteger(b)) return super.getExpression(ast);
        if (b === 0) return null as unknown as string;
        const result = math.operator === '/' ? Math.trunc((a as number) / (b as number)) : (a as number) % (b as number);
        return result as unknown as string;
      }
      default:
        return super.getExpression(ast);
    }
  }

  /** `#if/#elseif/#else` with Velocity's truthiness (velocityjs's own uses JavaScript's). */
  getBlockIf(block: Ast[]): string {
    let matched = false;
    const body: Ast[] = [];
    for (const node of block) {
      const type = typeof node === 'object' && node !== null ? node.type : undefined;
      if (type === 'if' || type === 'elseif' || type === 'else') {
        if (matched) break;
        matched = type === 'else' || isVelocityTrue(this.getExpression((node as Extract<Ast, { condition: unknown }>).condition));
        continue;
      }
      if (matched) body.push(node);
    }
    return this.renderAstList(body, this.contextId);
  }
}

/**
 * Renders `asts` with `variables` (`$ctx`, `$util`…). `#return(v)` throws a {@link ReturnSignal}; whatever a helper
 * throws (`$util.error`'s signal, a JavaScript error) propagates.
 */
export function renderAsts(asts: Ast[], variables: Record<string, unknown>): string {
  const macros = {
    return: (...args: unknown[]): never => {
      throw new ReturnSignal(args.length === 0 ? null : (args[0] ?? null));
    },
  };
  return new AppSyncVelocity(asts).render(variables, macros);
}
