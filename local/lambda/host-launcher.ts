/** Picks the container host for a function's runtime: Node.js or Python, or the error that says why there is none. */
import type { LambdaFunctionConfig } from '../stack-description.ts';
import { findPython } from './find-python.ts';
import type { HostLaunchOptions, HostProcess, LambdaError } from './host-protocol.ts';
import { launchNodeHost } from './node-host.ts';
import { launchPythonHost } from './python-host.ts';
import { describeRuntime, RUNNABLE_RUNTIMES_TEXT, runtimeFamily } from './runtimes.ts';

/** Starts one container of a function. */
export type HostLauncher = (options: HostLaunchOptions) => HostProcess;

/**
 * The launcher for `config`'s runtime, or the init error an invocation reports when the function cannot start:
 * a runtime without a local host (readStack refuses those before they get here), or Python without `python3`.
 * @param note receives one line when the machine's python3 is not the version the function declares.
 */
export async function hostLauncher(config: LambdaFunctionConfig, note: (line: string) => void): Promise<HostLauncher | { error: LambdaError }> {
  const family = runtimeFamily(config.runtime);
  if (family === 'nodejs') return launchNodeHost;
  if (family === 'python') {
    const python = await findPython();
    if (!python) {
      return {
        error: {
          errorType: 'Runtime.Unavailable',
          errorMessage: `Lambda function ${config.name} (${config.runtime}) runs on the machine's python3, and there is none on the PATH`,
        },
      };
    }
    const declared = config.runtime.slice('python'.length);
    if (declared !== python.version) note(`runtime ${config.runtime}, running on the machine's python3 (${python.version})`);
    return (options) => launchPythonHost(options, python);
  }
  return {
    error: {
      errorType: 'Runtime.Unavailable',
      errorMessage: `Lambda function ${config.name}: ${describeRuntime(config.runtime)} cannot run locally (${RUNNABLE_RUNTIMES_TEXT} only)`,
    },
  };
}
