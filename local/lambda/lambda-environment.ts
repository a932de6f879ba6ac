import type { LambdaFunctionConfig } from '../stack-description.ts';

/** Local credentials handed to functions (DynamoDB Local and aws-ses-v2-local accept any signed request). */
export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface LambdaEnvironmentInput {
  config: LambdaFunctionConfig;
  region: string;
  credentials: LocalCredentials;
  /** SDK endpoint overrides, e.g. `{ AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000' }`. */
  endpoints?: Record<string, string>;
  /** The PATH the function sees (Lambda sets one; the host's is used so `node` tools resolve). */
  path?: string;
}

/**
 * The environment of a function's container: its template variables plus what the Lambda runtime sets
 * (docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html, "Defined runtime environment variables"),
 * plus the caller's endpoint overrides. Nothing from the host's environment leaks in except PATH.
 *
 * AWS_LAMBDA_FUNCTION_TIMEOUT is not set: it is not in Lambda's documented list for managed runtimes.
 * Runtime variables win over template ones because Lambda rejects templates that set reserved keys.
 */
export function buildLambdaEnvironment(input: LambdaEnvironmentInput): Record<string, string> {
  const { config, region, credentials } = input;
  for (const key of Object.keys(input.endpoints ?? {})) {
    if (!key.startsWith('AWS_ENDPOINT_URL')) throw new Error(`Not an SDK endpoint variable: ${key}`);
  }
  const runtime: Record<string, string> = {
    _HANDLER: config.handler,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: config.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `local/[$LATEST]${config.logicalId}`,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
    LAMBDA_TASK_ROOT: config.codeDir,
    TZ: ':UTC',
  };
  const unreserved: Record<string, string> = { LANG: 'en_US.UTF-8', ...(input.path ? { PATH: input.path } : {}) };
  return { ...unreserved, ...config.environment, ...runtime, ...input.endpoints };
}
