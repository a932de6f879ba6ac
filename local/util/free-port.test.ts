import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertPortFree, freePort } from './free-port.ts';

describe('ports', () => {
  it('finds a free port and says clearly when one is busy', async () => {
    const port = await freePort();
    await expect(assertPortFree(port, 'test service')).resolves.toBeUndefined();
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      await expect(assertPortFree(port, 'test service')).rejects.toThrow(
        `Port ${port} (test service) is already in use. Stop what uses it or choose another port.`,
      );
    } finally {
      holder.close();
    }
  });
});
