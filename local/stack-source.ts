/**
 * Where the stack to run comes from — a CDK app (synthesized into the state folder) or a CloudFormation template
 * file — and how it is read into the configuration the local stack runs. The first start and every hot reload
 * read it the same way.
 */
import { join, resolve } from 'node:path';
import type { StackDescription } from './stack-description.ts';
import { stackNames } from './template/cloud-assembly.ts';
import type { LocalValues } from './template/local-values.ts';
import { readStack } from './template/read-stack.ts';
import { synthesize } from './template/synth.ts';
import { readTemplateFile } from './template/template-file.ts';

/** The app to run: exactly one of `app` and `template`. */
export interface StackSource {
  /**
   * The command that runs a CDK app, as `cdk synth --app` takes it (e.g. `npx tsx bin/app.ts`), or the app's
   * TypeScript entry file (e.g. `bin/app.ts`): compiled with esbuild and run with node, without a TypeScript loader's
   * cost on every module the app loads (template/app-entry.ts).
   */
  app?: string;
  /** A CloudFormation template file (JSON or YAML) instead of a CDK app. */
  template?: string;
  /** Where the app runs and relative paths resolve. @default process.cwd() */
  appDir?: string;
  /** The stack to run. @default the app's only stack (the template's file name for `template`) */
  stack?: string;
  /**
   * Files and folders (relative to appDir) that the stack is built from. A start reuses the last synthesis when none
   * of them changed, and `watch` reloads when one does. @default none: every start synthesizes; nothing is watched
   */
  sources?: readonly string[];
  /** CDK context for the app, as `cdk synth -c key=value` passes it. */
  context?: Record<string, string>;
}

/** A source, checked, with its folders settled. */
export interface ResolvedSource extends StackSource {
  appDir: string;
  /** Where the app is synthesized to (and inline code written). */
  workDir: string;
}

/** Checks the options and settles the folders. @throws Error when neither or both of app and template are given. */
export function resolveSource(source: StackSource, stateDir: string): ResolvedSource {
  if (!source.app === !source.template) throw new Error('Give either a CDK app command (app) or a CloudFormation template (template).');
  const appDir = resolve(source.appDir ?? process.cwd());
  return { ...source, appDir, workDir: join(resolve(stateDir), source.app ? 'cdk.out' : 'template') };
}

/** @throws Error when the stack defines no AppSync API: a start would have nothing to serve. */
export function assertServesApi(stack: Pick<StackDescription, 'apis'>): void {
  if (stack.apis.length === 0) throw new Error('The stack has no AppSync API (AWS::AppSync::GraphQLApi) to serve.');
}

/** A stack that is ready to be read: synthesized, or a template file. */
export type StackReader = (local: LocalValues) => StackDescription;

/**
 * Synthesizes the app when needed and returns a reader of its stack. Reading is cheap and may be repeated (the local
 * stack reads once to learn its APIs, then again with their ports).
 */
export async function prepareStack(source: ResolvedSource, options: { force?: boolean } = {}): Promise<StackReader> {
  if (source.template) {
    const path = resolve(source.appDir, source.template);
    const stackName = source.stack ?? templateStackName(path);
    return (local) => readTemplateFile(path, stackName, local, source.workDir);
  }
  const assemblyDir = await synthesize({
    app: source.app ?? '',
    appDir: source.appDir,
    outDir: source.workDir,
    context: source.context,
    sources: source.sources,
    force: options.force,
  });
  const stackName = source.stack ?? onlyStack(assemblyDir);
  return (local) => readStack(assemblyDir, stackName, local);
}

function templateStackName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? 'stack';
  return base.replace(/\.(template\.)?(json|ya?ml)$/i, '').replace(/[^A-Za-z0-9-]/g, '-') || 'stack';
}

function onlyStack(assemblyDir: string): string {
  const names = stackNames(assemblyDir);
  if (names.length === 1 && names[0]) return names[0];
  throw new Error(
    names.length === 0
      ? `The CDK app synthesized no stack into ${assemblyDir}.`
      : `The CDK app has several stacks (${names.join(', ')}): choose one with --stack.`,
  );
}
