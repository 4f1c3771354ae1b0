/**
 * Service layout: every service raftctl serves or calls, with its full method paths, streaming
 * kinds and message types, as in the reference's §1.2 table (d-engine services and health) and
 * PROTOCOL.md (raftctl.raft.v1.RaftPeerExt, raftctl.admin.v1.Admin).
 *
 * Scenario: the grpc-js definitions of src/transport/services.ts and the `service` blocks of
 * proto/ (parsed with protobufjs) are compared with the table below.
 * Expected: same services, same methods (none missing, none extra), same paths, streaming flags
 * and types. On d-engine's election and replication paths raftctl's definitions carry the
 * superset request types of raftctl.raft.v1 (PROTOCOL.md "Extensions").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import protobuf from 'protobufjs';
import { d_engine, grpc, raftctl } from '../../../src/proto/raftctl.js';
import { SERVICES, SERVICE_NAMES, DENGINE_SERVICE_NAMES } from '../../../src/transport/services.js';
import { loadProtos, qualified } from './protos.js';

type Kind = 'unary' | 'client streaming' | 'server streaming' | 'bidi streaming';

interface Row {
  path: string;
  kind: Kind;
  /** Message types as declared in proto/ (the reference's names for d-engine's services). */
  request: string;
  response: string;
  /** The generated classes raftctl's grpc-js definition (de)serializes with. */
  servedRequest: Function;
  servedResponse: Function;
}

const { election, replication, storage, cluster } = d_engine.server;
const client = d_engine.client;
const peer = raftctl.raft.v1;
const admin = raftctl.admin.v1;
const health = grpc.health.v1;

