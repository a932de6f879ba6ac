import { KMSClient } from '@aws-sdk/client-kms';
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { JWKS_CONTENT_TYPE, JWKS_MAX_AGE_SECONDS } from '../../infra/model/index.ts';
import { readConfig } from './config.ts';
import { fetchKeySet, type FetchedKeySet } from './key-set.ts';
import { logger } from './logger.ts';

// Read once per container: a misconfigured function fails at cold start with the variable's name. No `endpoint`
// option: offline, the SDK reads AWS_ENDPOINT_URL_KMS from the environment.
const config = readConfig(process.env);
const kms = new KMSClient({});

/**
 * The key set, kept for the container's life once whole: a key id always names the same public key, and a new
 * configuration (another key) starts new containers. A failed or partial read is not kept, so the next request tries again.
 */
let keySet: Promise<FetchedKeySet> | undefined;

function currentKeySet(): Promise<FetchedKeySet> {
  const pending = keySet ?? fetchKeySet(kms, config.keyIds);
  keySet = pending;
  pending.then(
    (fetched) => {
      if (!fetched.complete && keySet === pending) keySet = undefined;
    },
    () => {
      if (keySet === pending) keySet = undefined;
    },
  );
  return pending;
}

/**
 * Lambda Function URL handler (payload format 2.0): `GET` (or `HEAD`) answers the JWKS of the token signing keys,
 * cacheable for JWKS_MAX_AGE_SECONDS. CORS (browsers verifying a token) is the Function URL's configuration.
 */
export async function handler(event: LambdaFunctionURLEvent): Promise<LambdaFunctionURLResult> {
  const method = event.requestContext.http.method;
  if (method !== 'GET' && method !== 'HEAD') {
    return { statusCode: 405, headers: { allow: 'GET, HEAD', 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Method not allowed' }) };
  }
  try {
    const { jwks } = await currentKeySet();
    return {
      statusCode: 200,
      headers: { 'content-type': JWKS_CONTENT_TYPE, 'cache-control': `public, max-age=${JWKS_MAX_AGE_SECONDS}` },
      body: method === 'HEAD' ? '' : JSON.stringify(jwks),
    };
  } catch (error) {
    logger.error('The JWKS could not be built', { error });
    return {
      statusCode: 503,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'retry-after': '5' },
      body: JSON.stringify({ message: 'The key set is unavailable; try again shortly.' }),
    };
  }
}
