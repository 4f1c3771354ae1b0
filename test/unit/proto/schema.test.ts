/**
 * The d-engine-compatible .proto files against the reference's tables (reference §1.1, §1.3–1.5),
 * read with protobufjs's own parser, independently of the generated code: packages and imports
 * per file, every message's fields (number, type, repeated / proto3 `optional` / oneof), every
 * enum's values, and no message or enum that the reference does not list.
 *
 * The table below is typed from the reference, not from proto/. A failure names the message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { loadProtos, qualified, repoRoot } from './protos.js';

/** Reference §1.1: package and imports of each d-engine-compatible file. */
const FILES: Record<string, { package: string; imports: string[] }> = {
  'proto/common.proto': { package: 'd_engine.common', imports: [] },
  'proto/error.proto': { package: 'd_engine.error', imports: [] },
  'proto/server/election.proto': { package: 'd_engine.server.election', imports: [] },
  'proto/server/replication.proto': { package: 'd_engine.server.replication', imports: ['proto/common.proto'] },
  'proto/server/storage.proto': { package: 'd_engine.server.storage', imports: ['proto/common.proto'] },
  'proto/server/cluster.proto': { package: 'd_engine.server.cluster', imports: ['proto/common.proto', 'proto/server/storage.proto'] },
  'proto/client/client_api.proto': { package: 'd_engine.client', imports: ['proto/error.proto'] },
};

const C = 'd_engine.common';
const R = 'd_engine.server.replication';
const S = 'd_engine.server.storage';
const K = 'd_engine.server.cluster';
const A = 'd_engine.client';

/**
 * Reference §1.3, one string per field: `name=number:type`, then `:rep` (repeated), `:opt`
 * (proto3 optional) or `:oneof <name>`.
 */
