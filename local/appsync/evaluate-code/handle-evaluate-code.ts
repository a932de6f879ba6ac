/**
 * `POST /v1/dataplane-evaluatecode` on the engine's origin: the path, method and JSON body `@aws-sdk/client-appsync`'s
 * EvaluateCodeCommand sends, so `new AppSyncClient({ endpoint: origin, region, credentials })` works against it.
 *
 * Auth: the request must be SigV4-signed (service `appsync`, the engine's region) with credentials the engine
 * accepts (any local principal).
 * Decisions (AWS control-plane wording, not confirmed for this API): no Authorization header → 403
 * `MissingAuthenticationTokenException`; a wrong signature or key → 403 `InvalidSignatureException`; a bad request →
 * 400 `BadRequestException`. Error bodies are `{ message }` with the type in `x-amzn-errortype`, as restJson1
 * services answer, so the SDK raises the named exception.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifiedSigner, type CredentialLookup } from '../auth/credential-store.ts';
import { MAX_REQUEST_BYTES, readBody } from '../http/read-body.ts';
import { evaluateCode, EvaluateCodeBadRequest, type EvaluateCodeRequest } from './evaluate-code.ts';

/** The route the AWS SDK uses for EvaluateCode. */
export const EVALUATE_CODE_PATH = '/v1/dataplane-evaluatecode';

/** Who may call EvaluateCode. */
export interface EvaluateCodeAuth {
  credentials: CredentialLookup;
  region: string;
}

function send(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  response.setHeader('content-type', 'application/json');
  response.setHeader('x-amzn-requestid', randomUUID());
  if (errorType) response.setHeader('x-amzn-errortype', errorType);
  response.writeHead(status).end(JSON.stringify(body));
}

function lowerCaseHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Answers one EvaluateCode call; never throws (internal failures answer 500 InternalFailureException). */
export async function handleEvaluateCode(request: IncomingMessage, response: ServerResponse, auth: EvaluateCodeAuth): Promise<void> {
  try {
    const body = await readBody(request);
    if (body === 'too-large') {
      send(response, 400, { message: `Request body exceeds ${MAX_REQUEST_BYTES} bytes.` }, 'BadRequestException');
      return;
    }
    const headers = lowerCaseHeaders(request);
    if (!headers.authorization) {
      send(response, 403, { message: 'Missing Authentication Token' }, 'MissingAuthenticationTokenException');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://local');
    const signer = await verifiedSigner(
      { method: request.method ?? 'POST', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body },
      auth.credentials,
      auth.region,
    );
    if (!signer) {
      send(response, 403, { message: 'The request signature we calculated does not match the signature you provided.' }, 'InvalidSignatureException');
      return;
    }
    let parsed: EvaluateCodeRequest;
    try {
      parsed = JSON.parse(body) as EvaluateCodeRequest;
    } catch {
      send(response, 400, { message: 'The request body is not valid JSON.' }, 'BadRequestException');
      return;
    }
    send(response, 200, evaluateCode(parsed));
  } catch (error) {
    if (error instanceof EvaluateCodeBadRequest) {
      send(response, 400, { message: error.message }, 'BadRequestException');
      return;
    }
    // Only the error's name is logged: a message could quote the caller's context.
    console.error(`[appsync] EvaluateCode failure: ${error instanceof Error ? error.name : typeof error}`);
    if (!response.headersSent) send(response, 500, { message: 'An internal failure occurred.' }, 'InternalFailureException');
  }
}
