import { describe, expect, it } from 'vitest';
import { settleStack, type SettleParts } from './settle-stack.ts';

/** Parts whose rounds each see `activityPerRound[i]` new activity (0 once the list runs out). */
function partsWith(activityPerRound: number[], streams: () => Promise<void> = async () => {}) {
  let activities = 0;
  let round = 0;
  const calls: string[] = [];
  const parts: SettleParts = {
    streams: async () => {
      calls.push('streams');
      await streams();
    },
    asyncInvocations: async () => {
      calls.push('async');
      activities += activityPerRound[round] ?? 0;
      round += 1;
    },
    activities: () => activities,
  };
  return { parts, calls, rounds: () => round };
}

describe('settleStack', () => {
  it('runs rounds until one sees no activity, the streams before the asynchronous invocations in each', async () => {
    const { parts, calls, rounds } = partsWith([3, 1, 0, 5]);
    await settleStack(parts);
    expect(rounds()).toBe(3);
    expect(calls).toEqual(['streams', 'async', 'streams', 'async', 'streams', 'async']);
  });

  it('stops after maxRounds on a stack that never goes quiet', async () => {
    const { parts, rounds } = partsWith(Array.from({ length: 20 }, () => 1));
    await settleStack(parts, { maxRounds: 4 });
    expect(rounds()).toBe(4);
  });

  it('rejects, saying so, when a round does not end in time', async () => {
    const { parts } = partsWith([], () => new Promise(() => {}));
    await expect(settleStack(parts, { timeoutMs: 50 })).rejects.toThrow(/did not settle within 50 ms \(round 1 of at most 5\)/);
  });
});
