/**
 * The few shapes of grpc-js server calls the runtime's handlers use, written structurally so
 * that src/runtime never imports @grpc/grpc-js (only src/transport does, ARCHITECTURE.md), plus
 * gRPC status codes by name and the cluster-id check of PROTOCOL.md.
 */
import { GrpcStatusError, type GrpcServer } from '../../transport/server.js';
import { CLUSTER_ID_METADATA } from '../../transport/call.js';

/** gRPC status codes (grpc/status.h). */
export const Code = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;

/** A status error a handler throws (answered by the transport's unaryHandler / toServiceError). */
export function statusError(code: (typeof Code)[keyof typeof Code], details: string, trailers: Record<string, string> = {}): GrpcStatusError {
  return new GrpcStatusError(code as ConstructorParameters<typeof GrpcStatusError>[0], details, trailers);
}

/** Request metadata, as much as the handlers read. */
export interface MetadataLike {
  get(key: string): (string | Buffer)[];
}

/** A server-streaming call (Watch, WatchMembership). */
export interface ServerStreamLike<Req, Res> {
  readonly request: Req;
  readonly metadata: MetadataLike;
  readonly cancelled: boolean;
  write(message: Res): boolean;
  end(): void;
  emit(event: 'error', err: unknown): boolean;
  on(event: 'cancelled' | 'close' | 'drain', listener: () => void): unknown;
  removeListener(event: 'cancelled' | 'close' | 'drain', listener: () => void): unknown;
}

/** A bidirectional streaming call (StreamAppendEntries). */
export interface DuplexStreamLike<Req, Res> {
  readonly metadata: MetadataLike;
  readonly cancelled: boolean;
  readonly writableEnded: boolean;
  write(message: Res): boolean;
  end(): void;
  emit(event: 'error', err: unknown): boolean;
  on(event: 'data', listener: (m: Req) => void): unknown;
  on(event: 'end' | 'cancelled' | 'close' | 'finish', listener: () => void): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
}

/** The implementation object `GrpcServer.addService` takes. */
export type ServiceImplementation = Parameters<GrpcServer['addService']>[2];
/** The definition object `GrpcServer.addService` takes. */
export type ServiceDefinitionLike = Parameters<GrpcServer['addService']>[1];

/**
 * Refuses a peer RPC whose `raftctl-cluster-id` metadata names another cluster
 * (FAILED_PRECONDITION, PROTOCOL.md); an absent header is accepted (d-engine peers send none).
 */
export function checkClusterId(metadata: MetadataLike | undefined, clusterId: string, onMismatch?: (callerClusterId: string) => void): void {
  const v = metadata?.get(CLUSTER_ID_METADATA)[0];
  if (v === undefined) return;
  const got = typeof v === 'string' ? v : v.toString('utf8');
  if (got === clusterId) return;
  onMismatch?.(got);
  const caller = got === '' ? 'none (its raftctl-cluster-id header is empty)' : got;
  throw statusError(Code.FAILED_PRECONDITION, `cluster id mismatch: this node belongs to cluster ${clusterId}, the caller to ${caller}`);
}
