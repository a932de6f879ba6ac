import { ConfigurationError } from './errors.ts';
import type { EnvironmentCredentials, PublishConfig } from './types.ts';

/**
 * Reads and checks the function's configuration.
 *
 * @example
 * ```ts
 * const config = readConfig(process.env); // throws ConfigurationError naming the variable at fault
 * ```
 */
export function readConfig(env: Record<string, string | undefined>): PublishConfig {
  const graphqlUrl = required(env, 'GRAPHQL_URL');
  if (!/^https?:\/\//.test(graphqlUrl)) throw new ConfigurationError(`GRAPHQL_URL must be an http(s) URL, got '${graphqlUrl}'`);
  return { graphqlUrl, region: required(env, 'AWS_REGION') };
}

/**
 * The function's credentials from the environment, where Lambda (and the local runner) put them. Read per call, so
 * a container never keeps credentials a test or runtime replaced.
 */
export function readCredentials(env: Record<string, string | undefined>): EnvironmentCredentials {
  const sessionToken = env.AWS_SESSION_TOKEN?.trim();
  return {
    accessKeyId: required(env, 'AWS_ACCESS_KEY_ID'),
    secretAccessKey: required(env, 'AWS_SECRET_ACCESS_KEY'),
    ...(sessionToken ? { sessionToken } : {}),
  };
}

function required(env: Record<string, string | undefined>, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigurationError(`Environment variable ${name} is required`);
  return value;
}
