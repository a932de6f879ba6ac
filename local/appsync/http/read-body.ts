/** Reads a request body up to a byte limit. */
import type { IncomingMessage } from 'node:http';

/**
 * AppSync's request size limit. Decision: the AppSync quota table is not reachable offline; 5 MB is used as the
 * documented maximum request payload (same as the response size quota), recorded here so it is easy to change.
 */
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;

/** The body as text, or `'too-large'` once more than `limit` bytes arrived (the rest is drained, not kept). */
export function readBody(request: IncomingMessage, limit = MAX_REQUEST_BYTES): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
