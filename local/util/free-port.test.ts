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
  });

  it('never hands out a port twice, also to calls at the same time (picked at random, 500 would share one)', async () => {
    // Each picked port stays free until its server listens, so a second hand-out of it meanwhile would fail a start.
    const ports = [...(await Promise.all(Array.from({ length: 250 }, () => freePort())))];
    for (let call = 0; call < 250; call += 1) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
  });
});
