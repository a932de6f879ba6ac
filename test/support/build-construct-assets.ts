/**
 * Vitest global setup (both projects): builds the construct package's code (infra/dist/assets) once before any test
 * constructs an OtpService, as infra/bin/app.ts does before a synth.
 */
import { buildAssets } from '../../infra/build/build-package.ts';

export default function setup(): void {
  buildAssets();
}
