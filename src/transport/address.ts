/**
 * `host:port` addresses as raftctl accepts them everywhere (CLI.md "endpoints", member
 * addresses in JoinCluster): no scheme; the host a DNS name (at most 253 characters), an IPv4
 * address or a bracketed IPv6 address; the port 1..65535. Pure; no IO.
 */

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/** The longest host name DNS allows. */
const MAX_HOST_LENGTH = 253;

/** Whether `text` is a valid `host:port` (see the module contract). */
export function isHostPort(text: string): boolean {
  const m = HOST_PORT.exec(text);
  if (!m) return false;
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 && m[1]!.length <= MAX_HOST_LENGTH;
}
