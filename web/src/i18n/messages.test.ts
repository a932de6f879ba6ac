import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '../../../infra/model/index.ts';
import { createAppI18n } from './index.ts';
import { messages } from './messages.ts';

/** Every message of a catalog by its dotted key (non-string leaves are kept, so the checks below can flag them). */
function flatten(tree: object, prefix = ''): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  for (const [name, value] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (typeof value === 'object' && value !== null) {
      for (const [nested, leaf] of flatten(value, key)) entries.set(nested, leaf);
    } else {
      entries.set(key, value);
    }
  }
  return entries;
}

/** The `{name}` placeholders of a message, sorted and without repeats. */
function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''))].sort();
}

const english = flatten(messages.en);
const others = SUPPORTED_LOCALES.filter((locale) => locale !== 'en');

describe('the catalogs', () => {
  it('cover every supported locale', () => {
    expect(Object.keys(messages).sort()).toEqual([...SUPPORTED_LOCALES].sort());
  });

  it.each(SUPPORTED_LOCALES)('%s has a non-empty string for every message', (locale) => {
    for (const [key, message] of flatten(messages[locale])) {
      expect(typeof message, `${locale} ${key}`).toBe('string');
      expect(String(message).trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it.each(others)('%s has exactly the keys of English (recursively)', (locale) => {
    expect([...flatten(messages[locale]).keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each(others)('%s keeps the placeholders and plural forms of every English message', (locale) => {
    const catalog = flatten(messages[locale]);
    for (const [key, source] of english) {
      const translation = String(catalog.get(key));
      expect(placeholders(translation), `${locale} ${key}`).toEqual(placeholders(String(source)));
      expect(translation.split('|').length, `${locale} ${key} plural forms`).toBe(String(source).split('|').length);
    }
  });

  it.each(others)('%s is a translation, not a copy of English', (locale) => {
    const catalog = flatten(messages[locale]);
    // Where the words are the same in both languages, the copy is listed here.
    const sameWords: Partial<Record<string, string[]>> = { fr: ['duration.minutes'] };
    const copies = [...english].filter(([key, source]) => catalog.get(key) === source).map(([key]) => key);
    expect(copies).toEqual(sameWords[locale] ?? []);
  });

  it.each(SUPPORTED_LOCALES)('every %s message compiles and fills in all its values', (locale) => {
    const { t } = createAppI18n(locale).global;
    for (const [key, source] of english) {
      const names = placeholders(String(source));
      for (const count of [0, 1, 2, 5]) {
        // A new object each time: vue-i18n adds `count` and `n` to the one it is given.
        const named = Object.fromEntries(names.map((name) => [name, `<${name}>`]));
        const text = t(key, named, count);
        expect(text, `${locale} ${key}`).not.toBe(key);
        expect(text, `${locale} ${key}`).not.toMatch(/[{}|]/);
        for (const name of names) expect(text, `${locale} ${key}`).toContain(`<${name}>`);
      }
    }
  });
});

describe('the keys the app uses', () => {
  const srcRoot = fileURLToPath(new URL('..', import.meta.url));
  const groups = Object.keys(messages.en);

  /** The app's own source files (components, views, composables, lib), without tests and catalogs. */
  function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return /\.(vue|ts)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
    });
  }

  /**
   * Every string in the sources that looks like a message key (`group.name` with a catalog's group): in single quotes
   * (`t('…')`, lib's `key: '…'`) or a static `keypath="…"` (other double-quoted attributes are expressions).
   */
  const used = new Set(
    sourceFiles(srcRoot)
      .filter((path) => !path.startsWith(join(srcRoot, 'i18n')))
      .flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/(?:'|keypath=")([a-z]\w*(?:\.\w+)+)['"]/g)].map((match) => match[1] ?? ''))
      .filter((key) => groups.includes(key.split('.')[0] ?? '')),
  );

  it('finds the keys (the scan works)', () => {
    expect(used).toContain('app.title');
    expect(used).toContain('problem.networkError');
    expect(used).toContain('codeForm.sentAgain');
  });

  it('uses only keys that exist', () => {
    expect([...used].filter((key) => !english.has(key))).toEqual([]);
  });

  it('uses every message (no dead strings for translators)', () => {
    // language.name is read from each catalog directly, to list every language in its own name.
    const unused = [...english.keys()].filter((key) => !used.has(key) && key !== 'language.name');
    expect(unused).toEqual([]);
  });
});
