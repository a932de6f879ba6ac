/**
 * Turns at polling a stream's shard, shared by the event source mappings of one stack that read it.
 *
 * Each mapping reads the shard with its own iterator, as Lambda's do. While they all find nothing, only one of them
 * at a time waits out the poll interval and asks DynamoDB Local again; the others wait until a read by any of them
 * returns records, then read at once. An idle stack's three mappings polled DynamoDB Local twelve times a second
 * between them, each empty GetRecords costing milliseconds of CPU in the JVM and in Node.js: with the rest, 8 % of a
 * core for doing nothing. Turns cut the empty reads to four a second and leave every mapping's records and order as
 * they were; a write still reaches every mapping within about one poll interval.
 *
 * Why nothing is missed: a mapping notes the shard's generation before it reads, and after an empty read waits only
 * while the generation is unchanged. A record written after that read is returned by a later read of whichever
 * mapping holds the turn (it too was at the end of the shard), and that read bumps the generation.
 */

type Wake = () => void;

interface ShardState {
  /** Reads of the shard that returned records (or found it closed). */
  generation: number;
  /** A mapping holds the turn: it is waiting out the interval, or reading after it. */
  taken: boolean;
  waiting: Set<Wake>;
}

/** What ended a wait: the mapping holds the turn, the shard changed, or the poller is stopping. */
export type TurnOutcome = 'turn' | 'changed' | 'stopped';

export class ShardPollTurns {
  private readonly shards = new Map<string, ShardState>();

  /** The shard's generation, to note before a read. */
  generation(shard: string): number {
    return this.state(shard).generation;
  }

  /** A read returned records or found the shard closed: every waiting mapping reads now. */
  changed(shard: string): void {
    const state = this.state(shard);
    state.generation += 1;
    this.wakeAll(state);
  }

  /** The turn's read is done (whatever it returned): another waiting mapping may take the turn. */
  release(shard: string): void {
    const state = this.state(shard);
    state.taken = false;
    this.wakeAll(state);
  }

  /**
   * After a read that returned nothing (its generation noted in `seen`): waits until the shard changes, or takes the
   * turn and waits `intervalMs` with `sleep` (which answers false when stopping). `'turn'` obliges the caller to call
   * {@link release} after its next read.
   */
  async wait(shard: string, seen: number, intervalMs: number, sleep: (ms: number) => Promise<boolean>, signal: AbortSignal): Promise<TurnOutcome> {
    const state = this.state(shard);
    while (!signal.aborted) {
      if (state.generation !== seen) return 'changed';
      if (!state.taken) {
        state.taken = true;
        if (await sleep(intervalMs)) return 'turn';
        this.release(shard);
        return 'stopped';
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          state.waiting.delete(wake);
          signal.removeEventListener('abort', wake);
          resolve();
        };
        state.waiting.add(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
    return 'stopped';
  }

  private state(shard: string): ShardState {
    let state = this.shards.get(shard);
    if (!state) {
      state = { generation: 0, taken: false, waiting: new Set() };
      this.shards.set(shard, state);
    }
    return state;
  }

  private wakeAll(state: ShardState): void {
    for (const wake of [...state.waiting]) wake();
  }
}
