/**
 * Looks for secrets where none may be: in a synthesized CloudFormation template, and in the environment variables of
 * every Lambda function and AppSync API (as the template has them, or as the local stack resolved them). The code MAC
 * key lives in KMS and the token key too; configuration holds key ARNs and settings only.
 *
 * What counts as secret-looking:
 * - a name that says so (`…SECRET…`, `…PASSWORD…`, `…PRIVATE_KEY…`, `…HMAC…`): the HMAC key's old variable was
 *   `OTP_HMAC_SECRET`;
 * - a CloudFormation dynamic reference to Secrets Manager or an SSM SecureString (`{{resolve:secretsmanager:…}}`),
 *   which is how the old key reached the environment, and a PEM block;
 * - a value that looks like key material: 32 or more characters of base64 or hex only, with the character entropy of
 *   random data (≥ 4 bits per character). ARNs, URLs, names with dashes, JSON and numbers do not match;
 * - in a template, any AWS::SecretsManager::Secret or SSM SecureString parameter.
 */

/** One thing found, for an assertion's message: where, and why it looks secret. */
export interface SecretFinding {
  where: string;
  why: string;
}

const SECRET_NAME = /SECRET|PASSWORD|PASSPHRASE|PRIVATE_?KEY|HMAC/i;
const SECRET_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):/;
const PEM_BLOCK = /-----BEGIN [A-Z ]+-----/;
/** Only base64 (standard or url-safe, without `-`) or hex characters, long enough to be a key. */
const KEY_MATERIAL = /^[A-Za-z0-9+/=_]{32,}$/;
const MIN_BITS_PER_CHARACTER = 4;

/** Shannon entropy of the characters of `text`, in bits per character. */
function bitsPerCharacter(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  return [...counts.values()].reduce((bits, count) => {
    const p = count / text.length;
    return bits - p * Math.log2(p);
  }, 0);
}

/** Why `value` looks like a secret, or undefined. */
export function secretLookingValue(value: string): string | undefined {
  if (SECRET_REFERENCE.test(value)) return 'a dynamic reference to a secret';
  if (PEM_BLOCK.test(value)) return 'a PEM block';
  if (KEY_MATERIAL.test(value) && bitsPerCharacter(value) >= MIN_BITS_PER_CHARACTER) return 'a value that looks like key material';
  return undefined;
}

/** Intrinsics that name a resource or parameter (a logical id, not a value): `Ref`, `Fn::GetAtt`, `Fn::ImportValue`. */
const REFERENCES = new Set(['Ref', 'Fn::GetAtt', 'Fn::ImportValue']);

/** Every literal string inside a value (CloudFormation intrinsics are objects and arrays of strings). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && REFERENCES.has(entries[0]![0])) return [];
    return entries.flatMap(([, entry]) => stringsIn(entry));
  }
  return [];
}

/**
 * Secret-looking names and values in environments: `environments` maps an owner (a function, an API) to its
 * variables, whose values may be strings or CloudFormation intrinsics.
 */
export function findSecretsInEnvironments(environments: Record<string, Record<string, unknown>>): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const [owner, variables] of Object.entries(environments)) {
    for (const [name, value] of Object.entries(variables)) {
      const where = `${owner} ${name}`;
      if (SECRET_NAME.test(name)) found.push({ where, why: 'a name that says it holds a secret' });
      for (const text of stringsIn(value)) {
        const why = secretLookingValue(text);
        if (why) found.push({ where, why });
      }
    }
  }
  return found;
}

interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

/** The environment variables of each Lambda function and AppSync API of a template, by logical id. */
export function templateEnvironments(template: { Resources?: Record<string, TemplateResource> }): Record<string, Record<string, unknown>> {
  const environments: Record<string, Record<string, unknown>> = {};
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type === 'AWS::Lambda::Function') {
      environments[id] = ((resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {});
    }
    if (resource.Type === 'AWS::AppSync::GraphQLApi') {
      environments[id] = (resource.Properties?.EnvironmentVariables as Record<string, unknown> | undefined) ?? {};
    }
  }
  return environments;
}

/**
 * Everything secret-looking in a synthesized template: secrets as resources, dynamic references to secrets anywhere
 * (an output, a property, a policy), and secret-looking environment variables of its functions and APIs.
 */
export function findSecretsInTemplate(template: { Resources?: Record<string, TemplateResource>; Outputs?: unknown }): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type === 'AWS::SecretsManager::Secret') found.push({ where: id, why: 'a Secrets Manager secret' });
    if (resource.Type === 'AWS::SSM::Parameter' && resource.Properties?.Type === 'SecureString') found.push({ where: id, why: 'an SSM SecureString' });
    for (const text of stringsIn(resource.Properties)) {
      if (SECRET_REFERENCE.test(text) || PEM_BLOCK.test(text)) found.push({ where: id, why: secretLookingValue(text) ?? 'a secret' });
    }
  }
  for (const text of stringsIn(template.Outputs)) {
    if (SECRET_REFERENCE.test(text) || PEM_BLOCK.test(text)) found.push({ where: 'Outputs', why: secretLookingValue(text) ?? 'a secret' });
  }
  return [...found, ...findSecretsInEnvironments(templateEnvironments(template))];
}