const MESSAGES: Record<string, string[]> = {
  [`${C}.LogId`]: ['term=1:uint64', 'index=2:uint64'],
  [`${C}.Entry`]: ['index=1:uint64', 'term=2:uint64', `payload=3:${C}.EntryPayload`],
  [`${C}.EntryPayload`]: [`noop=1:${C}.Noop:oneof payload`, 'command=2:bytes:oneof payload', `config=3:${C}.MembershipChange:oneof payload`],
  [`${C}.Noop`]: [],
  [`${C}.MembershipChange`]: [
    `add_node=1:${C}.AddNode:oneof change`,
    `remove_node=2:${C}.RemoveNode:oneof change`,
    `promote=3:${C}.PromoteLearner:oneof change`,
    `batch_promote=4:${C}.BatchPromote:oneof change`,
    `batch_remove=5:${C}.BatchRemove:oneof change`,
  ],
  [`${C}.AddNode`]: ['node_id=1:uint32', 'address=2:string', `status=3:${C}.NodeStatus`],
  [`${C}.RemoveNode`]: ['node_id=1:uint32'],
  [`${C}.PromoteLearner`]: ['node_id=1:uint32', `status=2:${C}.NodeStatus`],
  [`${C}.BatchPromote`]: ['node_ids=1:uint32:rep', `new_status=2:${C}.NodeStatus`],
  [`${C}.BatchRemove`]: ['node_ids=1:uint32:rep'],
  [`${C}.SnapshotEntry`]: ['key=1:bytes', 'value=2:bytes'],
  [`${C}.SnapshotMeta`]: ['version_high=1:uint64', 'version_low=2:uint64', 'created_at_high=3:uint64', 'created_at_low=4:uint64', 'author_id=5:uint32', `last_included=6:${C}.LogId`],
  [`${C}.Snapshot`]: [`meta=1:${C}.SnapshotMeta`, `data=2:${C}.SnapshotEntry:rep`],
  [`${C}.LeaderInfo`]: ['leader_id=1:uint32', 'term=2:uint64'],
  [`${C}.LeaderHint`]: ['leader_id=1:uint32', 'address=2:string'],

  'd_engine.error.ErrorMetadata': ['retry_after_ms=1:uint64:opt', 'leader_id=2:string:opt', 'leader_address=3:string:opt', 'debug_message=15:string:opt'],

  'd_engine.server.election.VoteRequest': ['term=1:uint64', 'candidate_id=2:uint32', 'last_log_index=3:uint64', 'last_log_term=4:uint64'],
  'd_engine.server.election.VoteResponse': ['term=1:uint64', 'vote_granted=2:bool', 'last_log_index=3:uint64', 'last_log_term=4:uint64'],
  'd_engine.server.election.VotedFor': ['voted_for_id=1:uint32', 'voted_for_term=2:uint64', 'committed=3:bool'],

  [`${R}.AppendEntriesRequest`]: ['term=1:uint64', 'leader_id=2:uint32', 'prev_log_index=3:uint64', 'prev_log_term=4:uint64', `entries=5:${C}.Entry:rep`, 'leader_commit_index=6:uint64'],
  [`${R}.AppendEntriesResponse`]: ['node_id=1:uint32', 'term=2:uint64', `success=3:${R}.SuccessResult:oneof result`, `conflict=4:${R}.ConflictResult:oneof result`, 'higher_term=5:uint64:oneof result'],
  [`${R}.SuccessResult`]: [`last_match=1:${C}.LogId`],
  [`${R}.ConflictResult`]: ['conflict_term=1:uint64:opt', 'conflict_index=2:uint64:opt'],

  [`${S}.SnapshotChunk`]: ['leader_term=1:uint64', 'leader_id=2:uint32', 'seq=3:uint32', 'total_chunks=4:uint32', 'chunk_checksum=5:bytes', `metadata=6:${S}.SnapshotMetadata:opt`, 'data=7:bytes'],
  [`${S}.SnapshotMetadata`]: [`last_included=1:${C}.LogId`, 'checksum=2:bytes'],
  [`${S}.SnapshotResponse`]: ['term=1:uint64', 'success=2:bool', 'next_chunk=3:uint32'],
  [`${S}.SnapshotAck`]: ['seq=1:uint32', `status=2:${S}.SnapshotAck.ChunkStatus`, 'next_requested=3:uint32'],

  [`${K}.ClusterConfChangeRequest`]: ['id=1:uint32', 'term=2:uint64', 'version=3:uint64', `change=4:${C}.MembershipChange`],
  [`${K}.ClusterConfUpdateResponse`]: ['id=1:uint32', 'term=2:uint64', 'version=3:uint64', 'success=4:bool', `error_code=5:${K}.ClusterConfUpdateResponse.ErrorCode`],
  [`${K}.MetadataRequest`]: [],
  [`${K}.ClusterMembership`]: ['version=1:uint64', `nodes=2:${K}.NodeMeta:rep`, 'current_leader_id=3:uint32:opt'],
  [`${K}.NodeMeta`]: ['id=1:uint32', 'address=2:string', 'role=3:int32', `status=4:${C}.NodeStatus`],
  [`${K}.JoinRequest`]: ['node_id=1:uint32', 'node_role=2:int32', 'address=3:string', `status=4:${C}.NodeStatus`],
  [`${K}.JoinResponse`]: ['success=1:bool', 'error=2:string', `config=3:${K}.ClusterMembership`, 'config_version=4:uint64', `snapshot_metadata=5:${S}.SnapshotMetadata:opt`, 'leader_id=6:uint32'],
  [`${K}.LeaderDiscoveryRequest`]: ['node_id=1:uint32', 'requester_address=2:string'],
  [`${K}.LeaderDiscoveryResponse`]: ['leader_id=1:uint32', 'leader_address=2:string', 'term=3:uint64'],

  [`${A}.WriteCommand`]: [`insert=1:${A}.WriteCommand.Insert:oneof operation`, `delete=2:${A}.WriteCommand.Delete:oneof operation`, `compare_and_swap=3:${A}.WriteCommand.CompareAndSwap:oneof operation`],
  [`${A}.WriteCommand.Insert`]: ['key=1:bytes', 'value=2:bytes', 'ttl_secs=3:uint64'],
  [`${A}.WriteCommand.Delete`]: ['key=1:bytes'],
  [`${A}.WriteCommand.CompareAndSwap`]: ['key=1:bytes', 'expected_value=2:bytes:opt', 'new_value=3:bytes'],
  [`${A}.ClientWriteRequest`]: ['client_id=1:uint32', `command=2:${A}.WriteCommand`],
  [`${A}.ClientReadRequest`]: ['client_id=1:uint32', 'keys=2:bytes:rep', `consistency_policy=3:${A}.ReadConsistencyPolicy:opt`],
  [`${A}.WriteResult`]: ['succeeded=1:bool'],
  [`${A}.ClientResponse`]: ['error=1:d_engine.error.ErrorCode', `write_result=2:${A}.WriteResult:oneof success_result`, `read_data=3:${A}.ReadResults:oneof success_result`, 'metadata=4:d_engine.error.ErrorMetadata'],
  [`${A}.ClientResult`]: ['key=1:bytes', 'value=2:bytes'],
  [`${A}.ReadResults`]: [`results=1:${A}.ClientResult:rep`],
  [`${A}.KvEntry`]: ['key=1:bytes', 'value=2:bytes'],
  [`${A}.ScanRequest`]: ['client_id=1:uint32', 'prefix=2:bytes'],
  [`${A}.ScanResponse`]: [`entries=1:${A}.KvEntry:rep`, 'revision=2:uint64'],
  [`${A}.WatchMembershipRequest`]: ['client_id=1:uint32'],
  [`${A}.MembershipSnapshot`]: ['members=1:uint32:rep', 'learners=2:uint32:rep', 'committed_index=3:uint64'],
  [`${A}.WatchRequest`]: ['client_id=1:uint32', 'key=2:bytes', 'prefix=3:bool', 'prev_kv=4:bool'],
  [`${A}.WatchResponse`]: ['key=1:bytes', 'value=2:bytes', `event_type=3:${A}.WatchEventType`, 'error=4:d_engine.error.ErrorCode', 'revision=5:uint64', 'prev_value=6:bytes'],
};

