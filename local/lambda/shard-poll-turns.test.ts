import { describe, expect, it } from 'vitest';
import { ShardPollTurns, type PollPace } from './shard-poll-turns.ts';

/**
 * A sleep the test ends by hand (`finish()`, as if the interval passed), or that its signal ends (the poller
 * stopping, or activity), as the poller's own sleep does. Records each sleep's length.
 */
function manualSleep() {
  const pending: (() => void)[] = [];
  const lengths: number[] = [];
  return {
    sleep: (ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        lengths.push(ms);
        const done = () => {
          pending.splice(pending.indexOf(done), 1);
          resolve();
        };
        pending.push(done);
        signal.addEventListener('abort', done, { once: true });
      }),
    finish: () => pending[0]?.(),
    lengths,
    get pending() {
      return pending.length;
    },
  };
}

const PACE: PollPace = { intervalMs: 250, idleIntervalMs: 1000 };
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('ShardPollTurns', () => {
  it('lets one idle mapping wait out the interval at a time; the next takes the turn when that read is done', async () => {
    const turns = new ShardPollTurns();
    const clock = manualSleep();
    const signal = new AbortController().signal;
    const first = turns.wait('s', turns.beforeRead('s'), PACE, clock.sleep, signal);
    let second: string | undefined;
    void turns.wait('s', turns.beforeRead('s'), PACE, clock.sleep, signal).then((outcome) => (second = outcome));
    await settle();
    expect(clock.pending).toBe(1);

    clock.finish();
    expect(await first).toBe('turn');
    await settle();
    // The first mapping reads now and still holds the turn: the second waits.
    expect(clock.pending).toBe(0);
    expect(second).toBeUndefined();

    turns.beforeRead('s');
    turns.release('s');
    await settle();
    expect(clock.pending).toBe(1);
    clock.finish();
    await settle();
    expect(second).toBe('turn');
  });

  it('wakes every waiting mapping at once when a read returns records', async () => {
    const turns = new ShardPollTurns();
    const clock = manualSleep();
    const signal = new AbortController().signal;
    const seen = turns.beforeRead('s');
    const outcomes = Promise.all([1, 2, 3].map(() => turns.wait('s', seen, PACE, clock.sleep, signal)));
    await settle();

    turns.changed('s');
    clock.finish();
    expect((await outcomes).sort()).toEqual(['changed', 'changed', 'turn']);
  });

  it('never waits after a change that came while the mapping was reading', async () => {
    const turns = new ShardPollTurns();
    const clock = manualSleep();
    const seen = turns.beforeRead('s');
    turns.changed('s');
    const outcome = await turns.wait('s', seen, PACE, clock.sleep, new AbortController().signal);
    expect(outcome).toBe('changed');
    expect(clock.lengths).toEqual([]);
  });

  it('keeps shards apart', async () => {
    const turns = new ShardPollTurns();
    const clock = manualSleep();
    const signal = new AbortController().signal;
    void turns.wait('a', turns.beforeRead('a'), PACE, clock.sleep, signal);
    void turns.wait('b', turns.beforeRead('b'), PACE, clock.sleep, signal);
    await settle();
    expect(clock.pending).toBe(2);
  });

  it('ends a wait when its poller stops, and gives the turn back', async () => {
    const turns = new ShardPollTurns();
    const clock = manualSleep();
    const stopping = new AbortController();
    const other = new AbortController();
    const holder = turns.wait('s', 0, PACE, clock.sleep, stopping.signal);
    const waiter = turns.wait('s', 0, PACE, clock.sleep, stopping.signal);
    const next = turns.wait('s', 0, PACE, clock.sleep, other.signal);
    await settle();

    stopping.abort();
    expect(await holder).toBe('stopped');
    expect(await waiter).toBe('stopped');
    await settle();
    clock.finish();
    expect(await next).toBe('turn');
  });

  describe('pace', () => {
    /** Turns on a hand-set clock, quiet (idle) from the start unless `active`. */
    function pacedTurns(active = false) {
      const clock = { now: active ? 0 : 10_000 };
      const turns = new ShardPollTurns({ activeWindowMs: 10_000, now: () => clock.now });
      clock.now = active ? 0 : 20_000;
      return { turns, clock };
    }

    it('waits Lambda’s interval for activeWindowMs after activity or records, the idle interval after', async () => {
      let now = 0;
      const turns = new ShardPollTurns({ activeWindowMs: 10_000, now: () => now });
      const sleeps = manualSleep();
      const signal = new AbortController().signal;
      const interval = async () => {
        const wait = turns.wait('s', turns.beforeRead('s'), PACE, sleeps.sleep, signal);
        await settle();
        sleeps.finish();
        expect(await wait).toBe('turn');
        turns.release('s');
        return sleeps.lengths.at(-1);
      };

      // Just started: active.
      expect(await interval()).toBe(250);
      now = 9_999;
      expect(await interval()).toBe(250);
      now = 10_000;
      expect(await interval()).toBe(1000);

      turns.activity();
      expect(await interval()).toBe(250);
      now = 20_000;
      expect(await interval()).toBe(1000);

      // A read that returned records.
      turns.changed('s');
      expect(await interval()).toBe(250);
      now = 30_000;
      expect(await interval()).toBe(1000);
      // An idle interval below the full one: the full one.
      const slow = turns.wait('s', turns.beforeRead('s'), { intervalMs: 2000, idleIntervalMs: 1000 }, sleeps.sleep, signal);
      await settle();
      sleeps.finish();
      await slow;
      expect(sleeps.lengths.at(-1)).toBe(2000);
    });

    it('ends a wait at the idle pace at once on activity, on every shard', async () => {
      const { turns } = pacedTurns();
      const sleeps = manualSleep();
      const signal = new AbortController().signal;
      const waits = [turns.wait('a', turns.beforeRead('a'), PACE, sleeps.sleep, signal), turns.wait('b', turns.beforeRead('b'), PACE, sleeps.sleep, signal)];
      await settle();
      expect(sleeps.lengths).toEqual([1000, 1000]);

      turns.activity();
      expect(await Promise.all(waits)).toEqual(['turn', 'turn']);
      expect(sleeps.pending).toBe(0);
    });

    it('never cuts Lambda’s interval short: a busy stack reads on its schedule, not after every write', async () => {
      const { turns } = pacedTurns(true);
      const sleeps = manualSleep();
      let outcome: string | undefined;
      void turns.wait('s', turns.beforeRead('s'), PACE, sleeps.sleep, new AbortController().signal).then((value) => (outcome = value));
      await settle();
      turns.activity();
      turns.activity();
      await settle();
      expect(outcome).toBeUndefined();
      expect(sleeps.pending).toBe(1);
      sleeps.finish();
      await settle();
      expect(outcome).toBe('turn');
      expect(sleeps.lengths).toEqual([250]);
    });

    it('waits Lambda’s interval, not the idle one, after activity that came while the shard was being read', async () => {
      const { turns, clock } = pacedTurns();
      const sleeps = manualSleep();
      const seen = turns.beforeRead('s');
      // A write answered while the read was under way: the read may have missed it.
      turns.activity();
      // Long after, the window has passed; the read after that write has not happened yet.
      clock.now += 60_000;
      const wait = turns.wait('s', seen, PACE, sleeps.sleep, new AbortController().signal);
      await settle();
      sleeps.finish();
      expect(await wait).toBe('turn');
      expect(sleeps.lengths).toEqual([250]);
      // That read came: quiet again.
      turns.release('s');
      void turns.wait('s', turns.beforeRead('s'), PACE, sleeps.sleep, new AbortController().signal);
      await settle();
      expect(sleeps.lengths).toEqual([250, 1000]);
    });
  });
});

// How pollers use turns against DynamoDB Local is tested in stream-poller.test.ts (one JVM for both).
