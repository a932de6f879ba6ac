import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertPortFree, ephemeralPortRange, freePort, portPicker } from './free-port.ts';

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

  it('never hands out a port another process handed out less than a minute ago, also where their walks meet', async () => {
    // Two pickers with one reservations folder are two processes whose walks start on the same port.
    const reservations = mkdtempSync(join(tmpdir(), 'free-port-'));
    try {
      const [first, second] = [portPicker({ start: 20_000, reservations }), portPicker({ start: 20_000, reservations })];
      // One after the other: no picker's probe is listening while the other looks.
      const ports: number[] = [];
      for (let call = 0; call < 100; call += 1) ports.push(await (call % 2 === 0 ? first : second)());
      expect(new Set(ports).size).toBe(100);

      // A mark from a minute ago is taken over (its server listens by now, or never will); a recent one is not.
      const [old, recent] = ports as [number, number];
      const minuteAgo = new Date(Date.now() - 61_000);
      utimesSync(join(reservations, String(old)), minuteAgo, minuteAgo);
      expect(await portPicker({ start: old, reservations })()).toBe(old);
      expect(await portPicker({ start: recent, reservations })()).not.toBe(recent);
    } finally {
      rmSync(reservations, { recursive: true, force: true });
    }
  });
});
