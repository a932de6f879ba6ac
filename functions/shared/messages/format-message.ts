/**
 * Fills `{name}` placeholders. Every value goes through `escape` (identity for text, HTML escaping for HTML), and a
 * template naming a value it is not given throws: a message is never sent with a placeholder showing.
 */
export function formatMessage(
  template: string,
  values: Readonly<Record<string, string>>,
  escape: (value: string) => string = (value) => value,
): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`The message template names {${name}}, which has no value.`);
    return escape(value);
  });
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] as string);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