/** Reference §1.2, PROTOCOL.md "Extensions" and "Admin service", and grpc.health.v1. */
const TABLE: Row[] = [
  { path: '/d_engine.server.election.RaftElectionService/RequestVote', kind: 'unary', request: 'd_engine.server.election.VoteRequest', response: 'd_engine.server.election.VoteResponse', servedRequest: peer.VoteRequest, servedResponse: election.VoteResponse },
  { path: '/d_engine.server.replication.RaftReplicationService/AppendEntries', kind: 'unary', request: 'd_engine.server.replication.AppendEntriesRequest', response: 'd_engine.server.replication.AppendEntriesResponse', servedRequest: peer.AppendEntriesRequest, servedResponse: replication.AppendEntriesResponse },
  { path: '/d_engine.server.replication.RaftReplicationService/StreamAppendEntries', kind: 'bidi streaming', request: 'd_engine.server.replication.AppendEntriesRequest', response: 'd_engine.server.replication.AppendEntriesResponse', servedRequest: peer.AppendEntriesRequest, servedResponse: replication.AppendEntriesResponse },
  { path: '/d_engine.server.cluster.ClusterManagementService/UpdateClusterConf', kind: 'unary', request: 'd_engine.server.cluster.ClusterConfChangeRequest', response: 'd_engine.server.cluster.ClusterConfUpdateResponse', servedRequest: cluster.ClusterConfChangeRequest, servedResponse: cluster.ClusterConfUpdateResponse },
  { path: '/d_engine.server.cluster.ClusterManagementService/GetClusterMetadata', kind: 'unary', request: 'd_engine.server.cluster.MetadataRequest', response: 'd_engine.server.cluster.ClusterMembership', servedRequest: cluster.MetadataRequest, servedResponse: cluster.ClusterMembership },
  { path: '/d_engine.server.cluster.ClusterManagementService/JoinCluster', kind: 'unary', request: 'd_engine.server.cluster.JoinRequest', response: 'd_engine.server.cluster.JoinResponse', servedRequest: cluster.JoinRequest, servedResponse: cluster.JoinResponse },
  { path: '/d_engine.server.cluster.ClusterManagementService/DiscoverLeader', kind: 'unary', request: 'd_engine.server.cluster.LeaderDiscoveryRequest', response: 'd_engine.server.cluster.LeaderDiscoveryResponse', servedRequest: cluster.LeaderDiscoveryRequest, servedResponse: cluster.LeaderDiscoveryResponse },
  { path: '/d_engine.server.storage.SnapshotService/InstallSnapshot', kind: 'client streaming', request: 'd_engine.server.storage.SnapshotChunk', response: 'd_engine.server.storage.SnapshotResponse', servedRequest: storage.SnapshotChunk, servedResponse: storage.SnapshotResponse },
  { path: '/d_engine.server.storage.SnapshotService/StreamSnapshot', kind: 'bidi streaming', request: 'd_engine.server.storage.SnapshotAck', response: 'd_engine.server.storage.SnapshotChunk', servedRequest: storage.SnapshotAck, servedResponse: storage.SnapshotChunk },
  { path: '/d_engine.client.RaftClientService/HandleClientWrite', kind: 'unary', request: 'd_engine.client.ClientWriteRequest', response: 'd_engine.client.ClientResponse', servedRequest: client.ClientWriteRequest, servedResponse: client.ClientResponse },
  { path: '/d_engine.client.RaftClientService/HandleClientRead', kind: 'unary', request: 'd_engine.client.ClientReadRequest', response: 'd_engine.client.ClientResponse', servedRequest: client.ClientReadRequest, servedResponse: client.ClientResponse },
  { path: '/d_engine.client.RaftClientService/HandleClientScan', kind: 'unary', request: 'd_engine.client.ScanRequest', response: 'd_engine.client.ScanResponse', servedRequest: client.ScanRequest, servedResponse: client.ScanResponse },
  { path: '/d_engine.client.RaftClientService/Watch', kind: 'server streaming', request: 'd_engine.client.WatchRequest', response: 'd_engine.client.WatchResponse', servedRequest: client.WatchRequest, servedResponse: client.WatchResponse },
  { path: '/d_engine.client.RaftClientService/WatchMembership', kind: 'server streaming', request: 'd_engine.client.WatchMembershipRequest', response: 'd_engine.client.MembershipSnapshot', servedRequest: client.WatchMembershipRequest, servedResponse: client.MembershipSnapshot },
  { path: '/grpc.health.v1.Health/Check', kind: 'unary', request: 'grpc.health.v1.HealthCheckRequest', response: 'grpc.health.v1.HealthCheckResponse', servedRequest: health.HealthCheckRequest, servedResponse: health.HealthCheckResponse },
  { path: '/grpc.health.v1.Health/Watch', kind: 'server streaming', request: 'grpc.health.v1.HealthCheckRequest', response: 'grpc.health.v1.HealthCheckResponse', servedRequest: health.HealthCheckRequest, servedResponse: health.HealthCheckResponse },
  { path: '/raftctl.raft.v1.RaftPeerExt/PreVote', kind: 'unary', request: 'raftctl.raft.v1.VoteRequest', response: 'd_engine.server.election.VoteResponse', servedRequest: peer.VoteRequest, servedResponse: election.VoteResponse },
  { path: '/raftctl.raft.v1.RaftPeerExt/TimeoutNow', kind: 'unary', request: 'raftctl.raft.v1.TimeoutNowRequest', response: 'raftctl.raft.v1.Empty', servedRequest: peer.TimeoutNowRequest, servedResponse: peer.Empty },
  { path: '/raftctl.raft.v1.RaftPeerExt/ReadIndex', kind: 'unary', request: 'raftctl.raft.v1.ReadIndexRequest', response: 'raftctl.raft.v1.ReadIndexResponse', servedRequest: peer.ReadIndexRequest, servedResponse: peer.ReadIndexResponse },
  { path: '/raftctl.admin.v1.Admin/GetServerInfo', kind: 'unary', request: 'raftctl.admin.v1.GetServerInfoRequest', response: 'raftctl.admin.v1.ServerInfo', servedRequest: admin.GetServerInfoRequest, servedResponse: admin.ServerInfo },
  { path: '/raftctl.admin.v1.Admin/GetNodeStatus', kind: 'unary', request: 'raftctl.admin.v1.GetNodeStatusRequest', response: 'raftctl.admin.v1.NodeStatus', servedRequest: admin.GetNodeStatusRequest, servedResponse: admin.NodeStatus },
  { path: '/raftctl.admin.v1.Admin/ChangeMembership', kind: 'unary', request: 'raftctl.admin.v1.ChangeMembershipRequest', response: 'raftctl.admin.v1.ChangeMembershipResponse', servedRequest: admin.ChangeMembershipRequest, servedResponse: admin.ChangeMembershipResponse },
  { path: '/raftctl.admin.v1.Admin/TransferLeadership', kind: 'unary', request: 'raftctl.admin.v1.TransferLeadershipRequest', response: 'raftctl.admin.v1.TransferLeadershipResponse', servedRequest: admin.TransferLeadershipRequest, servedResponse: admin.TransferLeadershipResponse },
  { path: '/raftctl.admin.v1.Admin/TriggerSnapshot', kind: 'unary', request: 'raftctl.admin.v1.TriggerSnapshotRequest', response: 'raftctl.admin.v1.SnapshotInfo', servedRequest: admin.TriggerSnapshotRequest, servedResponse: admin.SnapshotInfo },
  { path: '/raftctl.admin.v1.Admin/SendSnapshot', kind: 'unary', request: 'raftctl.admin.v1.SendSnapshotRequest', response: 'raftctl.admin.v1.SendSnapshotResponse', servedRequest: admin.SendSnapshotRequest, servedResponse: admin.SendSnapshotResponse },
  { path: '/raftctl.admin.v1.Admin/TailEntries', kind: 'server streaming', request: 'raftctl.admin.v1.TailEntriesRequest', response: 'raftctl.admin.v1.TailEntriesResponse', servedRequest: admin.TailEntriesRequest, servedResponse: admin.TailEntriesResponse },
  { path: '/raftctl.admin.v1.Admin/WatchReplication', kind: 'server streaming', request: 'raftctl.admin.v1.WatchReplicationRequest', response: 'raftctl.admin.v1.ReplicationEvent', servedRequest: admin.WatchReplicationRequest, servedResponse: admin.ReplicationEvent },
];

