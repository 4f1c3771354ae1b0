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

/** An unbracketed IPv6 address (`::`, as in `:::9081`): hex groups and colons, at least two of them. */
const BARE_IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/;

/**
 * Whether `address` (`host:port`) names an unspecified host, one that means "every interface"
 * (to listen on, not to dial): `0.0.0.0:9081`, `[::]:9081`, and every other spelling of either
 * that a resolver takes for it (`[::0]`, `[0:0:0:0:0:0:0:0]`, `[::0.0.0.0]`, `0`, `0.0`),
 * canonicalized as the WHATWG URL parser does.
 */
export function hasUnspecifiedHost(address: string): boolean {
  const m = /^(.*):(\d+)$/.exec(address);
  if (m === null || m[1] === '') return false;
  const host = BARE_IPV6.test(m[1]!) ? `[${m[1]}]` : m[1]!;
  let canonical: string;
  try {
    canonical = new URL(`http://${host}/`).hostname;
  } catch {
    return false;
  }
  return canonical === '0.0.0.0' || canonical === '[::]';
}

/** Whether `text` is a valid `host:port` (see the module contract); `allowPortZero` for an address to bind. */
export function isHostPort(text: string, { allowPortZero = false }: { readonly allowPortZero?: boolean } = {}): boolean {
  const m = HOST_PORT.exec(text);
  if (!m) return false;
  const port = Number(m[2]);
  return port >= (allowPortZero ? 0 : 1) && port <= 65535 && m[1]!.length <= MAX_HOST_LENGTH;
}
