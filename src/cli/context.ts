/**
 * The one place that builds what commands talk to the cluster with: the gRPC channel pool
 * (and, later, its TLS credentials and profile settings), the endpoint client, and the
 * command's call budget. gRPC is loaded here, lazily, so `raftctl --help` and `--version` never
 * pay for it.
 */
import { CallBudget, type OperatorContext } from '../app/operator.js';
import { UsageError } from '../errors.js';
import { AddressBook } from '../transport/address-identity.js';
import type { EndpointClient } from '../transport/endpoint-client.js';

export interface CliContextOptions {
  /** Validated `host:port` endpoints (src/cli/endpoints.ts). */
  readonly endpoints: readonly string[];
  /** `--timeout`: deadline of each attempt, ms. */
  readonly timeoutMs: number;
  /** `--wait-timeout`: bound on the whole command, ms. */
  readonly waitTimeoutMs: number;
  /** The endpoints are nodes this process started (the playground): plaintext by construction, whatever the environment says. */
  readonly ownNodes?: boolean;
}

/** An operator context that owns channels: call {@link CliContext.close} when the command ends. */
export interface CliContext extends OperatorContext {
  /** The full endpoint client (every use case's client type is a subset of it). */
  readonly client: EndpointClient;
  /** Cancels calls still in flight and closes every channel. Idempotent. */
  close(): void;
}

/** CLI.md's TLS and profile settings, which this version does not implement yet. */
const UNSUPPORTED_SETTINGS = ['RAFTCTL_CACERT', 'RAFTCTL_CERT', 'RAFTCTL_KEY', 'RAFTCTL_PROFILE'] as const;

/**
 * Refuses to connect in plaintext while the environment asks for TLS or a profile (CLI.md
 * `--cacert`, `--cert`, `--key`, `--profile`): a script that set them expects its traffic
 * encrypted or its profile's endpoints, and must not get neither without a word.
 */
export function refuseUnsupportedSettings(env: NodeJS.ProcessEnv = process.env): void {
  const set = UNSUPPORTED_SETTINGS.filter((name) => (env[name] ?? '') !== '');
  if (set.length === 0) return;
  throw new UsageError(`${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set, but this raftctl has no TLS or profiles yet: it would connect in plaintext`, {
    hint: `unset ${set.join(' and ')} to connect without TLS`,
  });
}

/**
 * Builds the context for one command run. Channels are plaintext until TLS flags exist; the
 * credentials will be built here and passed to the ChannelPool. Until then, a TLS or profile
 * setting in the environment is a usage error (exit 2), see {@link refuseUnsupportedSettings}.
 */
export async function createCliContext(options: CliContextOptions): Promise<CliContext> {
  if (options.ownNodes !== true) refuseUnsupportedSettings();
  const [{ ChannelPool }, { EndpointClient }] = await Promise.all([
    import('../transport/channels.js'),
    import('../transport/endpoint-client.js'),
  ]);
  const pool = new ChannelPool();
  const client = new EndpointClient({ pool });
  const budget = new CallBudget(options.timeoutMs, options.waitTimeoutMs);
  const addresses = new AddressBook();
  // One node given twice in different spellings (`127.0.0.1:P,localhost:P`) is asked once, as
  // an exact duplicate is (src/cli/endpoints.ts): the first spelling is kept.
  const endpoints = await addresses.distinct(options.endpoints);
  let closed = false;
  return {
    client,
    endpoints,
    budget,
    addresses,
    close(): void {
      if (closed) return;
      closed = true;
      budget.dispose();
      pool.close();
    },
  };
}

/** Endpoint clients that each own their connections, for load generators (`bench --conns`). */
export interface ClientSet {
  readonly clients: readonly EndpointClient[];
  /** Closes every client's channels. Idempotent. */
  close(): void;
}

/**
 * Builds `count` endpoint clients on separate channel pools, so each opens its own TCP
 * connection to a node (grpc-js would otherwise share one connection per address).
 */
export async function createClientSet(count: number): Promise<ClientSet> {
  const [{ ChannelPool }, { EndpointClient }] = await Promise.all([
    import('../transport/channels.js'),
    import('../transport/endpoint-client.js'),
  ]);
  const pools = Array.from({ length: count }, () => new ChannelPool());
  const clients = pools.map((pool) => new EndpointClient({ pool }));
  let closed = false;
  return {
    clients,
    close(): void {
      if (closed) return;
      closed = true;
      for (const pool of pools) pool.close();
    },
  };
}