function kindOf(requestStream: boolean, responseStream: boolean): Kind {
  if (requestStream && responseStream) return 'bidi streaming';
  if (requestStream) return 'client streaming';
  if (responseStream) return 'server streaming';
  return 'unary';
}

/** Splits '/pkg.Service/Method' into service and method. */
function splitPath(path: string): [string, string] {
  const match = /^\/([A-Za-z0-9_.]+)\/([A-Za-z0-9_]+)$/.exec(path);
  assert.ok(match, `not a full method path: ${path}`);
  return [match[1]!, match[2]!];
}

interface Served {
  path: string;
  originalName?: string;
  requestStream: boolean;
  responseStream: boolean;
  requestSerialize(value: never): Buffer;
  requestDeserialize(bytes: Buffer): unknown;
  responseSerialize(value: never): Buffer;
  responseDeserialize(bytes: Buffer): unknown;
}

function served(path: string): Served | undefined {
  const [service, method] = splitPath(path);
  const definition = (SERVICES as Record<string, Record<string, Served>>)[service];
  return definition?.[method];
}

test('the table of services is exactly SERVICES of src/transport/services.ts', () => {
  const expected = [...new Set(TABLE.map((row) => splitPath(row.path)[0]))].sort();
  assert.deepEqual(Object.keys(SERVICES).sort(), expected);
  assert.deepEqual(Object.values(SERVICE_NAMES).sort(), expected);
  for (const service of expected) {
    const methods = TABLE.filter((row) => splitPath(row.path)[0] === service).map((row) => splitPath(row.path)[1]).sort();
    assert.deepEqual(Object.keys((SERVICES as Record<string, object>)[service]!).sort(), methods, `methods of ${service}`);
  }
});

for (const row of TABLE) {
  test(`served: ${row.path} (${row.kind})`, () => {
    const method = served(row.path);
    assert.ok(method, `${row.path} has no definition`);
    assert.equal(method.path, row.path);
    assert.equal(method.originalName, splitPath(row.path)[1]);
    assert.equal(kindOf(method.requestStream, method.responseStream), row.kind);
    // The serializers use the expected generated classes: an empty message decodes to an instance.
    assert.ok(method.requestDeserialize(Buffer.alloc(0)) instanceof row.servedRequest, `request type of ${row.path}`);
    assert.ok(method.responseDeserialize(Buffer.alloc(0)) instanceof row.servedResponse, `response type of ${row.path}`);
    assert.ok(Buffer.isBuffer(method.requestSerialize({} as never)));
    assert.ok(Buffer.isBuffer(method.responseSerialize({} as never)));
  });
}

/** The generated class for a fully qualified message name, e.g. 'd_engine.common.Entry'. */
function generatedClass(fullName: string): Function {
  let node: unknown = { d_engine, grpc, raftctl };
  for (const part of fullName.split('.')) node = (node as Record<string, unknown>)[part];
  assert.equal(typeof node, 'function', `no generated class for ${fullName}`);
  return node as Function;
}

test('served types are the declared ones, except the superset requests on the election and replication paths', () => {
  const deviations: string[] = [];
  for (const row of TABLE) {
    assert.equal(row.servedResponse, generatedClass(row.response), `response of ${row.path}`);
    if (row.servedRequest === generatedClass(row.request)) continue;
    // The only allowed deviation: raftctl.raft.v1's superset message of the same name.
    const name = row.request.split('.').pop()!;
    assert.equal(row.servedRequest, generatedClass(`raftctl.raft.v1.${name}`), `request of ${row.path}`);
    deviations.push(row.path);
  }
  assert.deepEqual(deviations, [
    '/d_engine.server.election.RaftElectionService/RequestVote',
    '/d_engine.server.replication.RaftReplicationService/AppendEntries',
    '/d_engine.server.replication.RaftReplicationService/StreamAppendEntries',
  ]);
});

test('health reports the five d-engine services (reference §1.2)', () => {
  assert.deepEqual([...DENGINE_SERVICE_NAMES].sort(), [
    'd_engine.client.RaftClientService',
    'd_engine.server.cluster.ClusterManagementService',
    'd_engine.server.election.RaftElectionService',
    'd_engine.server.replication.RaftReplicationService',
    'd_engine.server.storage.SnapshotService',
  ]);
});

test('the service blocks of proto/ declare exactly the table: methods, types and streaming', () => {
  const protos = loadProtos();
  const declared: string[] = [];
  const visit = (namespace: protobuf.NamespaceBase): void => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Service) {
        for (const method of nested.methodsArray) {
          const service = qualified(nested);
          declared.push(JSON.stringify({
            path: `/${service}/${method.name}`,
            kind: kindOf(Boolean(method.requestStream), Boolean(method.responseStream)),
            request: qualified(method.resolvedRequestType!),
            response: qualified(method.resolvedResponseType!),
          }));
        }
      } else if (nested instanceof protobuf.Namespace) {
        visit(nested);
      }
    }
  };
  visit(protos);
  const expected = TABLE.map((row) => JSON.stringify({ path: row.path, kind: row.kind, request: row.request, response: row.response }));
  assert.deepEqual(declared.sort(), expected.sort());
});
