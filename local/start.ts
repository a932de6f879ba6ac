/**
 * `npm start`: the whole product offline on one machine — DynamoDB Local, the local SES with its inbox viewer,
 * the AppSync engine running the CDK app's resolvers, the email Lambda fed by the table's stream, and the web app.
 * Writes .local/endpoints.json when every part is ready and removes it on Ctrl-C / SIGTERM.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalStack, type LocalStack } from './stack.ts';

const usage = `Usage: npm start -- [options]
  --graphql-port N   AppSync engine (default 20002)
  --dynamodb-port N  DynamoDB Local (default 8000)
  --ses-port N       local SES and its inbox viewer (default 8005)
  --web-port N       web app (default 5173)
  --persist          keep DynamoDB data in .local/dynamodb between runs (default: in memory)
  --no-web           do not serve the web app
  --no-watch         do not reload the API and functions when resolvers/, schema.graphql, functions/ or infra/ change
  --context K=V      CDK context for the synthesized app, e.g. --context codeTtlSeconds=60 (repeatable)`;

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`--${name} must be a port number`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'graphql-port': { type: 'string' },
      'dynamodb-port': { type: 'string' },
      'ses-port': { type: 'string' },
      'web-port': { type: 'string' },
      persist: { type: 'boolean', default: false },
      'no-web': { type: 'boolean', default: false },
      'no-watch': { type: 'boolean', default: false },
      context: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const stateDir = resolve('.local');
  const endpointsFile = join(stateDir, 'endpoints.json');
  rmSync(endpointsFile, { force: true });
  const context = Object.fromEntries(
    values.context.map((pair) => {
      const [key, ...rest] = pair.split('=');
      if (!key || rest.length === 0) throw new Error(`--context takes KEY=VALUE, got "${pair}"`);
      return [key, rest.join('=')];
    }),
  );

  const started = performance.now();
  // Signals may arrive while the stack is still starting: shutdown stops whatever exists by then.
  const running: { stack?: LocalStack } = {};
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    rmSync(endpointsFile, { force: true });
    await running.stack?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const stack = await startLocalStack({
    stateDir,
    context,
    web: !values['no-web'],
    watch: !values['no-watch'],
    persist: values.persist,
    ports: {
      graphql: port(values['graphql-port'], 20002, 'graphql-port'),
      dynamodb: port(values['dynamodb-port'], 8000, 'dynamodb-port'),
      ses: port(values['ses-port'], 8005, 'ses-port'),
      web: port(values['web-port'], 5173, 'web-port'),
    },
    log: (line) => console.log(line),
    onFatal: (error) => {
      console.error(`\n${error.message}\nStopping the local stack.`);
      void shutdown(1);
    },
  });
  running.stack = stack;
  if (stopping) {
    await stack.stop();
    return;
  }

  mkdirSync(stateDir, { recursive: true });
  writeFileSync(endpointsFile, `${JSON.stringify(stack.endpoints, null, 2)}\n`);
  const { endpoints } = stack;
  console.log(`
otp-appsync is running offline (ready in ${((performance.now() - started) / 1000).toFixed(1)} s)

  GraphQL       ${endpoints.graphqlUrl}   (x-api-key: ${endpoints.apiKey})
  Web app       ${endpoints.webUrl ?? '(not started)'}
  SES inbox     ${endpoints.sesUrl}   (GET ${endpoints.sesUrl}/store for JSON)
  DynamoDB      ${endpoints.dynamodbUrl}   (region ${endpoints.region})
  IAM (SigV4)   access key ${endpoints.iam.accessKeyId}

Endpoints written to ${endpointsFile}. Ctrl-C stops everything.`);
}

main().catch((error: Error) => {
  console.error(`npm start failed: ${error.message}`);
  rmSync(join(resolve('.local'), 'endpoints.json'), { force: true });
  process.exit(1);
});
