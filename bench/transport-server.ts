/**
 * The server side of `npm run bench:transport`, run as a child process so client and server do
 * not share an event loop.
 *
 *   node dist/bench/transport-server.js <ours|bare> <ports>
 *
 * `ours` hosts the replication, snapshot and cluster services through raftctl's GrpcServer
 * adapter (health included); `bare` hosts the same methods, with the same generated
 * serializers, on a plain grpc-js Server with trivial handlers — the baseline. Both answer
 * AppendEntries with a success response, echo one response per StreamAppendEntries request,
 * and consume InstallSnapshot streams. It binds `ports` ports on 127.0.0.1 (port 0: chosen by
 * the OS), prints `listening on 127.0.0.1:P1,127.0.0.1:P2,...` and exits when stdin closes.
 */
import { Server, ServerCredentials, type sendUnaryData, type ServerDuplexStream, type ServerReadableStream, type ServerUnaryCall, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { AppendEntriesRequest, AppendEntriesResponse, LeaderDiscoveryRequest, LeaderDiscoveryResponse, SnapshotChunk, SnapshotResponse } from '../src/transport/messages.js';
import { GrpcServer } from '../src/transport/server.js';
import { ClusterManagementService, ReplicationService, SERVICE_NAMES, SnapshotService } from '../src/transport/services.js';

const mode = process.argv[2];
const portCount = Number(process.argv[3] ?? '1');
if ((mode !== 'ours' && mode !== 'bare') || !(portCount >= 1)) {
  process.stderr.write('usage: transport-server.js <ours|bare> <ports>\n');
  process.exit(2);
}

function appendResponse(req: AppendEntriesRequest): AppendEntriesResponse {
  const entries = req.entries ?? [];
  const index = (req.prevLogIndex ?? 0) + entries.length;
  return { nodeId: 2, term: req.term ?? 0, success: { lastMatch: { term: req.term ?? 0, index } } };
}

const replication: UntypedServiceImplementation = {
  AppendEntries: (call: ServerUnaryCall<AppendEntriesRequest, AppendEntriesResponse>, cb: sendUnaryData<AppendEntriesResponse>) => cb(null, appendResponse(call.request)),
  StreamAppendEntries: (call: ServerDuplexStream<AppendEntriesRequest, AppendEntriesResponse>) => {
    call.on('data', (req: AppendEntriesRequest) => call.write(appendResponse(req)));
    call.on('end', () => call.end());
    call.on('error', () => undefined);
  },
};

const snapshot: UntypedServiceImplementation = {
  InstallSnapshot: (call: ServerReadableStream<SnapshotChunk, SnapshotResponse>, cb: sendUnaryData<SnapshotResponse>) => {
    let bytes = 0;
    call.on('data', (chunk: SnapshotChunk) => {
      bytes += chunk.data?.length ?? 0;
    });
    call.on('end', () => cb(null, { term: 1, success: bytes > 0, nextChunk: 0 }));
    call.on('error', () => undefined);
  },
};

const cluster: UntypedServiceImplementation = {
  DiscoverLeader: (_call: ServerUnaryCall<LeaderDiscoveryRequest, LeaderDiscoveryResponse>, cb: sendUnaryData<LeaderDiscoveryResponse>) =>
    cb(null, { leaderId: 1, leaderAddress: addresses[0] ?? '', term: 1 }),
};

const addresses: string[] = [];

async function main(): Promise<void> {
  if (mode === 'ours') {
    const server = new GrpcServer();
    server.addService(SERVICE_NAMES.replication, ReplicationService, replication);
    server.addService(SERVICE_NAMES.snapshot, SnapshotService, snapshot);
    server.addService(SERVICE_NAMES.cluster, ClusterManagementService, cluster);
    for (let i = 0; i < portCount; i++) {
      const { port } = await server.listen('127.0.0.1:0');
      addresses.push(`127.0.0.1:${port}`);
    }
    process.stdin.on('end', () => void server.shutdown(200).then(() => process.exit(0)));
  } else {
    const server = new Server({ 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
    server.addService(ReplicationService, replication);
    server.addService(SnapshotService, snapshot);
    server.addService(ClusterManagementService, cluster);
    for (let i = 0; i < portCount; i++) {
      const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
      );
      addresses.push(`127.0.0.1:${port}`);
    }
    process.stdin.on('end', () => {
      server.forceShutdown();
      process.exit(0);
    });
  }
  process.stdin.resume();
  process.stdout.write(`listening on ${addresses.join(',')}\n`);
}

void main();
