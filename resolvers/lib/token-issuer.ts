/**
 * A verification token's `iss`: the API's GraphQL URL, as the client reached it.
 *
 * Why from the request and not from configuration: the URL is an attribute of the API itself, and CloudFormation
 * cannot put a resource's own attribute into that resource's properties (the API's environment variables): a
 * circular dependency, as for the default audience (infra/model/audience.ts). AppSync routes a request by its
 * `Host`, so a request that reached this API carries the API's host (or a custom domain of it): the issuer is
 * `https://<host>/graphql`. AppSync serves HTTPS only; the one plain-HTTP endpoint is the local engine, on a loopback
 * address, hence `http` for loopback hosts. A host with anything but host characters yields no issuer (no token).
 */

/** GraphQL's path on every AppSync endpoint (and on the local engine). */
export const GRAPHQL_PATH = '/graphql';

const HOST_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789.-:[]';
/** The longest host name DNS allows (253), plus room for a port. */
const MAX_HOST_LENGTH = 260;

/** Loopback hosts (with or without a port): only the local engine is reached there. */
function isLoopback(host: string): boolean {
  return host.startsWith('127.') || host === 'localhost' || host.startsWith('localhost:') || host.startsWith('[::1]');
}

/**
 * The issuer for a request's `Host` header, or null when it is missing or not a host.
 *
 * @example issuerOf('abc.appsync-api.eu-west-1.amazonaws.com') // 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql'
 * @example issuerOf('127.0.0.1:20002') // 'http://127.0.0.1:20002/graphql'
 */
export function issuerOf(hostHeader: string | undefined | null): string | null {
  const host = (hostHeader ?? '').trim().toLowerCase();
  if (host.length === 0 || host.length > MAX_HOST_LENGTH) return null;
  if (!host.split('').every((char) => HOST_CHARACTERS.indexOf(char) >= 0)) return null;
  return `${isLoopback(host) ? 'http' : 'https'}://${host}${GRAPHQL_PATH}`;
}
