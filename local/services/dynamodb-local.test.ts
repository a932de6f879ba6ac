import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const MODULE = new URL('./dynamodb-local.ts', import.meta.url).href;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startDynamoDbLocal', () => {
  it('stops its JVM when the process that started it dies of an uncaught error', async () => {
    // The parent prints its JVM's pid, then throws without stopping anything.
    const code = `
      const { startDynamoDbLocal } = await import(${JSON.stringify(MODULE)});
      const dynamodb = await startDynamoDbLocal();
      process.stdout.write(String(dynamodb.process.pid) + '\\n');
      setTimeout(() => { throw new Error('crash on purpose'); }, 10);
    `;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    parent.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => parent.once('exit', resolve));

    expect(stderr).toContain('crash on purpose');
    expect(exitCode).toBe(1);
    const jvm = Number(stdout.trim());
    expect(jvm).toBeGreaterThan(0);
    await expect.poll(() => alive(jvm), { timeout: 10_000 }).toBe(false);
  }, 60_000);
});
