import type { OtpEndpoints } from './otp-stack.ts';

/** One HTTP answer of the GraphQL endpoint, kept as text so tests can inspect exactly what was sent back. */
export interface RawAnswer {
  status: number;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

/** POSTs an arbitrary body (not necessarily valid JSON) to the GraphQL endpoint with the given headers. */
export async function postRaw(
  endpoints: OtpEndpoints,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json', 'x-api-key': endpoints.apiKey },
): Promise<RawAnswer> {
  const response = await fetch(endpoints.graphqlUrl, { method: 'POST', headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

// A V8 stack frame ("    at fn (file:line:col)"), or a source path of this machine or of Node itself.
const STACK_FRAME = /\n\s*at\s|\bat\s+\S+\s+\(|\bat\s+(?:file:|node:|\/)/;
const SOURCE_PATH = /\/work\/|\/home\/|\/tmp\/|node_modules|node:internal|file:\/\/|\.(?:ts|mjs|cjs|js):\d+/;

/**
 * Why an answer is not the clean refusal the hostile-input suite expects, or undefined when it is: a status below
 * 500, a JSON body with `data` or `errors`, and no stack frame or file path anywhere in the text.
 */
export function uncleanAnswerReason(answer: RawAnswer): string | undefined {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  if (answer.json === null || typeof answer.json !== 'object') return 'the body is not a JSON object';
  if (!('data' in answer.json) && !('errors' in answer.json)) return 'the body has neither data nor errors';
  if (STACK_FRAME.test(answer.text)) return 'the body contains a stack frame';
  if (SOURCE_PATH.test(answer.text)) return 'the body contains a file path';
  return undefined;
}

/** The `errors` of an AppSync-shaped body (empty when there are none). */
export function errorsOf(answer: RawAnswer): { message: string; errorType?: string | null }[] {
  const body = answer.json as { errors?: { message: string; errorType?: string | null }[] } | undefined;
  return body?.errors ?? [];
}
