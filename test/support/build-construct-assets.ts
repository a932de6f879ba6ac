/**
 * Vitest global setup (every project): builds the construct package's code (infra/dist/assets) and entry
 * (infra/dist/index.js) once before any test constructs an OtpService or synthesizes an app that imports the package.
 */
import { buildAssets, buildEntry } from '../../infra/build/build-package.ts';

/**
 * Every project inherits this set-up from the root config and vitest runs the projects' set-ups one after another in
 * its main process: the first build serves them all (each project loads this file anew, so the mark is on the process).
 */
const BUILT = Symbol.for('otp-appsync.construct-assets-built');

export default async function setup(): Promise<void> {
  const processState = globalThis as { [BUILT]?: Promise<void> };
  processState[BUILT] ??= (async () => {
    buildAssets();
    await buildEntry();
  })();
  await processState[BUILT];
}
