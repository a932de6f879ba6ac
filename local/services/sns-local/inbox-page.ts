/**
 * The SMS inbox viewer (`GET {smsUrl}/`): every text the local SNS delivered, newest first, then the deliveries that
 * failed. Message texts, sender IDs and numbers come from callers (attacker-influenced in a test of hostile input), so
 * every value is HTML-escaped, and the page runs no script and loads nothing: its CSP allows only its inline style.
 */
import type { FailedSmsDelivery, InboxSnapshot, SmsMessage } from './inbox.ts';

/** Headers the page is served with: no script, no remote resource, no framing, no caching of codes. */
export const INBOX_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function inboxPage(inbox: InboxSnapshot): string {
  const delivered = [...inbox.messages].reverse();
  const failed = [...inbox.failedDeliveries].reverse();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local SMS inbox (${delivered.length})</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 56rem; padding: 0 1rem; color: #1b1b1f; background: #fafafa; }
  h1 { font-size: 1.3rem; } h2 { font-size: 1.05rem; margin-top: 2rem; }
  .sms { background: #fff; border: 1px solid #ddd; border-radius: 10px; padding: .75rem 1rem; margin: .75rem 0; }
  .sms.failed { border-color: #d33; }
  .meta { color: #555; font-size: .85rem; }
  .text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.05rem; margin: .4rem 0 0; }
  .empty { color: #666; }
  @media (prefers-color-scheme: dark) { body { background: #121214; color: #eee; } .sms { background: #1d1d21; border-color: #333; } .meta, .empty { color: #aaa; } }
</style>
</head>
<body>
<h1>Local SMS inbox</h1>
<p class="meta">Texts published through the local SNS. JSON: <a href="store">store</a>. Reload to see new messages.</p>
${delivered.length > 0 ? delivered.map((message) => card(message)).join('\n') : '<p class="empty">No messages yet.</p>'}
${failed.length > 0 ? `<h2>Failed deliveries (${failed.length})</h2>\n${failed.map((message) => card(message)).join('\n')}` : ''}
</body>
</html>
`;
}

function card(message: SmsMessage | FailedSmsDelivery): string {
  const failure = 'providerResponse' in message ? message.providerResponse : undefined;
  const details = [
    `to ${message.phoneNumber}`,
    message.senderId ? `from ${message.senderId}` : undefined,
    message.originationNumber ? `via ${message.originationNumber}` : undefined,
    message.smsType,
    `${message.parts} part${message.parts === 1 ? '' : 's'} (${message.encoding})`,
    message.sentAt,
    failure ? `FAILED: ${failure}` : undefined,
  ].filter((part): part is string => part !== undefined);
  return `<article class="sms${failure ? ' failed' : ''}"><div class="meta">${details.map(escapeHtml).join(' · ')}</div><p class="text">${escapeHtml(message.message)}</p></article>`;
}
