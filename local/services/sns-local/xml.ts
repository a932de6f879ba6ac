/** The XML of SNS's query-protocol answers: escaping and the `<Action>Response` envelope. */

export const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** Element text (the answers have no attributes but xmlns): `&`, `<`, `>`; quotes stay as SNS writes them. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<name>text</name>`, the text escaped. */
export function element(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

/**
 * `<ActionResponse xmlns=…><ActionResult>result</ActionResult><ResponseMetadata><RequestId>…</RequestId>
 * </ResponseMetadata></ActionResponse>`; `result` is XML already built (and escaped) by the operation.
 */
export function responseXml(action: string, result: string, requestId: string): string {
  const resultElement = result === '' ? `<${action}Result/>` : `<${action}Result>${result}</${action}Result>`;
  return `<${action}Response xmlns="${SNS_XMLNS}">${resultElement}<ResponseMetadata>${element('RequestId', requestId)}</ResponseMetadata></${action}Response>`;
}
