/**
 * `util.matches(pattern, value)`: true when the WHOLE value matches, as Java's `Pattern.matches` (which AppSync's
 * helper is based on) requires. Java and JavaScript regular expressions agree on the common syntax; Java-only
 * constructs (possessive quantifiers, `\A`, `\Z`) are not translated.
 */
export function matches(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`, 'u').test(String(value));
}
