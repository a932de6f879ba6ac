import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * SES's sandbox check, which aws-ses-v2-local does not model: in a sandboxed account SES refuses to send to a
 * recipient that is not a verified identity (`MessageRejected: Email address is not verified …`). Every retry fails
 * the same way, which makes it the real permanent failure the email Lambda's retries and on-failure destination exist
 * for. A front server applies the check and passes every other request through to aws-ses-v2-local.
 */
export function startSandboxFront(options: {
  port: number;
  /** aws-ses-v2-local's own origin. */
  target: string;
  region: string;
  isVerified: (address: string) => boolean;
}): Promise<Server> {
  const front = createServer((request, response) => {
    void handle(request, response, options).catch(() => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
  });
  return new Promise((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port, '127.0.0.1', () => resolve(front));
  });
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: { target: string; region: string; isVerified: (address: string) => boolean },
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const unverified = recipientsOf(request.url ?? '/', body.toString('utf8')).filter((to) => !options.isVerified(to));
  if (request.method === 'POST' && unverified.length > 0) {
    const message = `Email address is not verified. The following identities failed the check in region ${options.region.toUpperCase()}: ${unverified.join(', ')}`;
    if ((request.url ?? '').startsWith('/v2/')) {
      response.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' });
      response.end(JSON.stringify({ message }));
    } else {
      response.writeHead(400, { 'content-type': 'text/xml' });
      response.end(
        '<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type>' +
          `<Code>MessageRejected</Code><Message>${escapeXml(message)}</Message></Error>` +
          '<RequestId>local</RequestId></ErrorResponse>',
      );
    }
    return;
  }
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && !['host', 'connection', 'content-length'].includes(entry[0]),
    ),
  );
  const answer = await fetch(`${options.target}${request.url ?? '/'}`, {
    method: request.method,
    headers,
    body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body,
  });
  response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream' });
  response.end(Buffer.from(await answer.arrayBuffer()));
}

/** The To/Cc/Bcc recipients of an SES v1 (form-encoded) or v2 (JSON) send request. */
export function recipientsOf(url: string, body: string): string[] {
  if (url.startsWith('/v2/')) {
    try {
      const destination = (JSON.parse(body) as { Destination?: Record<string, unknown> }).Destination ?? {};
      return ['ToAddresses', 'CcAddresses', 'BccAddresses'].flatMap((field) => {
        const list = destination[field];
        return Array.isArray(list) ? list.map(String) : [];
      });
    } catch {
      return [];
    }
  }
  return [...new URLSearchParams(body)]
    .filter(([key]) => /^Destination\.(To|Cc|Bcc)Addresses\.member\.\d+$/.test(key))
    .map(([, value]) => value);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
