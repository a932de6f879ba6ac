/** `util.base64Encode`: UTF-8 bytes of the string, base64 encoded. */
export function base64Encode(value: string): string {
  return Buffer.from(String(value), 'utf8').toString('base64');
}

/** `util.base64Decode`: base64 to a UTF-8 string. */
export function base64Decode(value: string): string {
  return Buffer.from(String(value), 'base64').toString('utf8');
}

/**
 * `util.urlEncode`: `application/x-www-form-urlencoded`, as Java's URLEncoder does it (space → `+`; letters, digits
 * and `.-*_` kept).
 */
export function urlEncode(value: string): string {
  return encodeURIComponent(String(value))
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** `util.urlDecode`: the inverse of {@link urlEncode}. */
export function urlDecode(value: string): string {
  return decodeURIComponent(String(value).replace(/\+/g, ' '));
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  "'": "\\'",
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * `util.escapeJavaScript`. Decision (AppSync's exact escaping is not documented): Apache Commons Lang's
 * `escapeEcmaScript` rules, which AppSync's Java-based VTL utilities are built on — quotes, backslash and `/` get a
 * backslash, control characters their short escape or `\uXXXX`, characters above 0x7E `\uXXXX`.
 */
export function escapeJavaScript(value: string): string {
  let output = '';
  for (const char of String(value)) {
    const escaped = ESCAPES[char];
    if (escaped) {
      output += escaped;
      continue;
    }
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code > 0x7e) {
      for (let i = 0; i < char.length; i += 1) {
        output += `\\u${char.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
      }
    } else {
      output += char;
    }
  }
  return output;
}
