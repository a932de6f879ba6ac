/**
 * What a send request to SES says, read from the request as AWS's clients send it: SES v1 `SendEmail` and
 * `SendRawEmail` (query protocol, a form body) and SES v2 `SendEmail` (`POST /v2/email/outbound-emails`, JSON with
 * Simple, Raw or Template content). Other requests (templates, account, bulk sends) are not sends here.
 */
import { addressesIn, headerValues, rawHeaders, type MailHeader } from './mail-headers.ts';

export interface SesSendRequest {
  api: 'v1' | 'v2';
  /** The envelope sender as given (`Source`, `FromEmailAddress`, else the raw message's From). */
  source: string;
  /** `SourceArn` / `FromEmailAddressIdentityArn`, when the caller sends on behalf of an identity. */
  sourceArn?: string;
  /** Every recipient (To, Cc, Bcc, or a raw send's `Destinations`), plain addresses. */
  destination: string[];
  /** `ConfigurationSetName`, else the `X-SES-CONFIGURATION-SET` header. */
  configurationSetName?: string;
  /** The message tags: `Tags` / `EmailTags`, and the `X-SES-MESSAGE-TAGS` header. */
  tags: Record<string, string[]>;
  /** The headers as the message carries them (made up as SES composes them for non-raw sends). */
  headers: MailHeader[];
  subject?: string;
  /** The raw message's own Message-ID and Date, when it has them. */
  messageIdHeader?: string;
  date?: string;
}

/** The send a request is (`path` without its query), or undefined when it is not one. */
export function readSendRequest(method: string, path: string, body: string): SesSendRequest | undefined {
  if (method !== 'POST') return undefined;
  if (path === '/') return readV1(new URLSearchParams(body));
  if (path === '/v2/email/outbound-emails') return readV2(body);
  return undefined;
}

function readV1(form: URLSearchParams): SesSendRequest | undefined {
  const action = form.get('Action');
  const tags = tagsOf(indexed(form, 'Tags.member.'));
  const base = {
    api: 'v1' as const,
    ...(form.get('SourceArn') ? { sourceArn: form.get('SourceArn')! } : {}),
  };
  if (action === 'SendEmail') {
    const field = (kind: string) => members(form, `Destination.${kind}Addresses.member.`);
    const to = field('To');
    const cc = field('Cc');
    const source = form.get('Source') ?? '';
    const subject = form.get('Message.Subject.Data') ?? undefined;
    return {
      ...base,
      source,
      destination: addressesIn([...to, ...cc, ...field('Bcc')]),
      ...configurationSet(form.get('ConfigurationSetName'), []),
      tags,
      headers: composedHeaders({ from: source, to, cc, replyTo: members(form, 'ReplyToAddresses.member.'), subject, html: form.has('Message.Body.Html.Data'), text: form.has('Message.Body.Text.Data') }),
      ...(subject === undefined ? {} : { subject }),
    };
  }
  if (action === 'SendRawEmail') {
    const raw = Buffer.from(form.get('RawMessage.Data') ?? '', 'base64').toString('utf8');
    const destinations = members(form, 'Destinations.member.');
    return { ...base, ...rawSend(raw, form.get('Source') ?? undefined, destinations, form.get('ConfigurationSetName'), tags) };
  }
  return undefined;
}

interface V2Body {
  FromEmailAddress?: string;
  FromEmailAddressIdentityArn?: string;
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  ReplyToAddresses?: string[];
  ConfigurationSetName?: string;
  EmailTags?: { Name: string; Value: string }[];
  Content?: {
    Simple?: { Subject?: { Data?: string }; Body?: { Html?: unknown; Text?: unknown }; Headers?: { Name: string; Value: string }[] };
    Raw?: { Data?: string };
    Template?: { Headers?: { Name: string; Value: string }[] };
  };
}

