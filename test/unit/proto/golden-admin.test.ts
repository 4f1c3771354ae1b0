/**
 * Golden wire tests for raftctl.admin.v1 (proto/raftctl/admin/v1/admin.proto, PROTOCOL.md
 * "Admin service"): every request and response message of the Admin service, the `optional`
 * voted_for / leader_id / last_contact_ms, map<uint32,string> update_addresses, packed promote
 * and remove lists, repeated strings, and the admin enums.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { raftctl } from '../../../src/proto/raftctl.js';
import { concat, golden, hex, utf8 } from './golden.js';

const admin = raftctl.admin.v1;
const N4 = '6e 34 3a 39 30 38 31'; // "n4:9081", 7 bytes

test('empty requests: GetServerInfo, GetNodeStatus, TriggerSnapshot, WatchReplication', () => {
  golden(admin.GetServerInfoRequest, hex(''), {});
  golden(admin.GetNodeStatusRequest, hex(''), {});
  golden(admin.TriggerSnapshotRequest, hex(''), {});
  golden(admin.WatchReplicationRequest, hex(''), {});
});

test('ServerInfo with repeated string features (never packed)', () => {
  const bytes = hex(
    '0a 05 30 2e 31 2e 30', //       tag (1<<3)|2 = 0x0a version, length 5, "0.1.0"
    '10 01', //                      tag 0x10 node_id, 1
    '1a 02 63 31', //                tag 0x1a cluster_id, "c1"
    '20 01', //                      tag 0x20 api_version, 1
    '2a 05 61 64 6d 69 6e', //       tag (5<<3)|2 = 0x2a features[0], "admin"
    '2a 07 70 72 65 76 6f 74 65', // features[1], "prevote"
  );
  golden(admin.ServerInfo, bytes, { version: '0.1.0', nodeId: 1, clusterId: 'c1', apiVersion: 1, features: ['admin', 'prevote'] });
});

test("NodeStatus of a leader: every field, one peer with last_contact_ms present and 0", () => {
  const bytes = hex(
    '08 01', //   tag 0x08 node_id, 1
    '10 03', //   tag 0x10 role, ROLE_LEADER = 3
    '18 03', //   tag 0x18 term, 3
    '20 01', //   tag 0x20 voted_for (optional), 1
    '28 01', //   tag 0x28 leader_id (optional), 1
    '30 0c', //   tag (6<<3)|0 = 0x30 commit_index, 12
    '38 0c', //   tag (7<<3)|0 = 0x38 applied_index, 12
    '40 01', //   tag (8<<3)|0 = 0x40 first_log_index, 1
    '48 0c', //   tag (9<<3)|0 = 0x48 last_log_index, 12
    '50 03', //   tag (10<<3)|0 = 0x50 last_log_term, 3
    '5a 0b', //   tag (11<<3)|2 = 0x5a snapshot, length 11
    '08 0a 10 02', //         SnapshotInfo index 10, term 2
    '18 80 20', //            bytes 4096 = 0x00|0x80, 0x20
    '22 02 61 62', //         sha256 "ab"
    '62 14', //   tag (12<<3)|2 = 0x62 configuration, length 20
    '0a 03 01 02 03', //      ConfigurationStatus voters packed 1, 2, 3
    '1a 0d 08 04 12 07', N4, '18 01', // learners[0], length 13: id 4, address "n4:9081", read_only true
    '68 01', //   tag (13<<3)|0 = 0x68 config_index, 1
    '72 0c', //   tag (14<<3)|2 = 0x72 peers[0], length 12
    '08 02 10 0c 18 0d', //   PeerStatus id 2, match_index 12, next_index 13
    '20 02 28 01', //         state PEER_STATE_REPLICATE = 2, inflight 1
    '30 00', //               last_contact_ms (optional) 0: present (lag_entries 0 not written)
    '7a 07 6e 31 3a 39 30 38 31', // tag (15<<3)|2 = 0x7a address, "n1:9081"
  );
  const status = golden(admin.NodeStatus, bytes, {
    nodeId: 1,
    role: admin.Role.ROLE_LEADER,
    term: 3,
    votedFor: 1,
    leaderId: 1,
    commitIndex: 12,
    appliedIndex: 12,
    firstLogIndex: 1,
    lastLogIndex: 12,
    lastLogTerm: 3,
    snapshot: { index: 10, term: 2, bytes: 4096, sha256: 'ab' },
    configuration: { voters: [1, 2, 3], learners: [{ id: 4, address: 'n4:9081', readOnly: true }] },
    configIndex: 1,
    peers: [{ id: 2, matchIndex: 12, nextIndex: 13, state: admin.PeerState.PEER_STATE_REPLICATE, inflight: 1, lastContactMs: 0 }],
    address: 'n1:9081',
  });
  assert.equal(status.peers[0]?.lagEntries, 0);
});

test('NodeStatus with voted_for and leader_id absent decodes them as null', () => {
  const bytes = hex(
    '08 02', // node_id 2
    '10 05', // role ROLE_PRE_CANDIDATE = 5
    '18 04', // term 4
  );
  const status = golden(admin.NodeStatus, bytes, { nodeId: 2, role: admin.Role.ROLE_PRE_CANDIDATE, term: 4 });
  assert.equal(status.votedFor, null);
  assert.equal(status.leaderId, null);
});

test('PeerStatus with last_contact_ms absent', () => {
  const peer = golden(admin.PeerStatus, hex('08 03', '18 01', '20 01', '38 0b'), { id: 3, nextIndex: 1, state: admin.PeerState.PEER_STATE_PROBE, lagEntries: 11 });
  assert.equal(peer.lastContactMs, null);
});

test('ChangeMembershipRequest: learners, packed promote/remove, update_addresses map, dry run', () => {
  const bytes = hex(
    '0a 0b 08 04 12 07', N4, //           tag 0x0a add_learners[0], length 11: id 4, address "n4:9081"
    '12 01 04', //                        tag (2<<3)|2 = 0x12 promote packed: 4
    '1a 01 03', //                        tag (3<<3)|2 = 0x1a remove packed: 3
    '20 0c', //                           tag 0x20 expected_config_index, 12
    '28 01', //                           tag 0x28 dry_run, true
    '32 0c 08 02 12 08 6e 32 62 3a 39 30 38 31', // tag (6<<3)|2 = 0x32 update_addresses entry, length 12: key 2, value "n2b:9081"
  );
  golden(admin.ChangeMembershipRequest, bytes, {
    addLearners: [{ id: 4, address: 'n4:9081' }],
    promote: [4],
    remove: [3],
    expectedConfigIndex: 12,
    dryRun: true,
    updateAddresses: { 2: 'n2b:9081' },
  });
});

test('ChangeMembershipResponse with and without a joint entry', () => {
  golden(admin.ChangeMembershipResponse, hex(
    '08 0d', //         tag 0x08 joint_index, 13
    '10 0e', //         tag 0x10 final_index, 14
    '1a 05 0a 03 01 02 04', // tag 0x1a configuration, length 5: voters 1, 2, 4
  ), { jointIndex: 13, finalIndex: 14, configuration: { voters: [1, 2, 4] } });
  const single = golden(admin.ChangeMembershipResponse, hex(
    '10 0d', //            final_index 13 (joint_index 0: no joint entry needed)
    '1a 09', //            configuration, length 9
    '0a 03 01 02 03', //     voters 1, 2, 3
    '1a 02 08 04', //        learners[0] {id 4}
  ), { finalIndex: 13, configuration: { voters: [1, 2, 3], learners: [{ id: 4 }] } });
  assert.equal(single.jointIndex, 0);
});

test('TransferLeadership request (target 0 = most caught-up voter) and response', () => {
  const any = golden(admin.TransferLeadershipRequest, hex(''), {});
  assert.equal(any.targetId, 0);
  golden(admin.TransferLeadershipRequest, hex('08 02'), { targetId: 2 });
  golden(admin.TransferLeadershipResponse, hex('08 02', '10 04'), { leaderId: 2, term: 4 }); // leader_id 2, term 4
});

test('SnapshotInfo (TriggerSnapshot response) with a 1 MiB size and a hex SHA-256', () => {
  const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const bytes = concat(
    hex('08 0c'), //       tag 0x08 index, 12
    hex('10 03'), //       tag 0x10 term, 3
    hex('18 80 80 40'), // tag 0x18 bytes, 1048576 = 2^20: 0x00|0x80, 0x00|0x80, 0x40
    hex('22 40'), //       tag (4<<3)|2 = 0x22 sha256, length 64
    utf8(sha256),
  );
  golden(admin.SnapshotInfo, bytes, { index: 12, term: 3, bytes: 1_048_576, sha256 });
});

test('SendSnapshot request and response', () => {
  golden(admin.SendSnapshotRequest, hex('08 04'), { peerId: 4 });
  golden(admin.SendSnapshotResponse, hex('0a 04 08 0c 10 03'), { snapshot: { index: 12, term: 3 } }); // snapshot, length 4
});

test('TailEntries request and response (a superset Entry)', () => {
  golden(admin.TailEntriesRequest, hex('08 01', '10 01'), { fromIndex: 1, follow: true });
  const bytes = hex(
    '0a 11', //                   tag 0x0a entry, length 17
    '08 0c 10 03', //               index 12, term 3
    '1a 03 12 01 78', //            payload {command "x"}
    'a0 06 80 96 e6 c3 ac 33', //   proposed_at_unix_ms (field 100) 1764300000000
    '10 0c', //                   tag 0x10 commit_index, 12
  );
  golden(admin.TailEntriesResponse, bytes, {
    entry: { index: 12, term: 3, payload: { command: utf8('x') }, proposedAtUnixMs: 1_764_300_000_000 },
    commitIndex: 12,
  });
});

test('ReplicationEvent: acknowledged and stream error', () => {
  golden(admin.ReplicationEvent, hex(
    '08 02', //    peer_id 2
    '10 02', //    kind REPLICATION_EVENT_KIND_ACKNOWLEDGED = 2
    '18 0c', //    match_index 12
    '20 0d', //    next_index 13
    '28 03', //    tag (5<<3)|0 = 0x28 lag_entries, 3
    '30 05', //    tag 0x30 lag_ms, 5
    '38 ac 02', // tag 0x38 bytes, 300
  ), { peerId: 2, kind: admin.ReplicationEventKind.REPLICATION_EVENT_KIND_ACKNOWLEDGED, matchIndex: 12, nextIndex: 13, lagEntries: 3, lagMs: 5, bytes: 300 });
  golden(admin.ReplicationEvent, hex(
    '08 03', // peer_id 3
    '10 06', // kind REPLICATION_EVENT_KIND_STREAM_ERROR = 6
    '42 0b 55 4e 41 56 41 49 4c 41 42 4c 45', // tag (8<<3)|2 = 0x42 error, length 11, "UNAVAILABLE"
  ), { peerId: 3, kind: admin.ReplicationEventKind.REPLICATION_EVENT_KIND_STREAM_ERROR, error: 'UNAVAILABLE' });
});

test('admin enums', () => {
  assert.deepEqual({ ...admin.Role }, { ROLE_UNSPECIFIED: 0, ROLE_FOLLOWER: 1, ROLE_CANDIDATE: 2, ROLE_LEADER: 3, ROLE_LEARNER: 4, ROLE_PRE_CANDIDATE: 5 });
  assert.deepEqual({ ...admin.PeerState }, { PEER_STATE_UNSPECIFIED: 0, PEER_STATE_PROBE: 1, PEER_STATE_REPLICATE: 2, PEER_STATE_SNAPSHOT: 3 });
  assert.deepEqual({ ...admin.ReplicationEventKind }, {
    REPLICATION_EVENT_KIND_UNSPECIFIED: 0,
    REPLICATION_EVENT_KIND_SENT: 1,
    REPLICATION_EVENT_KIND_ACKNOWLEDGED: 2,
    REPLICATION_EVENT_KIND_CONFLICT: 3,
    REPLICATION_EVENT_KIND_SNAPSHOT_STARTED: 4,
    REPLICATION_EVENT_KIND_SNAPSHOT_DONE: 5,
    REPLICATION_EVENT_KIND_STREAM_ERROR: 6,
  });
});
