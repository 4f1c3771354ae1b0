/**
 * Whether two `host:port` spellings name the same node (README, "Endpoints and node addresses"):
 * an operator's `-e localhost:9081` and the `127.0.0.1:9081` a leader advertises in its
 * NOT_LEADER hints, DiscoverLeader answers and cluster metadata are one node, and so are
 * `127.0.0.1:09081`, `LOCALHOST:9081`, `127.1:9081` or `[0:0::1]:9081` and `[::1]:9081`.
 *
 * Two addresses match when their ports are equal as numbers (leading zeros ignored) and their
 * hosts are equal after canonicalization (a leading `http://`/`https://` dropped, names
 * lowercased, IP literals in the WHATWG URL parser's canonical form), or when the hosts resolve
 * (`dns.lookup`, every address) to at least one common IP. Each host is resolved at most once
 * per {@link AddressBook} (one per command), within {@link LOOKUP_TIMEOUT_MS}; a host that does
 * not resolve in time, or at all, matches only its own spelling. So does a name that resolves
 * to more than one address of one family (round-robin DNS, a Kubernetes headless service: a
 * name for several nodes, not one; taking it for each of them would make a NOT_LEADER hint
 * naming the leader "the endpoint given", redialled onto the same follower until the wait ran
 * out); one IPv4 plus one IPv6 address (`localhost`, a dual-stack host) is one node. Distinct IPs are distinct
 * nodes, loopback ones included (127.0.0.1 is not 127.0.0.2, nor ::1: a node may listen on one
 * and not the other); a name such as `localhost` matches every address it resolves to.
 * Anything that is not `host:port` (a test's fake address) matches only itself, textually,
 * and is never looked up.
 *
 * The lookup timeout bounds the wait for an answer, not the process: `dns.lookup` is a
 * getaddrinfo call in libuv's thread pool that cannot be cancelled, and until the system
 * resolver gives up (`/etc/resolv.conf` timeout × attempts) it keeps the event loop alive and
 * even holds `process.exit` (which joins the pool's threads). grpc-js resolves every host name
 * it dials the same way, so a name whose lookup hangs holds the exit whether or not it was
 * compared here.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** How long one host's resolution may take before it counts as unresolved (then only its spelling matches). */
export const LOOKUP_TIMEOUT_MS = 1000;

/** Resolves a host name to its IP addresses (all of them). */
export type HostLookup = (host: string) => Promise<readonly string[]>;

