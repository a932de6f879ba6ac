/**
 * The machine's `python3`, found once per process: its real executable (so a pyenv or asdf shim, which needs the
 * developer's HOME and shell environment, is not run inside a function's bare Lambda environment) and its version.
 */
import { execFile } from 'node:child_process';

/** A Python interpreter the local stack runs Python functions with. */
export interface PythonInterpreter {
  /** Absolute path of the interpreter (`sys.executable`). */
  executable: string;
  /** `major.minor`, e.g. `3.12`. */
  version: string;
}

const PROBE = 'import sys; print(sys.executable); print("%d.%d" % sys.version_info[:2])';

let found: Promise<PythonInterpreter | undefined> | undefined;

/** The `python3` on the PATH, or undefined when there is none (or it does not answer within 10 s). */
export function findPython(): Promise<PythonInterpreter | undefined> {
  found ??= new Promise((resolve) => {
    execFile('python3', ['-c', PROBE], { timeout: 10_000, encoding: 'utf8' }, (error, stdout) => {
      const [executable, version] = error ? [] : stdout.trim().split('\n');
      resolve(executable && version ? { executable, version } : undefined);
    });
  });
  return found;
}
