/**
 * Which Lambda runtimes the local stack can run, by family: Node.js (plain `node`, function-host.mjs) and Python
 * (the machine's `python3`, python-host.py). Everything else (Java, .NET, Ruby, custom runtimes, container images)
 * has no local host.
 */

/** A runtime family with a local host. */
export type RuntimeFamily = 'nodejs' | 'python';

/** The families, as messages name them. */
export const RUNNABLE_RUNTIMES_TEXT = 'Node.js and Python';

/**
 * The family of a Lambda runtime identifier, or undefined when the local stack cannot run it.
 * @param runtime the template's `Runtime` (`nodejs22.x`, `python3.12`, `java21`…); undefined for container images.
 * @example runtimeFamily('python3.12') // 'python'
 */
export function runtimeFamily(runtime: string | undefined): RuntimeFamily | undefined {
  if (runtime?.startsWith('nodejs')) return 'nodejs';
  if (runtime?.startsWith('python3')) return 'python';
  return undefined;
}

/** How messages name a function's runtime: its identifier, or `a container image` when it has none. */
export function describeRuntime(runtime: string | undefined): string {
  return runtime ?? 'a container image';
}
