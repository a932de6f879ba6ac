/**
 * Endpoints file entries named after the stack's outputs, for what a project wants at the top level of its endpoints
 * file (a JWKS URL, a bucket's website…): `{ jwksUrl: 'JwksUrl' }` adds `jwksUrl` with the output `JwksUrl`'s local
 * value. Every output is also under `outputs` by its own name.
 */

/**
 * The entries `names` (endpoint key → output name) asks for.
 * @throws Error naming the output when the stack has no such output (or none with a local value).
 * @example outputEndpoints({ JwksUrl: 'http://127.0.0.1:41000/' }, { jwksUrl: 'JwksUrl' }) // { jwksUrl: 'http://127.0.0.1:41000/' }
 */
export function outputEndpoints(
  outputs: Readonly<Record<string, string>>,
  names: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const [key, output] of Object.entries(names)) {
    const value = outputs[output];
    if (value === undefined) {
      const known = Object.keys(outputs).join(', ') || 'none';
      throw new Error(`outputEndpoints.${key} names stack output '${output}', which the stack does not have locally (its outputs: ${known}).`);
    }
    entries[key] = value;
  }
  return entries;
}
