/**
 * Golden wire tests for d_engine.server.cluster (proto/server/cluster.proto, reference §1.3–1.5):
 * UpdateClusterConf request/response (nested ErrorCode enum), ClusterMembership with the
 * `optional` current_leader_id, NodeMeta and JoinRequest's int32 role fields (a negative int32
 * is a 10-byte varint), JoinResponse with and without its `optional` snapshot_metadata, and
 * leader discovery.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { d_engine } from '../../../src/proto/raftctl.js';
import { concat, golden, hex } from './golden.js';

const cluster = d_engine.server.cluster;
const { NodeStatus, NodeRole } = d_engine.common;
const ConfErrorCode = cluster.ClusterConfUpdateResponse.ErrorCode;

const ADDR_10_0_0_4 = '31 30 2e 30 2e 30 2e 34 3a 39 30 38 31'; // "10.0.0.4:9081", 13 bytes

test('ClusterConfChangeRequest with an add_node change', () => {
  const bytes = hex(
    '08 01', //          tag (1<<3)|0 = 0x08 id, 1
    '10 03', //          tag (2<<3)|0 = 0x10 term, 3
    '18 05', //          tag (3<<3)|0 = 0x18 version, 5
    '22 15', //          tag (4<<3)|2 = 0x22 change, length 21
    '0a 13', //            MembershipChange tag 0x0a add_node, length 19
    '08 04', //              AddNode node_id 4
    '12 0d', ADDR_10_0_0_4, // address, length 13
    '18 01', //              status NODE_STATUS_PROMOTABLE
  );
  golden(cluster.ClusterConfChangeRequest, bytes, {
    id: 1,
    term: 3,
    version: 5,
    change: { addNode: { nodeId: 4, address: '10.0.0.4:9081', status: NodeStatus.NODE_STATUS_PROMOTABLE } },
  });
});

test('ClusterConfUpdateResponse success and refusal with the nested ErrorCode', () => {
  golden(cluster.ClusterConfUpdateResponse, hex(
    '08 02', // tag 0x08 id, 2
    '10 03', // tag 0x10 term, 3
    '18 06', // tag 0x18 version, 6
    '20 01', // tag (4<<3)|0 = 0x20 success, true
  ), { id: 2, term: 3, version: 6, success: true });
  const refused = golden(cluster.ClusterConfUpdateResponse, hex(
    '08 02', '10 03', '18 05', // id 2, term 3, version 5; success false is not written
    '28 04', //                   tag (5<<3)|0 = 0x28 error_code, ERROR_CODE_INVALID_CHANGE = 4
  ), { id: 2, term: 3, version: 5, errorCode: ConfErrorCode.ERROR_CODE_INVALID_CHANGE });
  assert.equal(refused.success, false);
});

test('ClusterConfUpdateResponse.ErrorCode and ConfigState values match the reference (§1.4)', () => {
  assert.deepEqual({ ...ConfErrorCode }, {
    ERROR_CODE_UNSPECIFIED: 0,
    ERROR_CODE_NOT_LEADER: 1,
    ERROR_CODE_VERSION_CONFLICT: 2,
    ERROR_CODE_TERM_OUTDATED: 3,
    ERROR_CODE_INVALID_CHANGE: 4,
    ERROR_CODE_INTERNAL_ERROR: 5,
  });
  assert.deepEqual({ ...cluster.ConfigState }, { STABLE: 0, CONFIG_TRANSITION: 1, ELECTION_IN_PROGRESS: 2 });
});

test('MetadataRequest is empty', () => {
  golden(cluster.MetadataRequest, hex(''), {});
});

test('ClusterMembership with nodes (int32 role) and current_leader_id present', () => {
  const bytes = hex(
    '08 05', //                         tag 0x08 version, 5
    '12 0f', //                         tag (2<<3)|2 = 0x12 nodes[0], length 15
    '08 01', //                           NodeMeta id 1
    '12 07 6e 31 3a 39 30 38 31', //      address, length 7, "n1:9081"
    '18 01', //                           tag (3<<3)|0 = 0x18 role (int32), NODE_ROLE_FOLLOWER = 1 (voter)
    '20 03', //                           tag (4<<3)|0 = 0x20 status, NODE_STATUS_ACTIVE = 3
    '12 0f', //                         nodes[1], length 15
    '08 04', '12 07 6e 34 3a 39 30 38 31', // id 4, "n4:9081"
    '18 04', //                           role NODE_ROLE_LEARNER = 4
    '20 01', //                           status NODE_STATUS_PROMOTABLE = 1
    '18 01', //                         tag (3<<3)|0 = 0x18 current_leader_id, 1
  );
  golden(cluster.ClusterMembership, bytes, {
    version: 5,
    nodes: [
      { id: 1, address: 'n1:9081', role: NodeRole.NODE_ROLE_FOLLOWER, status: NodeStatus.NODE_STATUS_ACTIVE },
      { id: 4, address: 'n4:9081', role: NodeRole.NODE_ROLE_LEARNER, status: NodeStatus.NODE_STATUS_PROMOTABLE },
    ],
    currentLeaderId: 1,
  });
});

test('ClusterMembership.current_leader_id absent (leader unknown) decodes as null', () => {
  const membership = golden(cluster.ClusterMembership, hex('08 05'), { version: 5 });
  assert.equal(membership.currentLeaderId, null);
});

test('ClusterMembership.current_leader_id present and 0 is encoded and stays present', () => {
  const membership = golden(cluster.ClusterMembership, hex('08 05', '18 00'), { version: 5, currentLeaderId: 0 }); // 18 00: field 3 varint 0
  assert.equal(membership.currentLeaderId, 0);
});

test('NodeMeta with a negative int32 role: sign-extended to a 10-byte varint', () => {
  const bytes = hex('18 ff ff ff ff ff ff ff ff ff 01'); // tag 0x18 role, varint 2^64-1 = int32 -1
  const meta = golden(cluster.NodeMeta, bytes, { role: -1 });
  assert.equal(meta.role, -1);
});

test('JoinRequest (int32 node_role = 4, learner)', () => {
  const bytes = hex(
    '08 04', //                tag 0x08 node_id, 4
    '10 04', //                tag 0x10 node_role (int32), NODE_ROLE_LEARNER = 4
    '1a 0d', ADDR_10_0_0_4, // tag (3<<3)|2 = 0x1a address, length 13
    '20 01', //                tag 0x20 status, NODE_STATUS_PROMOTABLE
  );
  golden(cluster.JoinRequest, bytes, { nodeId: 4, nodeRole: NodeRole.NODE_ROLE_LEARNER, address: '10.0.0.4:9081', status: NodeStatus.NODE_STATUS_PROMOTABLE });
});

test('JoinResponse with snapshot_metadata present', () => {
  const bytes = concat(
    hex('08 01'), //             tag 0x08 success, true
    hex('1a 04 08 05 18 01'), // tag (3<<3)|2 = 0x1a config, length 4: version 5, current_leader_id 1
    hex('20 05'), //             tag (4<<3)|0 = 0x20 config_version, 5
    hex('2a 28'), //             tag (5<<3)|2 = 0x2a snapshot_metadata, length 40
    hex('0a 04 08 03 10 0c'), //   last_included {term 3, index 12}
    hex('12 20'), new Uint8Array(32), // checksum, length 32, all zero
    hex('30 01'), //             tag (6<<3)|0 = 0x30 leader_id, 1
  );
  golden(cluster.JoinResponse, bytes, {
    success: true,
    config: { version: 5, currentLeaderId: 1 },
    configVersion: 5,
    snapshotMetadata: { lastIncluded: { term: 3, index: 12 }, checksum: new Uint8Array(32) },
    leaderId: 1,
  });
});

test('JoinResponse refused, snapshot_metadata absent', () => {
  const bytes = hex(
    '12 0a 6e 6f 74 20 6c 65 61 64 65 72', // tag (2<<3)|2 = 0x12 error, length 10, "not leader"
    '30 02', //                               leader_id 2
  );
  const response = golden(cluster.JoinResponse, bytes, { error: 'not leader', leaderId: 2 });
  assert.equal(response.success, false);
  assert.equal(response.snapshotMetadata, null);
  assert.equal(response.config, null);
});

test('LeaderDiscoveryRequest and LeaderDiscoveryResponse', () => {
  golden(cluster.LeaderDiscoveryRequest, hex(
    '08 04', //                tag 0x08 node_id, 4
    '12 0d', ADDR_10_0_0_4, // tag 0x12 requester_address, length 13
  ), { nodeId: 4, requesterAddress: '10.0.0.4:9081' });
  golden(cluster.LeaderDiscoveryResponse, hex(
    '08 01', //                      tag 0x08 leader_id, 1
    '12 07 6e 31 3a 39 30 38 31', // tag 0x12 leader_address, "n1:9081"
    '18 03', //                      tag 0x18 term, 3
  ), { leaderId: 1, leaderAddress: 'n1:9081', term: 3 });
});
