/**
 * The keys and aliases of one local KMS, and how a request's `KeyId` finds a key: a key id, a key ARN, an alias
 * name (`alias/…`) or an alias ARN, as KMS accepts them. A key whose deletion date has passed is gone (KMS deletes
 * it at the end of the waiting period). `onChange` runs after every change, for the state file.
 */
import { randomUUID } from 'node:crypto';
import { KmsError } from './errors.ts';
import { KeyMaterial } from './key-material.ts';
import { SUPPORTED_KEY_SPECS } from './key-spec.ts';
import type { KeyState, KmsKey } from './kms-key.ts';

export interface KmsAlias {
  aliasName: string;
  targetKeyId: string;
  creationDate: Date;
}

/** A key to create: CreateKey's, or one of the template's (then with its stable id). */
export interface NewKey {
  keyId?: string;
  keySpec: string;
  keyUsage: string;
  description?: string;
  state?: KeyState;
  creationDate?: Date;
  /** Material to use instead of fresh material (from the state file). */
  material?: KeyMaterial;
  /** A pending deletion restored from the state file. */
  deletionDate?: Date;
  pendingWindowInDays?: number;
}

export interface KeyStoreOptions {
  region: string;
  accountId: string;
  now?: () => Date;
  onChange?: () => void;
}

export class KeyStore {
  readonly region: string;
  readonly accountId: string;
  readonly now: () => Date;
  private readonly keys = new Map<string, KmsKey>();
  private readonly aliases = new Map<string, KmsAlias>();
  private readonly onChange: () => void;

  constructor(options: KeyStoreOptions) {
    this.region = options.region;
    this.accountId = options.accountId;
    this.now = options.now ?? (() => new Date());
    this.onChange = options.onChange ?? (() => {});
  }

  keyArn(keyId: string): string {
    return `arn:aws:kms:${this.region}:${this.accountId}:key/${keyId}`;
  }

  aliasArn(aliasName: string): string {
    return `arn:aws:kms:${this.region}:${this.accountId}:${aliasName}`;
  }

  /** Creates a key (fresh material for supported specs); an existing id is kept as it is. */
  create(spec: NewKey): KmsKey {
    const keyId = spec.keyId ?? randomUUID();
    const existing = this.keys.get(keyId);
    if (existing) return existing;
    const supported = SUPPORTED_KEY_SPECS[spec.keySpec];
    const usable = supported && supported.usage === spec.keyUsage;
    const key: KmsKey = {
      keyId,
      arn: this.keyArn(keyId),
      accountId: this.accountId,
      keySpec: spec.keySpec,
      keyUsage: spec.keyUsage,
      description: spec.description ?? '',
      creationDate: spec.creationDate ?? this.now(),
      state: spec.state ?? 'Enabled',
      ...(spec.state === 'PendingDeletion' && spec.deletionDate ? { deletionDate: spec.deletionDate, pendingWindowInDays: spec.pendingWindowInDays ?? 30 } : {}),
      ...(usable ? { material: spec.material ?? KeyMaterial.generate(supported) } : {}),
    };
    this.keys.set(keyId, key);
    this.onChange();
    return key;
  }

  /** Every key not yet deleted, in creation order. */
  list(): KmsKey[] {
    return [...this.keys.values()].filter((key) => !this.expire(key));
  }

  listAliases(): KmsAlias[] {
    return [...this.aliases.values()].filter((alias) => this.keys.has(alias.targetKeyId) && !this.expire(this.keys.get(alias.targetKeyId)!));
  }