function readV2(body: string): SesSendRequest | undefined {
  let parsed: V2Body;
  try {
    parsed = JSON.parse(body) as V2Body;
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const tags = tagsOf(Array.isArray(parsed.EmailTags) ? parsed.EmailTags : []);
  const to = stringList(parsed.Destination?.ToAddresses);
  const cc = stringList(parsed.Destination?.CcAddresses);
  const bcc = stringList(parsed.Destination?.BccAddresses);
  const base = { api: 'v2' as const, ...(parsed.FromEmailAddressIdentityArn ? { sourceArn: parsed.FromEmailAddressIdentityArn } : {}) };
  const content = parsed.Content ?? {};
  if (content.Raw) {
    const raw = Buffer.from(content.Raw.Data ?? '', 'base64').toString('utf8');
    return { ...base, ...rawSend(raw, parsed.FromEmailAddress, [...to, ...cc, ...bcc], parsed.ConfigurationSetName, tags) };
  }
  const extra = (content.Simple?.Headers ?? content.Template?.Headers ?? []).map((header) => ({ name: header.Name, value: header.Value }));
  const subject = content.Simple?.Subject?.Data;
  const source = parsed.FromEmailAddress ?? '';
  return {
    ...base,
    source,
    destination: addressesIn([...to, ...cc, ...bcc]),
    ...configurationSet(parsed.ConfigurationSetName, extra),
    tags: { ...tags, ...headerTags(extra) },
    headers: [
      ...composedHeaders({ from: source, to, cc, replyTo: stringList(parsed.ReplyToAddresses), subject, html: Boolean(content.Simple?.Body?.Html), text: Boolean(content.Simple?.Body?.Text) }),
      ...extra,
    ],
    ...(subject === undefined ? {} : { subject }),
  };
}

/** A raw message's send: recipients from `destinations`, else its To/Cc/Bcc headers; sender from `source`, else From. */
function rawSend(raw: string, source: string | undefined, destinations: string[], configurationSetName: string | null | undefined, tags: Record<string, string[]>) {
  const headers = rawHeaders(raw);
  const [subject] = headerValues(headers, 'Subject');
  const [messageIdHeader] = headerValues(headers, 'Message-ID');
  const [date] = headerValues(headers, 'Date');
  const recipients = destinations.length > 0 ? destinations : ['To', 'Cc', 'Bcc'].flatMap((name) => headerValues(headers, name));
  return {
    source: source ?? headerValues(headers, 'From')[0] ?? '',
    destination: addressesIn(recipients),
    ...configurationSet(configurationSetName, headers),
    tags: { ...tags, ...headerTags(headers) },
    headers,
    ...(subject === undefined ? {} : { subject }),
    ...(messageIdHeader === undefined ? {} : { messageIdHeader }),
    ...(date === undefined ? {} : { date }),
  };
}

/** The parameter wins over the header when both name a set (ours: SES documents either, not both). */
function configurationSet(parameter: string | null | undefined, headers: readonly { name: string; value: string }[]): { configurationSetName?: string } {
  const name = parameter ?? headerValues(headers, 'X-SES-CONFIGURATION-SET')[0];
  return name ? { configurationSetName: name } : {};
}

/** `X-SES-MESSAGE-TAGS: name1=value1, name2=value2`. */
function headerTags(headers: readonly { name: string; value: string }[]): Record<string, string[]> {
  const pairs = headerValues(headers, 'X-SES-MESSAGE-TAGS').flatMap((value) => value.split(','));
  return tagsOf(pairs.map((pair) => pair.split('=')).filter((parts) => parts.length === 2).map(([name, value]) => ({ Name: name!.trim(), Value: value!.trim() })));
}

function tagsOf(tags: readonly { Name: string; Value: string }[]): Record<string, string[]> {
  const byName: Record<string, string[]> = {};
  for (const { Name, Value } of tags) byName[Name] = [...(byName[Name] ?? []), Value];
  return byName;
}

/** The headers SES writes for a message it composes (From, Reply-To, To, Cc, Subject, MIME-Version, Content-Type). */
function composedHeaders(message: { from: string; to: string[]; cc: string[]; replyTo: string[]; subject?: string; html: boolean; text: boolean }): MailHeader[] {
  const contentType = message.html && message.text ? 'multipart/alternative' : message.html ? 'text/html; charset=UTF-8' : 'text/plain; charset=UTF-8';
  return [
    { name: 'From', value: message.from },
    ...(message.replyTo.length > 0 ? [{ name: 'Reply-To', value: message.replyTo.join(', ') }] : []),
    ...(message.to.length > 0 ? [{ name: 'To', value: message.to.join(', ') }] : []),
    ...(message.cc.length > 0 ? [{ name: 'Cc', value: message.cc.join(', ') }] : []),
    ...(message.subject === undefined ? [] : [{ name: 'Subject', value: message.subject }]),
    { name: 'MIME-Version', value: '1.0' },
    { name: 'Content-Type', value: contentType },
  ];
}

/** `<prefix>1`, `<prefix>2`, … up to the first gap. */
function members(form: URLSearchParams, prefix: string): string[] {
  const values: string[] = [];
  for (let index = 1; form.has(`${prefix}${index}`); index++) values.push(form.get(`${prefix}${index}`)!);
  return values;
}

/** `<prefix>N.Name` / `<prefix>N.Value`, N from 1 up to the first gap. */
function indexed(form: URLSearchParams, prefix: string): { Name: string; Value: string }[] {
  const rows: { Name: string; Value: string }[] = [];
  for (let index = 1; form.has(`${prefix}${index}.Name`); index++) rows.push({ Name: form.get(`${prefix}${index}.Name`)!, Value: form.get(`${prefix}${index}.Value`) ?? '' });
  return rows;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
