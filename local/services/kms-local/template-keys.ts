/**
 * Puts the template's keys (StackDescription.kmsKeys) into a key store under their stable ids. A key already there
 * (read from the state file) keeps its material and state when its spec and usage are unchanged; otherwise it is
 * made anew, as CloudFormation would replace it. The template's aliases point at their keys.
 */
import type { KmsKeyConfig } from '../../stack-description.ts';
import type { KeyStore } from './key-store.ts';

export function addTemplateKeys(store: KeyStore, keys: readonly KmsKeyConfig[]): void {
  for (const config of keys) {
    const existing = store.list().find((key) => key.keyId === config.keyId);
    if (existing && (existing.keySpec !== config.keySpec || existing.keyUsage !== config.keyUsage)) store.forget(config.keyId);
    store.create({
      keyId: config.keyId,
      keySpec: config.keySpec,
      keyUsage: config.keyUsage,
      ...(config.description === undefined ? {} : { description: config.description }),
      state: config.enabled ? 'Enabled' : 'Disabled',
    });
    for (const alias of config.aliases) store.putAlias(alias, config.keyId);
  }
}
