/**
 * A TCP server that accepts connections and never says anything: what a hung node (a SIGSTOPped
 * process, one stuck on its disk) looks like to a gRPC client, whose channel then stays
 * CONNECTING until it gives up.
 */
import net from 'node:net';

export interface HungServer {
  /** `host:port` it listens on. */
  readonly address: string;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Drops every connection and stops listening. */
  close(): Promise<void>;
}

/** Listens on `port` of `host` (default: a free port of 127.0.0.1). */
export async function startHungServer(host = '127.0.0.1', port = 0): Promise<HungServer> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = `${host}:${(server.address() as net.AddressInfo).port}`;
  return {
    address,
    get connections() {
      return sockets.length;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
