/**
 * `appsync-local`: the command. `start` runs the stack until Ctrl-C / SIGTERM, writing the endpoints file once every
 * part serves and removing it on the way out; `prepare` does a first start's slow work ahead of time (prepare-stack.ts).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Endpoints } from '../endpoints.ts';
import { prepareLocalStack, type PrepareOptions } from '../prepare-stack.ts';
import { startLocalStack, type LocalStack } from '../stack.ts';
import { parseStartArguments, USAGE } from './args.ts';
import { loadConfigFile, mergeConfig } from './load-config.ts';
import { describeStartup } from './startup-summary.ts';

/**
 * Runs the command; resolves with the exit code once it is over (for `start`: after shutdown).
 * @param packageEntry - the compiled package's `index.js` URL when the command runs compiled (bin/appsync-local.mjs)
 */
export async function main(argv: readonly string[], cwd = process.cwd(), packageEntry?: string): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (command !== 'start' && command !== 'prepare') {
    console.error(`appsync-local: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  let endpointsFile: string | undefined;
  let warnOnly = false;
  try {
    const args = parseStartArguments(rest, command);
    warnOnly = args.warnOnly;
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    const { config: fileConfig, dir } = await loadConfigFile(args.configFile, cwd, packageEntry);
    const config = mergeConfig(fileConfig, args);
    if (!config.app && !config.template) throw new Error('Nothing to run: give --app "<command>" or --template FILE (or a config file).');
    // Paths on the command line are relative to where it runs; those in the config file, to the file's folder.
    const fromCli = (path: string | undefined) => (path === undefined ? undefined : resolve(cwd, path));
    const appDir = resolve(dir, config.appDir ?? '.');
    const stateDir = fromCli(args.overrides.stateDir) ?? resolve(appDir, fileConfig.stateDir ?? '.local');
    const template = fromCli(args.overrides.template) ?? config.template;
    // prepare writes no endpoints file, and must not remove a running start's.
    if (command === 'prepare') return await prepare({ ...config, template, appDir, stateDir });
    endpointsFile = fromCli(args.overrides.endpointsFile) ?? resolve(appDir, fileConfig.endpointsFile ?? join(stateDir, 'endpoints.json'));
    return await run({ ...config, template, appDir, stateDir }, endpointsFile, config.name ?? 'appsync-local');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (warnOnly) {
      // An install script's prepare: its work falls to the first start, and the install goes on.
      console.warn(`appsync-local prepare did not finish; the first start will do its work instead: ${message}`);
      return 0;
    }
    console.error(`appsync-local ${command} failed: ${message}`);
    if (endpointsFile) rmSync(endpointsFile, { force: true });
    return 1;
  }
}

async function run(options: Parameters<typeof startLocalStack>[0], endpointsFile: string, name: string): Promise<number> {
  rmSync(endpointsFile, { force: true });
  const started = performance.now();
  // Signals may arrive while the stack is still starting: shutdown stops whatever exists by then.
  const running: { stack?: LocalStack } = {};
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolveFinished) => (finish = resolveFinished));
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    rmSync(endpointsFile, { force: true });
    await running.stack?.stop();
    finish(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const stack = await startLocalStack({
    ...options,
    log: (line) => console.log(line),
    onFatal: (error) => {
      console.error(`\n${error.message}\nStopping.`);
      void shutdown(1);
    },
  });
  running.stack = stack;
  if (stopping) {
    await stack.stop();
    return finished;
  }
  mkdirSync(dirname(endpointsFile), { recursive: true });
  writeFileSync(endpointsFile, `${JSON.stringify(stack.endpoints, null, 2)}\n`);
  console.log(readyMessage(name, stack.endpoints, (performance.now() - started) / 1000, endpointsFile));
  console.log(`Start-up: ${describeStartup(stack.startup)}`);
  return finished;
}

/** `prepare`: prints what it did; a failure throws (main reports it: exit 1, or with --warn-only a warning and 0). */
async function prepare(options: PrepareOptions): Promise<number> {
  const started = performance.now();
  const prepared = await prepareLocalStack(options);
  const archive = { written: 'written', present: 'already there', 'not-written': 'not written (no java, another JVM writing it, or its JVM failed)' }[prepared.classArchive];
  const timings = Object.entries(prepared.timings).map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(', ');
  console.log(
    `appsync-local prepared the first start in ${((performance.now() - started) / 1000).toFixed(1)} s: API code checked (${prepared.apis.join(', ')}), ` +
      `DynamoDB Local's class archive ${archive} (${timings}).`,
  );
  return 0;
}

/** The summary printed once everything serves. */
function readyMessage(name: string, endpoints: Endpoints, seconds: number, endpointsFile: string): string {
  const lines = [`${name} is running offline (ready in ${seconds.toFixed(1)} s)`, ''];
  for (const [apiName, api] of Object.entries(endpoints.apis)) {
    lines.push(`  GraphQL       ${api.graphqlUrl}   ${api.apiKey ? `(x-api-key: ${api.apiKey})` : '(no API key)'}   API ${apiName}`);
  }
  const known = new Set(['graphqlUrl', 'realtimeUrl', 'apiKey', 'apis', 'region', 'sesUrl', 'smsUrl', 'dynamodbUrl', 'kmsUrl', 'userPools', 'iam']);
  for (const [key, value] of Object.entries(endpoints)) {
    if (!known.has(key) && typeof value === 'string') lines.push(`  ${key.padEnd(13)} ${value}`);
  }
  if (endpoints.sesUrl) lines.push(`  SES inbox     ${endpoints.sesUrl}   (GET ${endpoints.sesUrl}/store for JSON)`);
  if (endpoints.smsUrl) lines.push(`  SMS inbox     ${endpoints.smsUrl}   (SNS; GET ${endpoints.smsUrl}/store for JSON)`);
  lines.push(`  DynamoDB      ${endpoints.dynamodbUrl}   (region ${endpoints.region})`);
  lines.push(`  KMS           ${endpoints.kmsUrl}`);
  for (const pool of endpoints.cognito?.userPools ?? []) {
    const clients = pool.clients.map((client) => client.clientId).join(', ') || 'no app client';
    lines.push(`  Cognito       ${endpoints.cognito?.endpoint}   pool ${pool.userPoolId} (${pool.name}), client ${clients}`);
  }
  if (endpoints.cognito) lines.push(`  Cognito codes ${endpoints.cognito.endpoint}/store`);
  for (const pool of endpoints.userPools ?? []) lines.push(`  User pool     ${pool.userPoolId}: tokens from POST ${pool.tokenUrl}`);
  lines.push(`  IAM (SigV4)   access key ${endpoints.iam.accessKeyId}`);
  lines.push('', `Endpoints written to ${endpointsFile}. Ctrl-C stops everything.`);
  return lines.join('\n');
}
