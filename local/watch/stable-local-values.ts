import { memoizeByLogicalId, type LocalValues } from '../template/local-values.ts';

/**
 * Wraps the made-up values of a local run (API key values, generated secrets) so every read of the stack — the
 * first one and each hot reload's — gets the same value per logical id. Without it a reload would hand clients a new
 * API key and AppSync a new HMAC secret that the running Lambda does not know.
 */
export function stableLocalValues(values: LocalValues): LocalValues {
  return {
    ...values,
    apiKeyValue: values.apiKeyValue && memoizeByLogicalId(values.apiKeyValue),
    secretValue: values.secretValue && memoizeByLogicalId(values.secretValue),
  };
}
