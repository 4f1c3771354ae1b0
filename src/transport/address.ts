/**
 * `host:port` addresses as raftctl accepts them everywhere (CLI.md "endpoints", `node start
 * --listen`/`--advertise`/`--peers`, member addresses in JoinCluster): no scheme; the host a
 * name (letters, digits, `.`, `-` and `_`, as container and compose service names use; at most
 * 253 characters), an IPv4 address or a bracketed IPv6 address; the port 1..65535 (0 only where
 * the caller allows it: an address to bind, where 0 asks for a free port). Pure; no IO.
 */

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?):(\d{1,5})$/;

/** The longest host name DNS allows. */
const MAX_HOST_LENGTH = 253;

/** Hosts that mean "every interface" (0.0.0.0, ::): addresses to listen on, not ones to dial. */
const UNSPECIFIED_HOST = /^(?:0\.0\.0\.0|::|\[::\]|\[0*(?::0*){7}\])$/;

/** Whether `address` (`host:port`) names an unspecified host: `0.0.0.0:9081`, `[::]:9081`. */
export function hasUnspecifiedHost(address: string): boolean {
  const m = /^(.*):(\d+)$/.exec(address);
  return m !== null && UNSPECIFIED_HOST.test(m[1]!);
}

/** Whether `text` is a valid `host:port` (see the module contract); `allowPortZero` for an address to bind. */
export function isHostPort(text: string, { allowPortZero = false }: { readonly allowPortZero?: boolean } = {}): boolean {
  const m = HOST_PORT.exec(text);
  if (!m) return false;
  const port = Number(m[2]);
  return port >= (allowPortZero ? 0 : 1) && port <= 65535 && m[1]!.length <= MAX_HOST_LENGTH;
}
