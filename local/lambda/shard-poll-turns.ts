/**
 * Turns and pace of polling a stack's stream shards, shared by the event source mappings of one stack.
 *
 * Turns: each mapping reads a shard with its own iterator, as Lambda's do. While they all find nothing, only one of
 * them at a time waits out the poll interval and asks DynamoDB Local again; the others wait until a read by any of
 * them returns records, then read at once. An idle stack's three mappings polled DynamoDB Local twelve times a second
 * between them, each empty GetRecords costing milliseconds of CPU in the JVM and in Node.js: with the rest, 8 % of a
 * core for doing nothing. Turns cut the empty reads to four a second and leave every mapping's records and order as
 * they were; a write still reaches every mapping within about one poll interval.
 *
 * Pace: the stack tells the turns about what may write to a stream ({@link ShardPollTurns.activity}: its engines'
 * DynamoDB writes, its functions' invocations starting and ending). While there was some within `activeWindowMs`,
 * the turn waits Lambda's interval; after that, the longer idle interval, and activity ends such a wait at once, so
 * the first write after a quiet spell is read without delay. Writes the stack cannot see (a developer's own SDK calls
 * to DynamoDB Local) arrive within the idle interval. Four empty reads a second cost an idle stack's DynamoDB Local
 * 1.4 CPU-seconds a minute, ten times what the same JVM spends with no requests. Activity does not cut Lambda's
 * interval short: a stack under test writes many times a second, and a read after every write (measured over a
 * whole `npm test`: its shared stack read 4,209 times where it had read 2,783) costs more than the quiet spells save.
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
  /** {@link ShardPollTurns.activity}'s count when the shard's latest read began. */
  activityAtRead: number;
}

/** What ended a wait: the mapping holds the turn, the shard changed, or the poller is stopping. */
export type TurnOutcome = 'turn' | 'changed' | 'stopped';

/** How long the turn waits between empty reads: `intervalMs` while the stack is active, `idleIntervalMs` after. */
export interface PollPace {
  intervalMs: number;
  idleIntervalMs: number;
}

/** Waits `ms` unless `signal` ends it first; the answer does not matter to the turns. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<unknown>;

export interface ShardPollTurnsOptions {
  /** How long after the last activity (or records read) the turns keep the full pace. @default 10000 */
  activeWindowMs?: number;
  /** @default Date.now */
  now?: () => number;
}

export class ShardPollTurns {
  private readonly shards = new Map<string, ShardState>();
  /** The turns' waits at the idle pace: activity ends them. */
  private readonly idleSleepers = new Set<AbortController>();
  /** Every turn's wait, at either pace: {@link readNow} ends them. */
  private readonly sleepers = new Set<AbortController>();
  private readonly activeWindowMs: number;
  private readonly now: () => number;
  private lastActivityAt: number;
  private activityCount = 0;

  constructor(options: ShardPollTurnsOptions = {}) {
    this.activeWindowMs = options.activeWindowMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.lastActivityAt = this.now();
  }

  /** Called just before each read of the shard: records that a read began, and answers the generation to note. */
  beforeRead(shard: string): number {
    const state = this.state(shard);
    state.activityAtRead = this.activityCount;
    return state.generation;
  }

  /** A read returned records or found the shard closed: every waiting mapping reads now. */
  changed(shard: string): void {
    const state = this.state(shard);
    state.generation += 1;
    this.lastActivityAt = this.now();
    this.wakeAll(state);
  }

  /** The turn's read is done (whatever it returned): another waiting mapping may take the turn. */
  release(shard: string): void {
    const state = this.state(shard);
    state.taken = false;
    this.wakeAll(state);
  }

  /**
   * Something that may write to a stream happened: Lambda's pace holds for the next `activeWindowMs`, and a turn
   * waiting at the idle pace reads now.
   */
  activity(): void {
    this.activityCount += 1;
    this.lastActivityAt = this.now();
    for (const sleeper of this.idleSleepers) sleeper.abort();
  }

  /** How many times {@link activity} was called: the stack's settle rounds compare it before and after. */
  get activities(): number {
    return this.activityCount;
  }

  /**
   * Every mapping reads its shard now, whatever the pace: each waiting mapping is woken as by a change, and each turn's
   * wait ends. For a settle barrier (StreamPoller.settled), which needs a read of each shard that began after it.
   */
  readNow(): void {
    for (const state of this.shards.values()) {
      state.generation += 1;
      this.wakeAll(state);
    }
    for (const sleeper of this.sleepers) sleeper.abort();
  }

  /**
   * After a read that returned nothing (`seen`: what {@link beforeRead} answered before it): waits until the shard
   * changes, or takes the turn and waits out the pace's interval with `sleep` (at the idle pace, until activity).
   * `'turn'` obliges the caller to call {@link release} after its next read.
   */
  async wait(shard: string, seen: number, pace: PollPace, sleep: Sleep, signal: AbortSignal): Promise<TurnOutcome> {
    const state = this.state(shard);
    while (!signal.aborted) {
      if (state.generation !== seen) return 'changed';
      if (!state.taken) {
        state.taken = true;
        await this.pause(state, pace, sleep, signal);
        if (!signal.aborted) return 'turn';
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

  /**
   * Waits out the pace's interval with `sleep`: ended early by the poller stopping, or by activity when idle. Never
   * the idle interval after activity that came while the shard was being read: that read may have missed its write.
   */
  private async pause(state: ShardState, pace: PollPace, sleep: Sleep, signal: AbortSignal): Promise<void> {
    const quiet = this.now() - this.lastActivityAt >= this.activeWindowMs && state.activityAtRead === this.activityCount;
    const idle = quiet && pace.idleIntervalMs > pace.intervalMs;
    const sleeper = new AbortController();
    const onStop = () => sleeper.abort();
    signal.addEventListener('abort', onStop, { once: true });
    if (idle) this.idleSleepers.add(sleeper);
    this.sleepers.add(sleeper);
    try {
      await sleep(idle ? pace.idleIntervalMs : pace.intervalMs, sleeper.signal);
    } finally {
      this.idleSleepers.delete(sleeper);
      this.sleepers.delete(sleeper);
      signal.removeEventListener('abort', onStop);
    }
  }

  private state(shard: string): ShardState {
    let state = this.shards.get(shard);
    if (!state) {
      state = { generation: 0, taken: false, waiting: new Set(), activityAtRead: this.activityCount };
      this.shards.set(shard, state);
    }
    return state;
  }

  private wakeAll(state: ShardState): void {
    for (const wake of [...state.waiting]) wake();
  }
}
