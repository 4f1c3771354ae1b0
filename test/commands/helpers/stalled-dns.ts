/**
 * Preload (`node --import <this file> bin/run.js …`) that stands in for a DNS server which never
 * answers, with no real DNS: in the process it is loaded into,
 * - `dns.promises.resolveTxt` (grpc-js's service-config lookup) never settles and, as c-ares
 *   keeps its query socket open until it gives up, keeps the event loop alive meanwhile;
 * - `dns.promises.lookup` answers {@link STALLED_DNS_NAME} with 127.0.0.1 (so a command can dial
 *   a host name without a resolver) and every other name as usual.
 * Each stalled query writes `stalled-dns: TXT <name>` to stderr, so a test can tell it was asked.
 */
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';

/** A host name this preload resolves to 127.0.0.1 (bin-process.test.ts spells it too: importing this file would patch the importer's dns). */
const STALLED_DNS_NAME = 'raftctl-test.invalid';

const promises = dns.promises;
const lookup = promises.lookup.bind(promises);
promises.resolveTxt = (hostname: string): Promise<string[][]> => {
  process.stderr.write(`stalled-dns: TXT ${hostname}\n`);
  setInterval(() => undefined, 60_000); // the pending query's socket
  return new Promise<string[][]>(() => undefined);
};
promises.lookup = ((hostname: string, options?: dns.LookupOptions) =>
  hostname === STALLED_DNS_NAME
    ? Promise.resolve(options?.all === true ? [{ address: '127.0.0.1', family: 4 }] : { address: '127.0.0.1', family: 4 })
    : lookup(hostname, options ?? {})) as typeof promises.lookup;
syncBuiltinESMExports();
