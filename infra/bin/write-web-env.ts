/**
 * Writes web/.env (VITE_GRAPHQL_URL, VITE_API_KEY, VITE_OTP_CODE_LENGTH, and VITE_COGNITO_USER_POOL_ID and
 * VITE_COGNITO_CLIENT_ID when the stack has a user pool) from the outputs of the last `npm run deploy`
 * (`cdk deploy --outputs-file .local/cdk-outputs.json`), so `npx vite web` talks to the deployed API.
 * Usage: `tsx infra/bin/write-web-env.ts [outputs-file] [env-file]`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { webEnvFromCdkOutputs } from '../lib/web-env.ts';

/** infra/bin/../.. */
const repoRoot = resolve(import.meta.dirname, '..', '..');
const outputsPath = process.argv[2] ?? join(repoRoot, '.local', 'cdk-outputs.json');
const envPath = process.argv[3] ?? join(repoRoot, 'web', '.env');
const shown = relative(process.cwd(), outputsPath) || outputsPath;

try {
  if (!existsSync(outputsPath)) {
    throw new Error(`${shown} does not exist: deploy with 'npm run deploy' (it passes --outputs-file ${shown}) first`);
  }
  writeFileSync(envPath, webEnvFromCdkOutputs(readFileSync(outputsPath, 'utf8'), shown));
  console.log(`Wrote ${relative(process.cwd(), envPath) || envPath} from ${shown}`);
} catch (error) {
  console.error(`write-web-env: ${(error as Error).message}`);
  process.exitCode = 1;
}
