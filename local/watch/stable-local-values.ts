import type { LocalValues } from '../template/local-values.ts';

/**
 * Wraps the made-up values of a local run (API key values, generated secrets) so every readStack of the run — the
 * first one and each hot reload's — gets the same value per logical id. Without it a reload would hand clients a new
 * API key and AppSync a new HMAC secret that the running Lambda does not know.
 */
export function stableLocalValues(values: LocalValues): LocalValues {
  const remember = (generate: ((logicalId: string) => string) | undefined) => {
    if (!generate) return undefined;
    const known = new Map<string, string>();
    return (logicalId: string): string => {
      let value = known.get(logicalId);
      if (value === undefined) {
        value = generate(logicalId);
        known.set(logicalId, value);
      }
      return value;
    };
  };
  return { ...values, apiKeyValue: remember(values.apiKeyValue), secretValue: remember(values.secretValue) };
}
