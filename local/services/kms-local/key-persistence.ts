/**
 * The state file of a local KMS (`<stateDir>/kms-keys.json`, mode 0600): keys with their material and aliases, so
 * a stack started with `--persist` keeps its keys, and MACs and signatures made in an earlier run still verify.
 * It is the only place key material is written; it is written atomically (temporary file, then rename).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileWhole } from '../../util/write-whole.ts';
import { KeyMaterial, type PersistedMaterial } from './key-material.ts';
import { SUPPORTED_KEY_SPECS } from './key-spec.ts';
import type { KeyState } from './kms-key.ts';
import type { KeyStore, KmsAlias, NewKey } from './key-store.ts';

const FILE_NAME = 'kms-keys.json';

interface StoredKey {
  keyId: string;
  keySpec: string;
  keyUsage: string;
  description: string;
  creationDate: string;
  state: KeyState;
  deletionDate?: string;
  pendingWindowInDays?: number;
  material?: PersistedMaterial;
}

interface StateFile {
  version: 1;
  keys: StoredKey[];
  aliases: { aliasName: string; targetKeyId: string; creationDate: string }[];
}

/** The keys of a stored state, ready for {@link KeyStore.create}, and its aliases. */
export interface LoadedState {
  keys: (NewKey & { keyId: string; deletionDate?: Date; pendingWindowInDays?: number })[];
  aliases: KmsAlias[];
}

export function stateFilePath(stateDir: string): string {
  return join(stateDir, FILE_NAME);
}

/**
 * The state stored in `stateDir`, or an empty one when there is none.
 * @throws Error naming the file when it is not a state file (never quoting its content).
 */
export function loadState(stateDir: string): LoadedState {
  const path = stateFilePath(stateDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { keys: [], aliases: [] };
    throw error;
  }
  try {
    const state = JSON.parse(text) as StateFile;
    if (state.version !== 1) throw new Error(`version ${String(state.version)}`);
    return {
      keys: state.keys.map((stored) => {
        const spec = SUPPORTED_KEY_SPECS[stored.keySpec];
        return {
          keyId: stored.keyId,
          keySpec: stored.keySpec,
          keyUsage: stored.keyUsage,
          description: stored.description,
          creationDate: new Date(stored.creationDate),
          state: stored.state,
          ...(stored.deletionDate ? { deletionDate: new Date(stored.deletionDate), pendingWindowInDays: stored.pendingWindowInDays ?? 30 } : {}),
          ...(spec && stored.material ? { material: KeyMaterial.fromPersisted(spec, stored.material) } : {}),
        };
      }),
      aliases: state.aliases.map((alias) => ({ ...alias, creationDate: new Date(alias.creationDate) })),
    };
  } catch (error) {
    // The parse error's text could quote the file (and so key material): name the file and the kind of problem only.
    const kind = error instanceof SyntaxError ? 'it is not JSON' : 'it is not a local KMS state file';
    throw new Error(`Cannot read the local KMS state ${path}: ${kind}. Remove it to start with new keys.`);
  }
}

/** Writes the store's keys and aliases to `stateDir`. */
export function saveState(stateDir: string, store: KeyStore): void {
  const { keys, aliases } = store.snapshot();
  const state: StateFile = {
    version: 1,
    keys: keys.map((key) => ({
      keyId: key.keyId,
      keySpec: key.keySpec,
      keyUsage: key.keyUsage,
      description: key.description,
      creationDate: key.creationDate.toISOString(),
      state: key.state,
      ...(key.deletionDate ? { deletionDate: key.deletionDate.toISOString(), pendingWindowInDays: key.pendingWindowInDays ?? 30 } : {}),
      ...(key.material ? { material: key.material.toPersisted() } : {}),
    })),
    aliases: aliases.map((alias) => ({ ...alias, creationDate: alias.creationDate.toISOString() })),
  };
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  writeFileWhole(stateFilePath(stateDir), JSON.stringify(state), { mode: 0o600 });
}