/** Reference §1.4: the enums of d_engine.* (value lists are checked by the golden tests). */
const ENUMS = [
  `${C}.NodeStatus`,
  `${C}.NodeRole`,
  'd_engine.error.ErrorCode',
  `${K}.ClusterConfUpdateResponse.ErrorCode`,
  `${K}.ConfigState`,
  `${S}.SnapshotAck.ChunkStatus`,
  `${A}.ReadConsistencyPolicy`,
  `${A}.WatchEventType`,
];

function describeField(field: protobuf.Field): string {
  const type = field.resolvedType ? qualified(field.resolvedType) : field.type;
  let text = `${field.name}=${field.id}:${type}`;
  if (field.repeated) text += ':rep';
  if (field.options?.['proto3_optional'] === true) text += ':opt';
  else if (field.partOf) text += `:oneof ${field.partOf.name}`;
  return text;
}

function collect(namespace: protobuf.NamespaceBase, types: Map<string, protobuf.Type>, enums: Set<string>): void {
  for (const nested of namespace.nestedArray) {
    if (nested instanceof protobuf.Type) types.set(qualified(nested), nested);
    else if (nested instanceof protobuf.Enum) enums.add(qualified(nested));
    if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) collect(nested, types, enums);
  }
}

const protos = loadProtos();
const types = new Map<string, protobuf.Type>();
const enums = new Set<string>();
collect(protos.lookup('d_engine') as protobuf.Namespace, types, enums);

test('d-engine files: package and imports as in the reference (§1.1)', () => {
  const root = repoRoot();
  for (const [file, expected] of Object.entries(FILES)) {
    const text = readFileSync(join(root, file), 'utf8');
    assert.match(text, /^syntax = "proto3";$/m, file);
    const pkg = /^package ([A-Za-z0-9_.]+);$/m.exec(text)?.[1];
    const imports = [...text.matchAll(/^import "([^"]+)";$/gm)].map((m) => m[1]);
    assert.deepEqual({ package: pkg, imports: imports.sort() }, { package: expected.package, imports: [...expected.imports].sort() }, file);
  }
});

