import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';

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

  it("loads SQLite's native library from its release folder: nothing is extracted to the temporary folder", async () => {
    // Where DynamoDB Local would copy the library it ships in its jar (org.sqlite.tmpdir), were it not given the path.
    const extractTo = mkdtempSync(join(tmpdir(), 'sqlite-extract-'));
    const before = process.env.JAVA_TOOL_OPTIONS;
    process.env.JAVA_TOOL_OPTIONS = `-Dorg.sqlite.tmpdir=${extractTo}`;
    let dynamodb: DynamoDbLocal | undefined;
    try {
      dynamodb = await startDynamoDbLocal();
      const client = new DynamoDBClient({ endpoint: dynamodb.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      // SQLite is loaded with the first table.
      await client.send(
        new CreateTableCommand({
          TableName: 'native-library',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      client.destroy();
      expect(readdirSync(extractTo)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.JAVA_TOOL_OPTIONS;
      else process.env.JAVA_TOOL_OPTIONS = before;
      await dynamodb?.stop();
      rmSync(extractTo, { recursive: true, force: true });
    }
  }, 60_000);
});
