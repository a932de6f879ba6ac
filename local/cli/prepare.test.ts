import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixtureApp, removeApp, runCli } from './run-cli.ts';

// A prepare whose synth a start then reuses: cli.test.ts (its CDK app's start follows a prepare).
describe('appsync-local prepare', () => {
  it('fails as the start would on code AppSync refuses, listing it, and leaves a running start\'s endpoints file alone; with --warn-only it warns and exits 0', async () => {
    const dir = copyFixtureApp('greeter');
    try {
      const code = join(dir, 'resolvers', 'Query.greet.js');
      writeFileSync(code, readFileSync(code, 'utf8').replace('return {};', 'try { return {}; } catch (error) { return {}; }'));
      // A start that is running: a prepare beside it never touches its endpoints file, even when it fails.
      const endpointsFile = join(dir, '.local', 'endpoints.json');
      mkdirSync(join(dir, '.local'));
      writeFileSync(endpointsFile, '{}');
      const args = ['prepare', '--template', 'template.yaml', '--stack', 'demo'];
      const failed = runCli(args, dir);
      expect(await failed.exited).toBe(1);
      expect(failed.output()).toMatch(/appsync-local prepare failed: .*\n?.*Query\.greet.*try\/catch is not supported/);
      expect(existsSync(endpointsFile)).toBe(true);
      const warned = runCli([...args, '--warn-only'], dir);
      expect(await warned.exited).toBe(0);
      expect(warned.output()).toMatch(/prepare did not finish; the first start will do its work instead: .*\n?.*Query\.greet.*try\/catch is not supported/);
    } finally {
      removeApp(dir);
    }
  }, 60_000);

  it('with --warn-only, also a config file that fails to load is a warning and exit code 0', async () => {
    const dir = copyFixtureApp('greeter');
    try {
      writeFileSync(join(dir, 'appsync-local.config.mjs'), "throw new Error('config broken on purpose');\n");
      const failed = runCli(['prepare'], dir);
      expect(await failed.exited).toBe(1);
      expect(failed.output()).toMatch(/appsync-local prepare failed: .*config broken on purpose/);
      const warned = runCli(['prepare', '--warn-only'], dir);
      expect(await warned.exited).toBe(0);
      expect(warned.output()).toMatch(/prepare did not finish; the first start will do its work instead: .*config broken on purpose/);
    } finally {
      removeApp(dir);
    }
  });

  it("refuses the start's serving options, and start refuses --warn-only", async () => {
    const prepare = runCli(['prepare', '--port', '4000'], import.meta.dirname);
    expect(await prepare.exited).toBe(1);
    expect(prepare.output()).toMatch(/--port is not an option of appsync-local prepare/);
    const start = runCli(['start', '--warn-only'], import.meta.dirname);
    expect(await start.exited).toBe(1);
    expect(start.output()).toMatch(/--warn-only is not an option of appsync-local start/);
  });
});