test('every d_engine.* message and enum is in the reference, and every reference one is declared', () => {
  assert.deepEqual([...types.keys()].sort(), Object.keys(MESSAGES).sort());
  assert.deepEqual([...enums].sort(), [...ENUMS].sort());
});

for (const [name, fields] of Object.entries(MESSAGES)) {
  test(`fields of ${name}`, () => {
    const type = types.get(name);
    assert.ok(type, `${name} is not declared`);
    assert.deepEqual(type.fieldsArray.map(describeField).sort(), [...fields].sort());
  });
}

test('proto3 optional fields are exactly the presence cheat-sheet (§1.5)', () => {
  const optional: string[] = [];
  for (const [name, type] of types) for (const field of type.fieldsArray) if (field.options?.['proto3_optional'] === true) optional.push(`${name}.${field.name}`);
  assert.deepEqual(optional.sort(), [
    'd_engine.client.ClientReadRequest.consistency_policy',
    'd_engine.client.WriteCommand.CompareAndSwap.expected_value',
    'd_engine.error.ErrorMetadata.debug_message',
    'd_engine.error.ErrorMetadata.leader_address',
    'd_engine.error.ErrorMetadata.leader_id',
    'd_engine.error.ErrorMetadata.retry_after_ms',
    'd_engine.server.cluster.ClusterMembership.current_leader_id',
    'd_engine.server.cluster.JoinResponse.snapshot_metadata',
    'd_engine.server.replication.ConflictResult.conflict_index',
    'd_engine.server.replication.ConflictResult.conflict_term',
    'd_engine.server.storage.SnapshotChunk.metadata',
  ]);
});

test('superset messages keep the d-engine fields and add only fields numbered 100 and above', () => {
  const superset: Record<string, string> = {
    'raftctl.raft.v1.Entry': `${C}.Entry`,
    'raftctl.raft.v1.EntryPayload': `${C}.EntryPayload`,
    'raftctl.raft.v1.VoteRequest': 'd_engine.server.election.VoteRequest',
    'raftctl.raft.v1.AppendEntriesRequest': `${R}.AppendEntriesRequest`,
    'raftctl.raft.v1.WriteCommand': 'd_engine.client.WriteCommand',
  };
  const added: string[] = [];
  for (const [ours, theirs] of Object.entries(superset)) {
    const base = new Map(protos.lookupType(theirs).fieldsArray.map((f) => [f.id, f]));
    for (const field of protos.lookupType(ours).fieldsArray) {
      const original = base.get(field.id);
      if (!original) {
        assert.ok(field.id >= 100, `${ours}.${field.name} = ${field.id} is new and below 100`);
        added.push(`${ours}.${describeField(field)}`);
        continue;
      }
      base.delete(field.id);
      assert.equal(field.name, original.name, `${ours} field ${field.id}`);
      assert.equal(field.repeated, original.repeated, `${ours}.${field.name} repeated`);
      assert.equal(field.partOf?.name ?? null, original.partOf?.name ?? null, `${ours}.${field.name} oneof`);
      // Scalars match exactly; message types may be the superset counterpart of d-engine's.
      const oursType = field.resolvedType ? qualified(field.resolvedType) : field.type;
      const theirsType = original.resolvedType ? qualified(original.resolvedType) : original.type;
      const counterpart = Object.entries(superset).find(([, t]) => t === theirsType)?.[0];
      assert.ok(oursType === theirsType || oursType === counterpart, `${ours}.${field.name}: ${oursType} vs ${theirsType}`);
    }
    assert.deepEqual([...base.keys()], [], `${ours} lacks d-engine fields`);
  }
  assert.deepEqual(added.sort(), [
    'raftctl.raft.v1.Entry.proposed_at_unix_ms=100:uint64',
    'raftctl.raft.v1.EntryPayload.configuration=100:raftctl.raft.v1.Configuration:oneof payload',
    'raftctl.raft.v1.VoteRequest.leadership_transfer=100:bool',
    'raftctl.raft.v1.WriteCommand.expire=100:raftctl.raft.v1.ExpireKeys:oneof operation',
  ]);
});
