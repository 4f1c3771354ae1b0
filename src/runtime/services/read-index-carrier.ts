/**
 * The raftctl carrier of the core's ReadIndex request (dissertation §6.4, "followers"): a
 * follower serving a linearizable read asks the leader for a read index. The proto files have
 * no message for it yet, so this one method uses a JSON body on the path
 * `/raftctl.raft.v1.ReadIndex/ReadIndex` (its own service name, so a future proto method on
 * RaftPeerExt is not shadowed). Only raftctl nodes call it; d-engine nodes answer UNIMPLEMENTED,
 * and a follower then answers the read as NOT_LEADER.
 *
 * Request `{from, term, ctx}`; response the core's ReadIndexResponse
 * `{from, to, term, ctx, index?, rejected?, leaderHint?}`.
 */
import type { Inbound, NodeId, ReadIndexMsg, ReadIndexResponseMsg } from '../../core/index.js';
import type { EndpointClient } from '../../transport/endpoint-client.js';
import { CLUSTER_ID_METADATA } from '../../transport/call.js';
import { unaryHandler } from '../../transport/server.js';
import type { RaftNode } from '../raft-node.js';
import { checkClusterId, Code, statusError, type ServiceDefinitionLike, type ServiceImplementation } from './grpc-shapes.js';

/** Service name of the carrier. */
export const READ_INDEX_SERVICE = 'raftctl.raft.v1.ReadIndex';

interface ReadIndexRequest {
  from: number;
  term: number;
  ctx: number;
}

const json = {
  serialize: (m: unknown) => Buffer.from(JSON.stringify(m)),
  deserialize: (b: Buffer) => JSON.parse(b.toString('utf8')) as unknown,
};

/** The method definition (grpc-js shape, JSON codec). */
export const READ_INDEX_METHOD = {
  path: `/${READ_INDEX_SERVICE}/ReadIndex`,
  originalName: 'ReadIndex',
  requestStream: false,
  responseStream: false,
  requestSerialize: json.serialize,
  requestDeserialize: json.deserialize,
  responseSerialize: json.serialize,
  responseDeserialize: json.deserialize,
};

/** Server side: steps the ReadIndex and answers with the core's ReadIndexResponse. */
export function readIndexService(ctx: { node: RaftNode; clusterId: string; answerTimeoutMs: number }): { definition: ServiceDefinitionLike; implementation: ServiceImplementation } {
  return {
    definition: { ReadIndex: READ_INDEX_METHOD } as unknown as ServiceDefinitionLike,
    implementation: {
      ReadIndex: unaryHandler<ReadIndexRequest, ReadIndexResponseMsg>(async (req, call) => {
        checkClusterId(call.metadata, ctx.clusterId);
        const node = ctx.node;
        if (node.stopped) throw statusError(Code.UNAVAILABLE, 'the node is shutting down');
        const from = Number(req.from);
        const readCtx = Number(req.ctx);
        if (!Number.isInteger(from) || from < 1 || !Number.isSafeInteger(readCtx)) throw statusError(Code.INVALID_ARGUMENT, 'bad ReadIndex request');
        const answer = node.router.waitRead(from, readCtx, Math.max(ctx.answerTimeoutMs, 5000));
        node.step({ type: 'ReadIndex', from, to: node.id, term: Number(req.term), ctx: readCtx });
        return await answer;
      }),
    } as ServiceImplementation,
  };
}

/** Client side: sends `m` to the leader at `address` and returns its answer as a core message. */
export function readIndexCall(client: EndpointClient, clusterId: string) {
  return async (peer: NodeId, address: string, m: ReadIndexMsg, deadlineMs: number): Promise<Inbound> => {
    const method = READ_INDEX_METHOD as unknown as Parameters<EndpointClient['call']>[1];
    const res = (await client.call(address, method, { from: m.from, term: m.term, ctx: m.ctx }, { deadlineMs, metadata: { [CLUSTER_ID_METADATA]: clusterId } })) as ReadIndexResponseMsg;
    return {
      type: 'ReadIndexResponse',
      from: peer,
      to: m.from,
      term: Number(res.term),
      ctx: m.ctx,
      ...(res.index !== undefined && res.index !== null ? { index: Number(res.index) } : {}),
      ...(res.rejected ? { rejected: 'NOT_LEADER' as const } : {}),
      ...(res.leaderHint ? { leaderHint: Number(res.leaderHint) } : {}),
    };
  };
}
