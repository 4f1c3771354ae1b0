/**
 * Shared by the proto tests: the repository root and proto/ parsed with protobufjs's own parser
 * (include root = repository root, as scripts/gen-proto.mjs compiles it), used to compare the
 * .proto sources with the reference tables independently of the generated code.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/** The repository root: the nearest ancestor of this file holding scripts/gen-proto.mjs. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'scripts', 'gen-proto.mjs')) || !existsSync(join(dir, 'proto', 'common.proto'))) {
    const parent = dirname(dir);
    assert.notEqual(parent, dir, 'repository root not found above the test file');
    dir = parent;
  }
  return dir;
}

/** Every .proto file, as listed by the generator. */
export const PROTO_FILES = [
  'proto/common.proto',
  'proto/error.proto',
  'proto/server/election.proto',
  'proto/server/replication.proto',
  'proto/server/storage.proto',
  'proto/server/cluster.proto',
  'proto/client/client_api.proto',
  'proto/grpc/health/v1/health.proto',
  'proto/raftctl/raft/v1/peer.proto',
  'proto/raftctl/admin/v1/admin.proto',
] as const;

/**
 * The etcd subset `raftctl bench` drives (proto/etcd/), compiled by the generator too but not
 * part of the d-engine/raftctl protocol the other proto tests compare against their tables.
 */
export const BENCH_PROTO_FILES = ['proto/etcd/kv.proto', 'proto/etcd/rpc.proto'] as const;

/** proto/ parsed and resolved, field names as written in the .proto files. */
export function loadProtos(): protobuf.Root {
  const root = repoRoot();
  const protos = new protobuf.Root();
  protos.resolvePath = (_origin, target) => join(root, target);
  protos.loadSync([...PROTO_FILES], { keepCase: true });
  protos.resolveAll();
  return protos;
}

/** Fully qualified name without protobufjs's leading dot. */
export function qualified(reflection: protobuf.ReflectionObject): string {
  return reflection.fullName.replace(/^\./, '');
}
