import { describe, expect, it } from 'vitest';
import { pluralRule } from './pluralRules.ts';

describe('pluralRule ("singular | plural" messages)', () => {
  it.each<[string, number, number]>([
    ['en', 1, 0],
    ['en', 0, 1],
    ['en', 2, 1],
    ['de', 1, 0],
    ['de', 0, 1],
    ['es', 1, 0],
    ['es', 5, 1],
    // French counts 0 as singular ("0 essai"); vue-i18n's built-in rule would not.
    ['fr', 0, 0],
    ['fr', 1, 0],
    ['fr', 2, 1],
  ])('%s: %d takes form %d', (locale, count, form) => {
    expect(pluralRule(locale)(count, 2)).toBe(form);
  });

  it('picks the last form for counts past a message with more than two forms', () => {
    expect(pluralRule('en')(0, 3)).toBe(0);
    expect(pluralRule('en')(7, 3)).toBe(2);
  });
});
