/**
 * Golden wire tests for grpc.health.v1 (proto/grpc/health/v1/health.proto): the standard health
 * protocol d-engine voters use to probe a peer before they start (reference §1.2, §3.0).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grpc } from '../../../src/proto/raftctl.js';
import { concat, golden, hex, utf8 } from './golden.js';

const health = grpc.health.v1;
const Status = health.HealthCheckResponse.ServingStatus;

test('HealthCheckRequest for the service d-engine voters probe', () => {
  const service = 'd_engine.server.cluster.ClusterManagementService';
  const bytes = concat(
    hex('0a 30'), //  tag (1<<3)|2 = 0x0a service, length 48
    utf8(service), // the 48 UTF-8 bytes of the name
  );
  assert.equal(service.length, 0x30);
  golden(health.HealthCheckRequest, bytes, { service });
});

test('HealthCheckRequest for the whole server (empty service name) is empty', () => {
  const request = golden(health.HealthCheckRequest, hex(''), {});
  assert.equal(request.service, '');
});

test('HealthCheckResponse statuses', () => {
  golden(health.HealthCheckResponse, hex('08 01'), { status: Status.SERVING }); //         tag 0x08 status, SERVING = 1
  golden(health.HealthCheckResponse, hex('08 02'), { status: Status.NOT_SERVING }); //     NOT_SERVING = 2
  golden(health.HealthCheckResponse, hex('08 03'), { status: Status.SERVICE_UNKNOWN }); // SERVICE_UNKNOWN = 3
  const unknown = golden(health.HealthCheckResponse, hex(''), {}); //                      UNKNOWN = 0 is not written
  assert.equal(unknown.status, Status.UNKNOWN);
});

test('ServingStatus values are the standard ones', () => {
  assert.deepEqual({ ...Status }, { UNKNOWN: 0, SERVING: 1, NOT_SERVING: 2, SERVICE_UNKNOWN: 3 });
});
