import { describe, expect, it } from 'vitest';
import { ShardPollTurns } from './shard-poll-turns.ts';

/** A sleep the test ends by hand: `finish(true)` as if the interval passed, `finish(false)` as if stopping. */
function manualSleep() {
  const pending: ((passed: boolean) => void)[] = [];
  return {
    sleep: (_ms: number) => new Promise<boolean>((resolve) => pending.push(resolve)),
    finish: (passed = true) => pending.shift()?.(passed),
    get pending() {
      return pending.length;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('ShardPollTurns', () => {
  it('lets one idle mapping wait out the interval at a time; the next takes the turn when that read is done', async () => {
    const turns = new ShardPollTurns();
    const clock = manualSleep();
    const signal = new AbortController().signal;
    const first = turns.wait('s', turns.generation('s'), 250, clock.sleep, signal);
    let second: string | undefined;
    void turns.wait('s', turns.generation('s'), 250, clock.sleep, signal).then((outcome) => (second = outcome));
    await settle();
    expect(clock.pending).toBe(1);

    clock.finish();
    expect(await first).toBe('turn');
    await settle();
    // The first mapping reads now and still holds the turn: the second waits.
    expect(clock.pending).toBe(0);
    expect(second).toBeUndefined();

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
    const seen = turns.generation('s');
    const outcomes = Promise.all([1, 2, 3].map(() => turns.wait('s', seen, 250, clock.sleep, signal)));
    await settle();

    turns.changed('s');
    clock.finish();
    expect((await outcomes).sort()).toEqual(['changed', 'changed', 'turn']);
  });

  it('never waits after a change that came while the mapping was reading', async () => {
    const turns = new ShardPollTurns();
    const seen = turns.generation('s');
    turns.changed('s');
    const sleeps: number[] = [];
    const outcome = await turns.wait('s', seen, 250, async (ms) => (sleeps.push(ms), true), new AbortController().signal);
    expect(outcome).toBe('changed');
    expect(sleeps).toEqual([]);
  });

  it('keeps shards apart', async () => {
    const turns = new ShardPollTurns();
    const clock = manualSleep();
    const signal = new AbortController().signal;
    void turns.wait('a', turns.generation('a'), 250, clock.sleep, signal);
    void turns.wait('b', turns.generation('b'), 250, clock.sleep, signal);
    await settle();
    expect(clock.pending).toBe(2);
  });

  it('ends a wait when its poller stops, and gives the turn back', async () => {
    const turns = new ShardPollTurns();
    const clock = manualSleep();
    const stopping = new AbortController();
    const other = new AbortController();
    const holder = turns.wait('s', 0, 250, clock.sleep, stopping.signal);
    const waiter = turns.wait('s', 0, 250, clock.sleep, stopping.signal);
    const next = turns.wait('s', 0, 250, clock.sleep, other.signal);
    await settle();

    stopping.abort();
    clock.finish(false);
    expect(await holder).toBe('stopped');
    expect(await waiter).toBe('stopped');
    await settle();
    clock.finish();
    expect(await next).toBe('turn');
  });
});

// How pollers use turns against DynamoDB Local is tested in stream-poller.test.ts (one JVM for both).
