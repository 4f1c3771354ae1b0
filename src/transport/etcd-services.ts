/**
 * grpc-js method definitions for the two etcd KV methods `raftctl bench` drives for comparisons
 * (`etcdserverpb.KV/Put` and `/Range`), built from the generated code of proto/etcd/ (a subset of
 * etcd's api/etcdserverpb/rpc.proto and api/mvccpb/kv.proto, same field numbers). Only the bench
 * uses them; raftctl never serves them.
 */
import type { MethodDefinition } from '@grpc/grpc-js';
import { etcdserverpb } from '../proto/raftctl.js';
import type { MessageType } from './services.js';

export type EtcdPutRequest = etcdserverpb.PutRequest.$Properties;
export type EtcdPutResponse = etcdserverpb.PutResponse.$Properties;
export type EtcdRangeRequest = etcdserverpb.RangeRequest.$Properties;
export type EtcdRangeResponse = etcdserverpb.RangeResponse.$Properties;

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function unary<Req, Res>(name: string, requestType: MessageType<Req>, responseType: MessageType<Res>): MethodDefinition<Req, Res> {
  return {
    path: `/etcdserverpb.KV/${name}`,
    originalName: name,
    requestStream: false,
    responseStream: false,
    requestSerialize: (m: Req) => toBuffer(requestType.encode(m).finish()),
    requestDeserialize: (b: Buffer) => requestType.decode(b),
    responseSerialize: (m: Res) => toBuffer(responseType.encode(m).finish()),
    responseDeserialize: (b: Buffer) => responseType.decode(b),
  };
}

/** etcd's KV service, Put and Range only. */
export const EtcdKvService = {
  Put: unary<EtcdPutRequest, EtcdPutResponse>('Put', etcdserverpb.PutRequest, etcdserverpb.PutResponse),
  Range: unary<EtcdRangeRequest, EtcdRangeResponse>('Range', etcdserverpb.RangeRequest, etcdserverpb.RangeResponse),
} as const;
