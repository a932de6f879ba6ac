/**
 * A CDK app given as its TypeScript entry file (`app: 'bin/app.ts'`) rather than a command: the synth's child process
 * (run-app-entry.mjs) compiles it with esbuild and runs the result with plain `node`, as Vite runs a TypeScript config.
 *
 * Why: through a TypeScript loader (`node --import tsx bin/app.ts`), every module the app requires — aws-cdk-lib's
 * hundreds — passes the loader's resolve hooks. This project's app, synthesized 4 times each way, alternating on a
 * 2-core machine: 2.6 s through tsx, 2.0 s compiled (the compile included: 0.3–0.5 s), the same template, assets
 * and tree.
 * An app that calls `require()` itself (CommonJS-style TypeScript) keeps a command: the compiled module is ESM.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The entry file `app` names, when it names a TypeScript file rather than a command. */
export function typeScriptAppEntry(app: string, appDir: string): string | undefined {
  if (/\s/.test(app) || !/\.[cm]?ts$/.test(app)) return undefined;
  const path = resolve(appDir, app);
  return existsSync(path) ? path : undefined;
}

/** Where the compiled app goes: where its imports of packages resolve as from the entry, outside the app's sources. */
function outputFolder(entry: string): string {
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'appsync-local');
    if (dirname(dir) === dir) return dirname(entry);
  }
}

/** The synth's child for an entry: it compiles the entry and runs it (run-app-entry.mjs). */
const RUN_APP_ENTRY = fileURLToPath(new URL('./run-app-entry.mjs', import.meta.url));

/**
 * The command that compiles the entry and the files it imports by path into one module, with an inline source map,
 * and runs it with `--enable-source-maps` (the app's errors and the CDK's construct traces name its own files and
 * lines).
 * @returns the command, and the compiled module's path, which the caller removes once the command has ended.
 */
export function appEntryCommand(entry: string): { command: [string, ...string[]]; compiled: string } {
  const outDir = outputFolder(entry);
  mkdirSync(outDir, { recursive: true });
  const compiled = join(outDir, `.${basename(entry)}.${process.pid}-${randomBytes(4).toString('hex')}.mjs`);
  return { command: [process.execPath, '--enable-source-maps', RUN_APP_ENTRY, entry, compiled], compiled };
}