/** `dns.lookup(host, {all: true})` (the resolver gRPC itself dials through: /etc/hosts, then DNS). */
export const systemLookup: HostLookup = async (host) => (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** A parsed address: canonical host and numeric port. */
interface Parsed {
  readonly host: string;
  readonly port: number;
  /** Whether `host` is an IP literal (no lookup needed). */
  readonly ip: boolean;
}

const HOST_PORT = /^(.+):(\d{1,5})$/;

/** The canonical form of an IP address as `dns.lookup` returns it (IPv6 bracketed). */
function canonicalIp(address: string): string {
  const bracketed = isIP(address) === 6 ? `[${address}]` : address;
  return canonicalHost(bracketed) ?? address;
}

/** A host in the URL parser's canonical form (lowercase names, canonical IPv4 and IPv6), or null. */
function canonicalHost(host: string): string | null {
  try {
    const h = new URL(`http://${host}/`).hostname;
    return h === '' ? null : h;
  } catch {
    return null;
  }
}

/**
 * A name's resolution as the addresses of one node: `ips` (deduplicated) when they hold at most
 * one IPv4 and one IPv6 address, else none (a name for several nodes matches only its spellings).
 */
function oneNode(ips: readonly string[]): readonly string[] {
  const distinct = [...new Set(ips)];
  const v6 = distinct.filter((ip) => ip.includes(':')).length; // IPv6, bracketed or (with a zone) not
  return v6 > 1 || distinct.length - v6 > 1 ? [] : distinct;
}

/** `address` split into canonical host and port; null when it is not `host:port`. */
function parse(address: string): Parsed | null {
  const m = HOST_PORT.exec(address.trim().replace(/^https?:\/\//i, ''));
  if (!m) return null;
  const host = canonicalHost(m[1]!);
  if (host === null) return null;
  const port = Number(m[2]);
  return { host, port, ip: host.startsWith('[') || isIP(host) === 4 };
}

/**
 * The textual canonical form of `address` (`host:port` with the host canonicalized and the port
 * without leading zeros, see the module comment), or `address` itself when it is not `host:port`.
 * Two addresses with the same form name the same node; different forms may still (a name and
 * its IP): ask an {@link AddressBook}.
 */
export function canonicalAddress(address: string): string {
  const p = parse(address);
  return p === null ? address : `${p.host}:${p.port}`;
}

/**
 * Same-node comparison of addresses for one command (see the module comment): resolutions are
 * cached, so a command asks the resolver at most once per host name.
 */
export class AddressBook {
  readonly #lookup: HostLookup;
  readonly #timeoutMs: number;
  readonly #ips = new Map<string, Promise<readonly string[]>>();

  constructor(options: { readonly lookup?: HostLookup; readonly timeoutMs?: number } = {}) {
    this.#lookup = options.lookup ?? systemLookup;
    this.#timeoutMs = options.timeoutMs ?? LOOKUP_TIMEOUT_MS;
  }

  /** Whether `a` and `b` name the same node. Never rejects. */
  async same(a: string, b: string): Promise<boolean> {
    if (a === b) return true;
    const pa = parse(a);
    const pb = parse(b);
    if (pa === null || pb === null || pa.port !== pb.port) return false;
    if (pa.host === pb.host) return true;
    if (pa.ip && pb.ip) return false;
    const [ia, ib] = await Promise.all([this.#resolve(pa), this.#resolve(pb)]);
    return ia.some((ip) => ib.includes(ip));
  }

  /** The first of `candidates` that names the same node as `address`, or undefined. Never rejects. */
  async find(address: string, candidates: Iterable<string>): Promise<string | undefined> {
    for (const candidate of candidates) if (await this.same(address, candidate)) return candidate;
    return undefined;
  }

  /** `addresses` with later spellings of a node already listed dropped (the first spelling kept, order kept). */
  async distinct(addresses: readonly string[]): Promise<string[]> {
    // Names resolve in parallel up front: a list of slow names costs one lookup's wait, not one
    // each. Only names sharing their port with another address: `same` compares ports first, so
    // the others are never looked up here (endpoints on distinct ports cost no lookup before dialling).
    const parsed = addresses.map(parse);
    const onPort = new Map<number, number>();
    for (const p of parsed) if (p !== null) onPort.set(p.port, (onPort.get(p.port) ?? 0) + 1);
    await Promise.all(parsed.flatMap((p) => (p !== null && !p.ip && onPort.get(p.port)! > 1 ? [this.#resolve(p)] : [])));
    const out: string[] = [];
    for (const address of addresses) if ((await this.find(address, out)) === undefined) out.push(address);
    return out;
  }

  /** The canonical IPs of a parsed host: itself for an IP literal; else its resolution (empty when it failed, took too long, or names several nodes: {@link oneNode}). */
  #resolve(p: Parsed): Promise<readonly string[]> {
    if (p.ip) return Promise.resolve([p.host]);
    let ips = this.#ips.get(p.host);
    if (ips === undefined) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<readonly string[]>((resolve) => {
        timer = setTimeout(() => resolve([]), this.#timeoutMs);
        timer.unref?.();
      });
      const resolved = this.#lookup(p.host).then(
        (list) => oneNode(list.map(canonicalIp)),
        () => [] as string[],
      );
      ips = Promise.race([resolved, late]).finally(() => clearTimeout(timer));
      this.#ips.set(p.host, ips);
    }
    return ips;
  }
}
