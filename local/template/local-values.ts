import { randomInt } from 'node:crypto';

/** Values a local run makes up for what AWS would generate at deploy time. */
export interface LocalValues {
  region: string;
  accountId: string;
  /** The key value of an AWS::AppSync::ApiKey (AWS: `da2-` + 26 characters). Called once per key. */
  apiKeyValue?: (logicalId: string) => string;
  /** The value of an AWS::SecretsManager::Secret that generates its string. Called once per secret. */
  secretValue?: (logicalId: string) => string;
  /**
   * The local GraphQL endpoint of an AWS::AppSync::GraphQLApi (e.g. `http://127.0.0.1:20002/graphql`), used for its
   * `GraphQLUrl` attribute and, as `ws…/realtime`, its `RealtimeUrl`. Without it both are AWS-shaped placeholders
   * nothing listens on.
   */
  graphqlUrl?: (apiLogicalId: string) => string;
  /**
   * The local address of an AWS::Lambda::Url (e.g. `http://127.0.0.1:41000/`), its `FunctionUrl` attribute. Without it,
   * an AWS-shaped placeholder nothing listens on.
   */
  functionUrl?: (urlLogicalId: string) => string;
}

/**
 * The local real-time endpoint for a local GraphQL endpoint: AppSync's custom-domain form `{graphqlUrl}/realtime`
 * with the ws scheme, which AWS's clients derive by themselves.
 *
 * @example realtimeUrlOf('http://127.0.0.1:20002/graphql') // 'ws://127.0.0.1:20002/graphql/realtime'
 */
export function realtimeUrlOf(graphqlUrl: string): string {
  return `${graphqlUrl.replace(/^http/, 'ws')}/realtime`;
}

const LOWERCASE_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALPHANUMERIC = `ABCDEFGHIJKLMNOPQRSTUVWXYZ${LOWERCASE_ALPHANUMERIC}`;

/** `length` characters drawn uniformly (CSPRNG) from `alphabet`. */
function randomString(length: number, alphabet: string = ALPHANUMERIC): string {
  let out = '';
  for (let index = 0; index < length; index += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A fresh API key value in AppSync's format: `da2-` + 26 lowercase alphanumerics. */
export function generateApiKeyValue(): string {
  return `da2-${randomString(26, LOWERCASE_ALPHANUMERIC)}`;
}

/** A fresh secret like the template's generator makes (64 alphanumerics: no punctuation). */
export function generateSecretValue(): string {
  return randomString(64);
}

/** Wraps a generator so each logical id gets one value for the whole run, however often it is asked. */
export function memoizeByLogicalId(generate: (logicalId: string) => string): (logicalId: string) => string {
  const values = new Map<string, string>();
  return (logicalId) => {
    let value = values.get(logicalId);
    if (value === undefined) {
      value = generate(logicalId);
      values.set(logicalId, value);
    }
    return value;
  };
}
