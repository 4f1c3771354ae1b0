/**
 * Membership helpers (src/transport/membership.ts): fan-out targets, d-engine's voter rule
 * (reference §2.6, §4) and the leader choice among DiscoverLeader answers (reference §3.7).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RaftCtlError } from '../../../src/errors.js';
import { hasUnspecifiedHost } from '../../../src/transport/address.js';
import {
  addressOf,
  chooseLeader,
  dialableAddress,
  distinctPeerIds,
  learnersOf,
  memberById,
  membershipFromClusterMetadata,
  normalizeAddress,
  parseLeaderHint,
  peersOf,
  votersOf,
} from '../../../src/transport/membership.js';
import type { DiscoveryView, Membership } from '../../../src/transport/types.js';

const M: Membership = {
  selfId: 1,
  members: [
    { id: 3, address: 'c:3', role: 'voter' },
    { id: 1, address: 'a:1', role: 'voter' },
    { id: 5, address: 'e:5', role: 'learner' },
    { id: 2, address: 'b:2', role: 'voter' },
    { id: 3, address: 'other:3', role: 'voter' },
    { id: 5, address: 'e2:5', role: 'voter' },
  ],
};

describe('fan-out targets', () => {
  it('votersOf: voters without self or repeated ids, first entry deciding, in input order', () => {
    assert.deepEqual(votersOf(M).map((m) => [m.id, m.address]), [[3, 'c:3'], [2, 'b:2']]);
  });
  it('learnersOf and peersOf follow the same rules', () => {
    assert.deepEqual(learnersOf(M).map((m) => m.id), [5]);
    assert.deepEqual(peersOf(M).map((m) => m.id), [3, 5, 2]);
  });
  it('without selfId nobody is filtered as self', () => {
    assert.deepEqual(votersOf({ members: M.members }).map((m) => m.id), [3, 1, 2]);
    assert.deepEqual(votersOf({ members: [] }), []);
  });
  it('distinctPeerIds drops self and repeats, keeping first occurrences in order', () => {
    assert.deepEqual(distinctPeerIds([4, 1, 2, 4, 3, 2], 1), [4, 2, 3]);
    assert.deepEqual(distinctPeerIds([], 1), []);
    assert.deepEqual(distinctPeerIds([1, 1], 1), []);
  });
  it('memberById and addressOf find the first entry, self included', () => {
    assert.equal(addressOf(M, 3), 'c:3');
    assert.equal(addressOf(M, 1), 'a:1');
    assert.equal(memberById(M, 5)?.role, 'learner');
    assert.equal(addressOf(M, 42), undefined);
  });
  it('normalizeAddress strips an http(s) scheme only', () => {
    assert.equal(normalizeAddress('http://10.0.0.1:9081'), '10.0.0.1:9081');
    assert.equal(normalizeAddress('HTTPS://h:1'), 'h:1');
    assert.equal(normalizeAddress('h:1'), 'h:1');
  });
});

describe('parseLeaderHint', () => {
  // ErrorMetadata.leader_id is the leader's id as a decimal string (reference §1.3); the address
  // may carry a scheme d-engine strips itself (§1.6).
  it('reads a decimal node id and a dialable host:port', () => {
    assert.deepEqual(parseLeaderHint('3', 'http://10.0.0.3:9081'), { leaderId: 3, leaderAddress: '10.0.0.3:9081' });
    assert.deepEqual(parseLeaderHint('4294967295', '10.0.0.3:9081'), { leaderId: 4294967295, leaderAddress: '10.0.0.3:9081' });
  });

  it('anything but decimal digits naming a node id is no id; an empty address is none', () => {
    for (const id of ['', '0', '-2', '0x1f', '1e3', '3.0', '4294967296', 'abc', undefined, null]) {
      assert.equal(parseLeaderHint(id, 'h:1').leaderId, null, String(id));
    }
    assert.equal(parseLeaderHint('3', '').leaderAddress, null);
    assert.equal(parseLeaderHint('3', undefined).leaderAddress, null);
  });
});

describe('membershipFromClusterMetadata', () => {
  it('voter = status ACTIVE and role not LEARNER; every other node is a learner; scheme stripped', () => {
    const m = membershipFromClusterMetadata(
      {
        version: 3,
        currentLeaderId: 1,
        nodes: [
          { id: 1, address: 'http://10.0.0.1:9081', role: 1, status: 3 },
          { id: 2, address: '10.0.0.2:9081', role: 4, status: 1 },
          { id: 3, address: '10.0.0.3:9081', role: 4, status: 2 },
          { id: 4, address: '10.0.0.4:9081', role: 1, status: 0 },
          { id: 5, address: '10.0.0.5:9081', role: 4, status: 3 },
          { id: 6, address: '10.0.0.6:9081', role: 0, status: 3 },
        ],
      },
      2,
    );
    assert.equal(m.selfId, 2);
    assert.deepEqual(
      m.members.map((x) => [x.id, x.address, x.role]),
      [
        [1, '10.0.0.1:9081', 'voter'],
        [2, '10.0.0.2:9081', 'learner'],
        [3, '10.0.0.3:9081', 'learner'],
        [4, '10.0.0.4:9081', 'learner'],
        [5, '10.0.0.5:9081', 'learner'],
        [6, '10.0.0.6:9081', 'voter'],
      ],
    );
    assert.equal('selfId' in membershipFromClusterMetadata({ nodes: [] }), false);
  });
  it('rejects node id 0 and a node without an address as protocol violations', () => {
    assert.throws(() => membershipFromClusterMetadata({ nodes: [{ id: 0, address: 'a:1', role: 1, status: 3 }] }), (e: RaftCtlError) => e.code === 'PROTOCOL_VIOLATION' && e.exitCode === 7);
    assert.throws(() => membershipFromClusterMetadata({ nodes: [{ id: 4, address: '', role: 1, status: 3 }] }), (e: RaftCtlError) => e.code === 'PROTOCOL_VIOLATION' && /node 4 without an address/.test(e.message));
  });
});

describe('chooseLeader', () => {
  const view = (endpoint: string, leaderId: number, term: number, leaderAddress = `l${leaderId}:1`): DiscoveryView => ({ endpoint, response: { leaderId, leaderAddress, term } });
  it('highest term wins, then the higher leader id', () => {
    assert.deepEqual(chooseLeader([view('a', 2, 4), view('b', 3, 6), view('c', 1, 5)]), { leaderId: 3, leaderAddress: 'l3:1', term: 6, endpoint: 'b' });
    assert.equal(chooseLeader([view('a', 2, 6), view('b', 3, 6), view('c', 1, 6)])?.leaderId, 3);
  });
  it('ignores errors and answers without a leader, a term or an address; null when nothing counts', () => {
    const err: DiscoveryView = { endpoint: 'x', error: new RaftCtlError('UNREACHABLE', 4, 'down') };
    assert.equal(chooseLeader([err, view('a', 0, 9), view('b', 4, 0), view('c', 5, 9, '')]), null);
    assert.equal(chooseLeader([]), null);
    assert.equal(chooseLeader([err, view('a', 2, 1, 'http://h:1')])?.leaderAddress, 'h:1');
  });
  it('a leader reported at an unspecified host (0.0.0.0:P, reference §1.6) is dialled at the answering endpoint\'s host', () => {
    assert.equal(chooseLeader([view('10.0.0.5:9081', 2, 3, '0.0.0.0:9082')])?.leaderAddress, '10.0.0.5:9082');
    assert.equal(chooseLeader([view('h:9081', 2, 3, 'http://[::]:9082')])?.leaderAddress, 'h:9082');
  });
});

describe('dialableAddress', () => {
  it('replaces only an unspecified host, keeping the port; strips a scheme', () => {
    assert.equal(dialableAddress('0.0.0.0:7', '127.0.0.2:1'), '127.0.0.2:7');
    assert.equal(dialableAddress(':::7', 'node-1.example:1'), 'node-1.example:7');
    assert.equal(dialableAddress('[::]:7', '[fd00::1]:1'), '[fd00::1]:7');
    assert.equal(dialableAddress('http://10.1.1.1:7', '127.0.0.2:1'), '10.1.1.1:7');
    assert.equal(dialableAddress('0.0.0.1:7', '127.0.0.2:1'), '0.0.0.1:7');
    assert.equal(dialableAddress('', '127.0.0.2:1'), '');
  });
  it('knows every spelling of an unspecified host, not only 0.0.0.0 and [::]', () => {
    // Each of these is the unspecified address to a resolver: dialled, it reaches this machine.
    for (const a of ['0.0.0.0:7', ':::7', '[::]:7', '[::0]:7', '[0::]:7', '[0:0:0:0:0:0:0:0]:7', '[0000::0000]:7', '[::0.0.0.0]:7', '0:7', '0.0:7']) {
      assert.equal(hasUnspecifiedHost(a), true, a);
    }
    for (const a of ['127.0.0.1:7', '0.0.0.1:7', '[::1]:7', '[fd00::1]:7', 'node-0:7', 'h:7', '0.0.0.0', ':7', '']) {
      assert.equal(hasUnspecifiedHost(a), false, a);
    }
    assert.equal(dialableAddress('[::0]:7', '127.0.0.2:1'), '127.0.0.2:7');
    assert.equal(dialableAddress('http://[0:0:0:0:0:0:0:0]:7', 'h:1'), 'h:7');
  });
});
