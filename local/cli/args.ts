/** `appsync-local start` and `prepare` options → a configuration (pure: no file or network access). */
import { parseArgs } from 'node:util';
import type { AppSyncLocalConfig } from './config.ts';

export const USAGE = `Usage: appsync-local start [options]
       appsync-local prepare [--config FILE] [--app "<command>" | --template FILE] [--stack NAME] [--state-dir DIR]
                             [--context K=V] [--warn-only]

start runs a CDK app's (or a CloudFormation template's) AppSync APIs offline, with DynamoDB Local, the app's Lambda
functions and a local SES, and writes the endpoints to a file once everything serves.

prepare does a first start's slow work ahead of time, e.g. in a project's "prepare" script, which npm ci runs: it
synthesizes the app into the state folder (a start with unchanged sources reuses it), checks the APIs' APPSYNC_JS
code (the results are cached) and writes DynamoDB Local's class archive. Nothing is started.

  --app "<command>"   the command that runs the CDK app, as cdk synth --app takes it (e.g. "npx tsx bin/app.ts"),
                      or its TypeScript entry file (bin/app.ts: compiled with esbuild and run with node, faster)
  --template FILE     a CloudFormation template (JSON or YAML) instead of a CDK app
  --stack NAME        the stack to run (default: the app's only stack)
  --config FILE       settings file (default: appsync-local.config.{ts,mjs,js} here, when present)
  --endpoints FILE    where to write the endpoints (default: .local/endpoints.json)
  --port N            the (first) API's port (default: a free port)
  --dynamodb-port N   DynamoDB Local's port (default: a free port)
  --ses-port N        the local SES's port (default: a free port)
  --no-ses            do not start the local SES
  --sms-port N        the local SNS's port (SMS inbox and topics; default: a free port)
  --no-sms            do not start the local SNS (SMS and topics)
  --persist           keep DynamoDB data under the state folder between runs (default: in memory)
  --state-dir DIR     working folder (default: .local)
  --watch PATH        reload when this file or folder changes (repeatable; the config's sources by default)
  --no-watch          do not reload on changes
  --no-sidecars       do not start the config's sidecars (e.g. a web dev server)
  --context K=V       CDK context for the app (repeatable)
  --warn-only         prepare only: report a failure as a warning and exit 0 (for an install script)
  --help              this text`;

/** What the command line asks for. */
export interface StartArguments {
  configFile?: string;
  help: boolean;
  /** Settings that win over the config file's. */
  overrides: AppSyncLocalConfig;
  /** Turn watching off (`--no-watch`), or on with the config's sources when undefined. */
  watch?: boolean;
  noSidecars: boolean;
  /** prepare: a failure is a warning, the exit code 0. */
  warnOnly: boolean;
}

/** What each command accepts: prepare neither serves nor watches. */
const SERVING_ONLY = ['endpoints', 'port', 'dynamodb-port', 'ses-port', 'no-ses', 'sms-port', 'no-sms', 'persist', 'watch', 'no-watch', 'no-sidecars'];

/** @throws Error with a message for the user on an unknown option or a malformed value. */
export function parseStartArguments(argv: readonly string[], command: 'start' | 'prepare' = 'start'): StartArguments {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      app: { type: 'string' },
      template: { type: 'string' },
      stack: { type: 'string' },
      config: { type: 'string' },
      endpoints: { type: 'string' },
      port: { type: 'string' },
      'dynamodb-port': { type: 'string' },
      'ses-port': { type: 'string' },
      'no-ses': { type: 'boolean', default: false },
      'sms-port': { type: 'string' },
      'no-sms': { type: 'boolean', default: false },
      persist: { type: 'boolean' },
      'state-dir': { type: 'string' },
      watch: { type: 'string', multiple: true },
      'no-watch': { type: 'boolean', default: false },
      'no-sidecars': { type: 'boolean', default: false },
      context: { type: 'string', multiple: true, default: [] },
      'warn-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 0) throw new Error(`Unexpected argument ${positionals[0]}`);
  const given = (flag: string) => argv.some((arg) => arg === `--${flag}` || arg.startsWith(`--${flag}=`));
  const misplaced = command === 'prepare' ? SERVING_ONLY.find(given) : given('warn-only') ? 'warn-only' : undefined;
  if (misplaced) throw new Error(`--${misplaced} is not an option of appsync-local ${command}`);
  if (values.app && values.template) throw new Error('Give either --app or --template, not both.');
  const ports = {
    ...portOption(values.port, 'port', 'graphql'),
    ...portOption(values['dynamodb-port'], 'dynamodb-port', 'dynamodb'),
    ...portOption(values['ses-port'], 'ses-port', 'ses'),
    ...portOption(values['sms-port'], 'sms-port', 'sms'),
  };
  const overrides: AppSyncLocalConfig = {
    ...(values.app ? { app: values.app } : {}),
    ...(values.template ? { template: values.template } : {}),
    ...(values.stack ? { stack: values.stack } : {}),
    ...(values.endpoints ? { endpointsFile: values.endpoints } : {}),
    ...(values['state-dir'] ? { stateDir: values['state-dir'] } : {}),
    ...(Object.keys(ports).length > 0 ? { ports } : {}),
    ...(values['no-ses'] ? { ses: false as const } : {}),
    ...(values['no-sms'] ? { sms: false as const } : {}),
    ...(values.persist ? { persist: true } : {}),
    ...(values.watch ? { sources: values.watch } : {}),
    ...(values.context.length > 0 ? { context: contextOption(values.context) } : {}),
  };
  return {
    ...(values.config ? { configFile: values.config } : {}),
    help: values.help,
    overrides,
    ...(values['no-watch'] ? { watch: false } : {}),
    noSidecars: values['no-sidecars'],
    warnOnly: values['warn-only'],
  };
}

function portOption(value: string | undefined, flag: string, key: string): Record<string, number> {
  if (value === undefined) return {};
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--${flag} must be a port number, got "${value}"`);
  return { [key]: port };
}

function contextOption(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const [key, ...rest] = pair.split('=');
      if (!key || rest.length === 0) throw new Error(`--context takes KEY=VALUE, got "${pair}"`);
      return [key, rest.join('=')];
    }),
  );
}
