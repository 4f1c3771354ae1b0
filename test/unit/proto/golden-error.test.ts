/**
 * Golden wire tests for d_engine.error (proto/error.proto, reference §1.3–1.5): ErrorMetadata's
 * four proto3 `optional` fields (explicit presence: a present zero or empty string is encoded and
 * survives a round trip; an absent field decodes as null) and the ErrorCode values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { d_engine } from '../../../src/proto/raftctl.js';
import { golden, hex } from './golden.js';

const ErrorMetadata = d_engine.error.ErrorMetadata;

test('ErrorMetadata with every optional field absent is empty and decodes them as null', () => {
  const meta = golden(ErrorMetadata, hex(''), {});
  assert.equal(meta.retryAfterMs, null);
  assert.equal(meta.leaderId, null);
  assert.equal(meta.leaderAddress, null);
  assert.equal(meta.debugMessage, null);
});

test('ErrorMetadata with every optional field present (debug_message is field 15)', () => {
  const bytes = hex(
    '08 fa 01', //                      tag (1<<3)|0 = 0x08 retry_after_ms, varint 250 = 0x7a|0x80, 0x01
    '12 01 33', //                      tag (2<<3)|2 = 0x12 leader_id (a string), length 1, "3"
    '1a 0d 31 30 2e 30 2e 30 2e 33 3a 39 30 38 31', // tag (3<<3)|2 = 0x1a leader_address, length 13, "10.0.0.3:9081"
    '7a 0a 6e 6f 74 20 6c 65 61 64 65 72', // tag (15<<3)|2 = 122 = 0x7a debug_message, length 10, "not leader"
  );
  golden(ErrorMetadata, bytes, { retryAfterMs: 250, leaderId: '3', leaderAddress: '10.0.0.3:9081', debugMessage: 'not leader' });
});

test('ErrorMetadata: a present zero and a present empty string are encoded and keep their presence', () => {
  const bytes = hex(
    '08 00', // tag 0x08 retry_after_ms, varint 0 (explicit presence: the zero is on the wire)
    '12 00', // tag 0x12 leader_id, length 0, ""
  );
  const meta = golden(ErrorMetadata, bytes, { retryAfterMs: 0, leaderId: '' });
  assert.equal(meta.leaderAddress, null);
  assert.equal(meta.debugMessage, null);
});

test('ErrorMetadata: one optional field alone (leader_address)', () => {
  const bytes = hex('1a 07 6e 31 3a 39 30 38 31'); // tag 0x1a leader_address, length 7, "n1:9081"
  const meta = golden(ErrorMetadata, bytes, { leaderAddress: 'n1:9081' });
  assert.equal(meta.leaderId, null);
});

test('ErrorCode values match the reference (§1.4)', () => {
  assert.deepEqual({ ...d_engine.error.ErrorCode }, {
    SUCCESS: 0,
    CONNECTION_TIMEOUT: 1001,
    INVALID_ADDRESS: 1002,
    LEADER_CHANGED: 1003,
    JOIN_ERROR: 1004,
    INVALID_RESPONSE: 2001,
    VERSION_MISMATCH: 2002,
    DISK_FULL: 3001,
    DATA_CORRUPTION: 3002,
    STORAGE_IO_ERROR: 3003,
    STORAGE_PERMISSION_DENIED: 3004,
    KEY_NOT_EXIST: 3005,
    NOT_LEADER: 4001,
    STALE_OPERATION: 4002,
    INVALID_REQUEST: 4003,
    RATE_LIMITED: 4004,
    CLUSTER_UNAVAILABLE: 4005,
    PROPOSE_FAILED: 4006,
    TERM_OUTDATED: 4007,
    RETRY_REQUIRED: 4008,
    WATCH_BUFFER_OVERFLOW: 5001,
    GENERAL: 8888,
    UNCATEGORIZED: 9999,
  });
});
