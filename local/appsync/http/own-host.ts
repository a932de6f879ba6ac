/**
 * DNS-rebinding defence: the engine answers only requests whose `Host` header names the engine itself. A page on
 * another site whose DNS name is rebound to 127.0.0.1 becomes same-origin with the engine in the browser, but its
 * requests still carry that site's name as Host; refusing them keeps the page from reading the explorer (which
 * carries the API key), the API and the real-time endpoint.
 */

/** The refusal (HTTP 403). The message never quotes the header it refuses. */
export const FORBIDDEN_HOST = {
  status: 403,
  errorType: 'ForbiddenHost',
  message: "The Host header must name this server: 127.0.0.1, localhost or [::1] with the server's port.",
} as const;

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
/** Bind addresses that are no name of their own (every interface). */
const WILDCARD_ADDRESSES = new Set(['', '0.0.0.0', '::']);

/**
 * The Host values (lower case) that name a server bound to `bindHost` on `port`: the loopback names, and the bound
 * address itself when it is a specific one. Without a port only on port 80, where clients leave it out.
 */
export function ownHostValues(bindHost: string, port: number): ReadonlySet<string> {
  const names = [...LOOPBACK_NAMES];
  if (!WILDCARD_ADDRESSES.has(bindHost)) names.push(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
  const values = new Set(names.map((name) => `${name.toLowerCase()}:${port}`));
  if (port === 80) for (const name of names) values.add(name.toLowerCase());
  return values;
}

/**
 * A check of Host values against {@link ownHostValues}; a missing Host fails it.
 * @example createHostCheck('127.0.0.1', 20002)('localhost:20002') // true
 */
export function createHostCheck(bindHost: string, port: number): (host: string | undefined) => boolean {
  const values = ownHostValues(bindHost, port);
  return (host) => host !== undefined && values.has(host.toLowerCase());
}
