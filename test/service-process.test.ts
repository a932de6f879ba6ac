/**
 * test/support/service-process.ts, which runs the bench's stack and the peer in processes of their own: the ready message,
 * answers matched to their requests (also when asked side by side), errors carried back, and a clean stop — asked, or
 * when the parent's channel goes away.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServiceProcess } from './support/service-process.ts';

const SERVICE = join(import.meta.dirname, 'fixtures', 'service-process', 'counter-service.ts');
const dir = mkdtempSync(join(tmpdir(), 'service-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startServiceProcess', () => {
  it('starts the server, answers each request by its id, carries errors back, and stops it cleanly', async () => {
    const marker = join(dir, 'stopped-on-ask');
    const service = await startServiceProcess<{ greeting: string; pid: number }, { add: number } | 'fail', number>(SERVICE, ['hello', marker], 'the counter');
    try {
      expect(service.ready).toEqual({ greeting: 'hello', pid: service.pid });
      expect(service.pid).not.toBe(process.pid);
      const answers = await Promise.all([1, 2, 3].map((add) => service.ask({ add })));
      // Sent in order over one channel: each answer is the total after its own request.
      expect(answers).toEqual([1, 3, 6]);
      await expect(service.ask('fail')).rejects.toThrow('the counter: asked to fail');
      expect(await service.ask({ add: 4 })).toBe(10);
    } finally {
      await service.stop();
    }
    expect(existsSync(marker)).toBe(true);
    await expect(service.ask({ add: 1 })).rejects.toThrow(/the counter exited/);
  });

  it('stops the server when the parent goes away without stopping it', async () => {
    const marker = join(dir, 'stopped-on-disconnect');
    // A parent of its own that starts the service and exits at once.
    const parent = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `import { startServiceProcess } from ${JSON.stringify(join(import.meta.dirname, 'support', 'service-process.ts'))};
await startServiceProcess(${JSON.stringify(SERVICE)}, ['bye', ${JSON.stringify(marker)}], 'the counter');
process.exit(0);`],
      { stdio: 'inherit' },
    );
    expect(await new Promise((done) => parent.once('exit', done))).toBe(0);
    await expect.poll(() => existsSync(marker), { timeout: 20_000 }).toBe(true);
  });
});
