import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertPortFree, ephemeralPortRange, freePort } from './free-port.ts';

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

  it('picks ports outside the range outgoing connections take theirs from, each free to listen on', async () => {
    const [low, high] = ephemeralPortRange();
    expect(low).toBeLessThan(high);
    const ports = await Promise.all(Array.from({ length: 50 }, () => freePort()));
    // The machines this runs on leave room below the ephemeral range (Linux: 32768, others: 49152).
    for (const port of ports) expect(port < low || port > high).toBe(true);
    for (const port of ports) await expect(assertPortFree(port, 'picked')).resolves.toBeUndefined();
    expect(new Set(ports).size).toBeGreaterThan(40);
  });
});
