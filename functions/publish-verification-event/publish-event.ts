import { PublishError } from './errors.ts';
import { publishRequestBody } from './publish-mutation.ts';
import { signedPostHeaders } from './sign-request.ts';
import type { EnvironmentCredentials, OtpVerifiedEvent, PublishConfig } from './types.ts';

/** How long one publishing request may take; the function's timeout leaves room for a batch of them. */
const REQUEST_TIMEOUT_MS = 5000;

interface GraphQLResponseBody {
  data?: { publishOtpVerified?: unknown } | null;
  errors?: { message?: string; errorType?: string | null }[];
}

/**
 * Sends the IAM-signed `publishOtpVerified` mutation. Resolves when AppSync accepted it (HTTP 200, no errors, a
 * non-null result); throws {@link PublishError} otherwise, so the record is retried.
 */
export async function publishVerifiedEvent(
  event: OtpVerifiedEvent,
  config: PublishConfig,
  credentials: EnvironmentCredentials,
): Promise<void> {
  const body = publishRequestBody(event);
  const headers = await signedPostHeaders(config.graphqlUrl, body, credentials, config.region);
  let response: Response;
  try {
    response = await fetch(config.graphqlUrl, { method: 'POST', headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new PublishError(`AppSync request failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const text = await response.text();
  if (!response.ok) throw new PublishError(`AppSync answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  let parsed: GraphQLResponseBody;
  try {
    parsed = JSON.parse(text) as GraphQLResponseBody;
  } catch {
    throw new PublishError(`AppSync answered something other than JSON: ${text.slice(0, 200)}`);
  }
  const [firstError] = parsed.errors ?? [];
  if (firstError) throw new PublishError(`publishOtpVerified failed: ${firstError.errorType ?? 'Error'}: ${firstError.message ?? ''}`);
  if (!parsed.data?.publishOtpVerified) throw new PublishError('publishOtpVerified returned no result');
}
