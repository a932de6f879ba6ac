import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixtureApp, removeApp, runCli, waitForEndpoints } from './run-cli.ts';

describe('appsync-local prepare', () => {
  it("synthesizes into the state folder and checks the APIs' code; the next start reuses that synth", async () => {
    const dir = copyFixtureApp('notes');
    try {
      const config = { app: 'node app.mjs', sources: ['app.mjs', 'schema.graphql', 'admin.graphql'], ses: false, sms: false };
      writeFileSync(join(dir, 'appsync-local.config.mjs'), `export default ${JSON.stringify(config)};\n`);
      const prepare = runCli(['prepare'], dir);
      expect(await prepare.exited, prepare.output()).toBe(0);
      expect(prepare.output()).toMatch(/prepared the first start in \d+\.\d s: API code checked \((admin-api, notes-api|notes-api, admin-api)\)/);
      expect(prepare.output()).toMatch(/class archive (written|already there|not written)/);
      const manifest = join(dir, '.local', 'cdk.out', 'manifest.json');
      const synthesizedAt = statSync(manifest).mtimeMs;

      const start = runCli(['start', '--no-watch'], dir);
      try {
        const endpoints = await waitForEndpoints(start, join(dir, '.local', 'endpoints.json'));
        expect(Object.keys(endpoints.apis).sort()).toEqual(['admin-api', 'notes-api']);
        expect(statSync(manifest).mtimeMs).toBe(synthesizedAt);
      } finally {
        start.process.kill('SIGTERM');
        await start.exited;
      }
    } finally {
      removeApp(dir);
    }
  }, 180_000);

  it('fails as the start would on code AppSync refuses, listing it; with --warn-only it warns and exits 0', async () => {
    const dir = copyFixtureApp('greeter');
    try {
      const code = join(dir, 'resolvers', 'Query.greet.js');
      writeFileSync(code, readFileSync(code, 'utf8').replace('return {};', 'try { return {}; } catch (error) { return {}; }'));
      const args = ['prepare', '--template', 'template.yaml', '--stack', 'demo'];
      const failed = runCli(args, dir);
      expect(await failed.exited).toBe(1);
      expect(failed.output()).toMatch(/appsync-local prepare failed: .*\n?.*Query\.greet.*try\/catch is not supported/);
      const warned = runCli([...args, '--warn-only'], dir);
      expect(await warned.exited).toBe(0);
      expect(warned.output()).toMatch(/prepare did not finish; the first start will do its work instead: .*\n?.*Query\.greet.*try\/catch is not supported/);
    } finally {
      removeApp(dir);
    }
  }, 60_000);

  it("refuses the start's serving options, and start refuses --warn-only", async () => {
    const prepare = runCli(['prepare', '--port', '4000'], import.meta.dirname);
    expect(await prepare.exited).toBe(1);
    expect(prepare.output()).toMatch(/--port is not an option of appsync-local prepare/);
    const start = runCli(['start', '--warn-only'], import.meta.dirname);
    expect(await start.exited).toBe(1);
    expect(start.output()).toMatch(/--warn-only is not an option of appsync-local start/);
  });
});
