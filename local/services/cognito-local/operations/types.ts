/** What every operation is given, and the shape of one. */
import type { Input } from '../input.ts';
import type { AuthSessions } from '../auth-sessions.ts';
import type { LocalUserPool } from '../local-pool.ts';
import type { MessageStore } from '../message-store.ts';
import type { TriggerInvoker } from '../triggers.ts';

export interface CognitoServices {
  region: string;
  /** The running pools by pool id. */
  pools: ReadonlyMap<string, LocalUserPool>;
  sessions: AuthSessions;
  triggers: TriggerInvoker;
  messages: MessageStore;
  /** Epoch ms. */
  now(): number;
  /** Persists the pools (the state file, when there is one). */
  changed(): void;
}

export type Operation = (input: Input, services: CognitoServices) => Promise<Record<string, unknown>>;

/** An operation and whether callers must sign it with SigV4 (the Admin* operations) or not (the user's own). */
export interface OperationSpec {
  run: Operation;
  signed: boolean;
}
