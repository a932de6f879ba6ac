/**
 * `util.xml` (https://docs.aws.amazon.com/appsync/latest/devguide/xml-helpers-in-util-xml-js.html): XML text to an
 * object or JSON text. The docs show only element nesting, repeated elements becoming arrays and numeric text
 * becoming numbers; the rest follows the org.json `XML.toJSONObject` conventions AppSync's output matches
 * (decision, unconfirmed): attributes become keys, text beside attributes or child elements becomes `content`,
 * an empty element is `""`, `true`/`false`/`null` and plain decimal numbers are converted, CDATA text is kept as is.
 * Comments, processing instructions and DOCTYPE are skipped; malformed XML throws.
 */

/** An element being parsed. */
interface OpenElement {
  name: string;
  fields: Record<string, unknown>;
  hasFields: boolean;
  text: string;
  /** CDATA text is never converted. */
  verbatim: boolean;
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const NAME = /^[^\s/>]+/;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

function convert(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  return NUMBER.test(text) ? Number(text) : text;
}

/** Adds `value` under `key`, turning a repeated key into an array (in document order). */
function addField(element: OpenElement, key: string, value: unknown): void {
  element.hasFields = true;
  if (!(key in element.fields)) element.fields[key] = value;
  else {
    const existing = element.fields[key];
    element.fields[key] = Array.isArray(existing) ? [...(existing as unknown[]), value] : [existing, value];
  }
}

function valueOf(element: OpenElement): unknown {
  const text = element.text.trim();
  const content = element.verbatim ? text : convert(text);
  if (!element.hasFields) return text === '' ? '' : content;
  if (text !== '') addField(element, 'content', content);
  return element.fields;
}

function indexAfter(xml: string, from: number, terminator: string): number {
  const end = xml.indexOf(terminator, from);
  if (end < 0) throw new Error(`Invalid XML: missing "${terminator}"`);
  return end + terminator.length;
}

function openElement(name: string, inner: string): OpenElement {
  const element: OpenElement = { name, fields: {}, hasFields: false, text: '', verbatim: false };
  for (const match of inner.matchAll(ATTRIBUTE)) {
    addField(element, match[1]!, convert(decodeEntities(match[2] ?? match[3] ?? '')));
  }
  return element;
}

/** Parses `xml` into nested objects keyed by element names (`util.xml.toMap`). */
function xmlToMap(xml: unknown): Record<string, unknown> {
  const source = String(xml);
  const root: OpenElement = { name: '', fields: {}, hasFields: false, text: '', verbatim: false };
  const stack: OpenElement[] = [root];
  let at = 0;
  while (at < source.length) {
    const top = stack[stack.length - 1]!;
    const lt = source.indexOf('<', at);
    if (lt < 0 || lt > at) {
      const text = source.slice(at, lt < 0 ? source.length : lt);
      if (top !== root) top.text += decodeEntities(text);
      else if (text.trim() !== '') throw new Error('Invalid XML: text outside the root element');
      if (lt < 0) break;
      at = lt;
      continue;
    }
    if (source.startsWith('<?', at)) at = indexAfter(source, at, '?>');
    else if (source.startsWith('<!--', at)) at = indexAfter(source, at, '-->');
    else if (source.startsWith('<![CDATA[', at)) {
      const end = indexAfter(source, at, ']]>');
      top.text += source.slice(at + 9, end - 3);
      top.verbatim = true;
      at = end;
    } else if (source.startsWith('<!', at)) {
      // DOCTYPE, with or without an internal subset.
      const bracket = source.indexOf('[', at);
      const close = source.indexOf('>', at);
      at = bracket >= 0 && bracket < close ? indexAfter(source, indexAfter(source, at, ']'), '>') : indexAfter(source, at, '>');
    } else if (source.startsWith('</', at)) {
      const end = indexAfter(source, at, '>');
      const name = source.slice(at + 2, end - 1).trim();
      if (top === root || top.name !== name) throw new Error(`Invalid XML: unexpected </${name}>`);
      stack.pop();
      addField(stack[stack.length - 1]!, name, valueOf(top));
      at = end;
    } else {
      const end = indexAfter(source, at, '>');
      const tag = source.slice(at + 1, end - 1);
      const selfClosing = tag.endsWith('/');
      const name = NAME.exec(tag)?.[0];
      if (!name) throw new Error('Invalid XML: element without a name');
      const element = openElement(name, tag.slice(name.length, selfClosing ? -1 : undefined));
      if (selfClosing) addField(top, name, valueOf(element));
      else stack.push(element);
      at = end;
    }
  }
  if (stack.length > 1) throw new Error(`Invalid XML: <${stack[stack.length - 1]!.name}> is not closed`);
  return root.fields;
}

/** `util.xml`: `toMap(xml)` and `toJsonString(xml, stringEncode?)` (JSON text, itself JSON-encoded when asked). */
export const xml = {
  toMap: (text: unknown): Record<string, unknown> => xmlToMap(text),
  toJsonString(text: unknown, stringEncode?: unknown): string {
    const json = JSON.stringify(xmlToMap(text));
    return stringEncode === true ? JSON.stringify(json) : json;
  },
};
