/** The inbox routes: the viewer (escaped, no script), `/store`, `POST /opt-outs`, and the loopback Host check. */
import { request as httpRequest } from 'node:http';
import { PublishCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSns, type TestSns } from './test-sns.ts';

let t: TestSns;
beforeAll(async () => {
  t = await startTestSns({ unreachableNumbers: ['+15550100404'] });
});
afterAll(() => t?.stop());

/** A GET with a chosen Host header (fetch always sends the URL's). */
function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port: t.sns.port, path, headers: { host } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the SMS inbox viewer', () => {
  it('shows every text escaped (texts and sender IDs are attacker-influenced), runs no script and loads nothing', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quoted" \'single\'';
    await t.client.send(new PublishCommand({ PhoneNumber: '+4915112345678', Message: hostile }));
    await t.client.send(new PublishCommand({ PhoneNumber: '+15550100404', Message: '<b>lost</b>' }));
    const page = await fetch(`${t.sns.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quoted&quot; &#39;single&#39;');
    expect(html).toContain('&lt;b&gt;lost&lt;/b&gt;');
    expect(html).toContain('FAILED: Unknown error attempting to reach phone');
    // Only the page's own elements: nothing of the texts became markup, and nothing loads from elsewhere.
    const tags = new Set([...html.matchAll(/<\/?([a-z][a-z0-9]*)/gi)].map((match) => match[1]!.toLowerCase()));
    expect([...tags].sort()).toEqual(['a', 'article', 'body', 'div', 'h1', 'h2', 'head', 'html', 'meta', 'p', 'style', 'title']);
    expect(html).not.toMatch(/(src|href)="?(https?:)?\/\//i);
  });

  it('serves /store as JSON, empties it on DELETE, and answers 404 elsewhere', async () => {
    const before = (await (await fetch(`${t.sns.url}/store`)).json()) as { messages: unknown[] };
    expect(before.messages.length).toBeGreaterThan(0);
    expect((await fetch(`${t.sns.url}/store`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await fetch(`${t.sns.url}/store`)).json()).toEqual({ messages: [], failedDeliveries: [] });
    expect((await fetch(`${t.sns.url}/nothing-here`)).status).toBe(404);
  });

  it('answers the inbox only to its loopback names: a rebound DNS name gets 403', async () => {
    expect((await getWithHost('/store', `localhost:${t.sns.port}`)).status).toBe(200);
    const rebound = await getWithHost('/store', `attacker.example:${t.sns.port}`);
    expect(rebound).toEqual({ status: 403, body: JSON.stringify({ message: 'Forbidden host.' }) });
    expect((await getWithHost('/', `sns.eu-west-1.amazonaws.com`)).status).toBe(403);
  });

  it('opts a number out on POST /opt-outs with JSON only (a cross-site form cannot), refusing a malformed number', async () => {
    const post = (body: string, contentType: string) => fetch(`${t.sns.url}/opt-outs`, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect((await post(JSON.stringify({ phoneNumber: '+15550100777' }), 'text/plain')).status).toBe(415);
    expect((await post('phoneNumber=%2B15550100777', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await post(JSON.stringify({ phoneNumber: 'not a number' }), 'application/json')).status).toBe(400);
    expect((await post('null', 'application/json')).status).toBe(400);
    expect((await post(JSON.stringify({ phoneNumber: '+15550100777' }), 'application/json')).status).toBe(204);
    await t.client.send(new PublishCommand({ PhoneNumber: '+15550100777', Message: 'm' }));
    expect(t.sns.inbox()).toMatchObject({ messages: [], failedDeliveries: [{ phoneNumber: '+15550100777', providerResponse: '+15550100777 is opted out' }] });
  });
});
