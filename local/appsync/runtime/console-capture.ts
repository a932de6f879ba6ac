import { currentState, type InvocationStateRef } from './invocation-state.ts';

/** The `console` handlers see; lines go to `EvaluationResult.logs` instead of the process output. */
export interface CapturedConsole {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Strings as they are, anything else as JSON (the form AppSync's logs show objects in). */
function formatArgument(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return '[Function]';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Builds the console. Decision (the exact line prefix AppSync writes could not be confirmed from the docs): each line is
 * `<LEVEL> - <arguments joined by a space>`, LEVEL being INFO for log/info/debug, WARN, or ERROR.
 */
export function createConsole(ref: InvocationStateRef): CapturedConsole {
  const write = (level: string, args: unknown[]): void => {
    currentState(ref).logs.push(`${level} - ${args.map(formatArgument).join(' ')}`);
  };
  return {
    log: (...args) => write('INFO', args),
    info: (...args) => write('INFO', args),
    debug: (...args) => write('DEBUG', args),
    warn: (...args) => write('WARN', args),
    error: (...args) => write('ERROR', args),
  };
}
