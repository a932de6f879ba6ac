import { describe, expect, it } from 'vitest';
import { LOCALE_STORAGE_KEY, readLocalePreference, saveLocalePreference, type LocaleStorage } from './localePreference.ts';

/** A Map-backed stand-in for localStorage. */
function memoryStorage(initial: Record<string, string> = {}): LocaleStorage & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
  };
}

/** localStorage as some browsers answer when storage is blocked: every access throws. */
const blocked = (): LocaleStorage => {
  throw new DOMException('The operation is insecure.', 'SecurityError');
};

describe('the remembered language', () => {
  it('is saved and read back', () => {
    const storage = memoryStorage();
    saveLocalePreference(() => storage, 'de');
    expect(storage.values.get(LOCALE_STORAGE_KEY)).toBe('de');
    expect(readLocalePreference(() => storage)).toBe('de');
  });

  it('is null when none was saved, or when the saved one is not supported (any more)', () => {
    expect(readLocalePreference(() => memoryStorage())).toBeNull();
    expect(readLocalePreference(() => memoryStorage({ [LOCALE_STORAGE_KEY]: 'pt' }))).toBeNull();
  });

  it('never stops the app when storage is blocked', () => {
    expect(readLocalePreference(blocked)).toBeNull();
    expect(() => saveLocalePreference(blocked, 'fr')).not.toThrow();
  });
});
