/**
 * Vitest global setup (both projects): builds the construct package's code (infra/dist/assets) and entry
 * (infra/dist/index.js) once before any test constructs an OtpService or synthesizes an app that imports the package.
 */
import { buildAssets, buildEntry } from '../../infra/build/build-package.ts';

export default async function setup(): Promise<void> {
  buildAssets();
  await buildEntry();
}
