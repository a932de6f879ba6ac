import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A session image as the stream carries it (typed attribute values, numbers as strings). */
export function sessionImage(overrides: Record<string, AttributeValue> = {}): Record<string, AttributeValue> {
  return {
    pk: { S: 'SESSION#6f1c0c8e-0000-4000-8000-000000000001' },
    sessionId: { S: '6f1c0c8e-0000-4000-8000-000000000001' },
    email: { S: 'user@example.com' },
    status: { S: 'VERIFIED' },
    attempts: { N: '1' },
    createdAt: { S: '2026-11-25T12:00:00.000Z' },
    verifiedAt: { S: '2026-11-25T12:01:00.000Z' },
    expiresAt: { N: '1795000000' },
    ...overrides,
  };
}

/** A MODIFY record of the session (NEW_AND_OLD_IMAGES). */
export function modifyRecord(newImage: Record<string, AttributeValue>, oldImage?: Record<string, AttributeValue>): DynamoDBRecord {
  return {
    eventID: 'e1',
    eventName: 'MODIFY',
    eventSource: 'aws:dynamodb',
    dynamodb: { NewImage: newImage, ...(oldImage ? { OldImage: oldImage } : {}), SequenceNumber: '100', StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

/** A request the test server received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** An HTTP server on 127.0.0.1 (free port) that answers every request with `answer`; stop it with `close()`. */
export async function startFakeEndpoint(
  answer: (request: ReceivedRequest) => Promise<{ status: number; body: string }>,
): Promise<{ url: string; received: ReceivedRequest[]; close: () => Promise<void> }> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
      const request = { method: req.method ?? '', path: (req.url ?? '').split('?')[0] ?? '', headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      void answer(request).then(({ status, body }) => res.writeHead(status, { 'content-type': 'application/json' }).end(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
