/**
 * The local Cognito's state file (`<stateDir>/cognito-state.json`, mode 0600): per pool its signing keys, the
 * secret of its simulated answers, its users (SRP verifiers, never passwords) and its refresh tokens (hashes), so a
 * stack started with --persist keeps its users and the tokens it issued. Written atomically after every change.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileWhole } from '../../util/write-whole.ts';
import type { PoolState } from './local-pool.ts';
import type { RefreshRecord } from './refresh-tokens.ts';
import { signingKeysFromPem, signingKeysToPem } from './signing-keys.ts';
import type { StoredUser } from './users.ts';

const FILE_NAME = 'cognito-state.json';

interface StoredPool {
  keys: { id: string; access: string };
  secret: string;
  users: StoredUser[];
  refreshTokens: RefreshRecord[];
}

interface StateFile {
  version: 1;
  pools: Record<string, StoredPool>;
}

export function stateFilePath(stateDir: string): string {
  return join(stateDir, FILE_NAME);
}

/**
 * The pools stored in `stateDir` by pool id (none when there is no file).
 * @throws Error naming the file when it is not a state file (never quoting it: it holds keys).
 */
export function loadCognitoState(stateDir: string): Map<string, PoolState> {
  const path = stateFilePath(stateDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  try {
    const state = JSON.parse(text) as StateFile;
    if (state.version !== 1) throw new Error(`version ${String(state.version)}`);
    return new Map(
      Object.entries(state.pools).map(([poolId, pool]) => [
        poolId,
        { keys: signingKeysFromPem(pool.keys), secret: Buffer.from(pool.secret, 'hex'), users: pool.users, refreshTokens: pool.refreshTokens },
      ]),
    );
  } catch (error) {
    const kind = error instanceof SyntaxError ? 'it is not JSON' : 'it is not a local Cognito state file';
    throw new Error(`Cannot read the local Cognito state ${path}: ${kind}. Remove it to start with no users.`);
  }
}

export function saveCognitoState(stateDir: string, pools: ReadonlyMap<string, PoolState>): void {
  const state: StateFile = { version: 1, pools: {} };
  for (const [poolId, pool] of pools) {
    state.pools[poolId] = { keys: signingKeysToPem(pool.keys), secret: pool.secret.toString('hex'), users: pool.users, refreshTokens: pool.refreshTokens };
  }
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  writeFileWhole(stateFilePath(stateDir), JSON.stringify(state), { mode: 0o600 });
}