  /**
   * The key `keyId` names. @param allowAlias false for operations that take only a key id or key ARN.
   * @throws KmsError NotFoundException
   */
  resolve(keyId: string, allowAlias = true): KmsKey {
    const aliasName = this.aliasNameOf(keyId);
    if (aliasName !== undefined) {
      const alias = allowAlias ? this.aliases.get(aliasName) : undefined;
      const key = alias ? this.keys.get(alias.targetKeyId) : undefined;
      if (!key || this.expire(key)) throw new KmsError('NotFoundException', `Alias ${this.aliasArn(aliasName)} is not found.`);
      return key;
    }
    const id = this.keyIdOf(keyId);
    // Another region's or account's key ARN names a key this KMS does not hold.
    if (id === undefined && /^arn:aws:kms:[^:]*:[^:]*:key\/./.test(keyId)) throw new KmsError('NotFoundException', `Key '${keyId}' does not exist`);
    if (id === undefined) throw new KmsError('NotFoundException', `Invalid keyId '${keyId}'`);
    const key = this.keys.get(id);
    if (!key || this.expire(key)) throw new KmsError('NotFoundException', `Key '${this.keyArn(id)}' does not exist`);
    return key;
  }

  /** @throws KmsError AlreadyExistsException, NotFoundException */
  createAlias(aliasName: string, targetKeyId: string): KmsAlias {
    const key = this.resolve(targetKeyId, false);
    const existing = this.aliases.get(aliasName);
    if (existing && this.keys.has(existing.targetKeyId) && !this.expire(this.keys.get(existing.targetKeyId)!)) {
      throw new KmsError('AlreadyExistsException', `An alias with the name ${this.aliasArn(aliasName)} already exists`);
    }
    const alias: KmsAlias = { aliasName, targetKeyId: key.keyId, creationDate: this.now() };
    this.aliases.set(aliasName, alias);
    this.onChange();
    return alias;
  }

  /** Records a change of `key`'s state. */
  update(key: KmsKey, change: Partial<Pick<KmsKey, 'state' | 'deletionDate' | 'pendingWindowInDays'>>): void {
    Object.assign(key, change);
    if (change.state !== 'PendingDeletion') {
      delete key.deletionDate;
      delete key.pendingWindowInDays;
    }
    this.onChange();
  }

  /** Key ids and aliases as they are, for the state file. */
  snapshot(): { keys: KmsKey[]; aliases: KmsAlias[] } {
    return { keys: this.list(), aliases: this.listAliases() };
  }

  /** Removes a key and its aliases (a template key whose spec changed is made anew, as a replacement would). */
  forget(keyId: string): void {
    this.keys.delete(keyId);
    for (const [name, alias] of this.aliases) if (alias.targetKeyId === keyId) this.aliases.delete(name);
    this.onChange();
  }

  /** Points `aliasName` at `keyId` whatever it named before (the template's aliases win over stored ones). */
  putAlias(aliasName: string, keyId: string): void {
    if (this.aliases.get(aliasName)?.targetKeyId === keyId) return;
    this.aliases.set(aliasName, { aliasName, targetKeyId: keyId, creationDate: this.now() });
    this.onChange();
  }

  /** Restores an alias from the state file (no change notification). */
  restoreAlias(alias: KmsAlias): void {
    if (this.keys.has(alias.targetKeyId)) this.aliases.set(alias.aliasName, alias);
  }

  /** Deletes `key` when its waiting period is over; true when it is gone. */
  private expire(key: KmsKey): boolean {
    if (key.state !== 'PendingDeletion' || !key.deletionDate || key.deletionDate > this.now()) return false;
    this.keys.delete(key.keyId);
    for (const [name, alias] of this.aliases) if (alias.targetKeyId === key.keyId) this.aliases.delete(name);
    this.onChange();
    return true;
  }

  /** The alias name of `alias/…` or an alias ARN of this account and region; undefined when it is no alias. */
  private aliasNameOf(value: string): string | undefined {
    if (value.startsWith('alias/')) return value;
    const prefix = `arn:aws:kms:${this.region}:${this.accountId}:`;
    if (value.startsWith(prefix) && value.slice(prefix.length).startsWith('alias/')) return value.slice(prefix.length);
    return undefined;
  }

  /** The key id of a key id or a key ARN of this account and region; undefined for anything else. */
  private keyIdOf(value: string): string | undefined {
    const prefix = `arn:aws:kms:${this.region}:${this.accountId}:key/`;
    const id = value.startsWith(prefix) ? value.slice(prefix.length) : value.startsWith('arn:') ? undefined : value;
    return id !== undefined && /^[0-9a-zA-Z-]{1,64}$/.test(id) ? id : undefined;
  }
}
