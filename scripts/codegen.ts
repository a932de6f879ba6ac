/**
 * `npm run codegen`: everything generated from a source of truth, in one command — GraphQL Code Generator (types and
 * typed documents from schema.graphql) and the compiled email layout (functions/shared/messages). With `--check`
 * nothing is written and the command fails when a generated file is out of date (`npm test` runs it so).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const check = process.argv.includes('--check');
const root = fileURLToPath(new URL('..', import.meta.url));
const steps: [string, string[]][] = [
  ['graphql-codegen', ['--config', 'codegen.ts', ...(check ? ['--check'] : [])]],
  ['tsx', ['functions/shared/messages/generate-email-layout.ts', ...(check ? ['--check'] : [])]],
];
for (const [command, args] of steps) {
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
