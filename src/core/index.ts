/**
 * Public surface of the pure Raft core. The runtime imports from here only.
 */
export { RaftCore, initialState } from './raft-core.js';
export type { Inbound, Outbound, AppendMsg, AppendResponseMsg, AppendResult, VoteMsg, PreVoteMsg, VoteResponseMsg, SnapshotMsg, SnapshotResponseMsg, TimeoutNowMsg, ReadIndexMsg, ReadIndexResponseMsg, UnreachableMsg } from './messages.js';
export { isRequest } from './messages.js';
export type { Ready, ProposalOutcome, ReadState, RejectReason, Role, SoftState, Status, PeerStatus } from './ready.js';
export type { ReadPolicy } from './reads.js';
export type { TransferResult } from './proposals.js';
export type { MembershipChange, PlanResult } from './membership.js';
export { planChange, leaveJoint, isJoint, isVoter, isLearner, members, allVoters, emptyConfiguration, isValidTransition } from './membership.js';
export { majorityCommitIndex, jointCommitIndex, majorityVoteResult, jointVoteResult, hasJointQuorum, type VoteResult } from './quorum.js';
export type { ProgressState } from './progress.js';
export type { NodeId, Term, LogIndex, LogId, Entry, EntryPayload, Configuration, Learner, HardState, SnapshotMeta, RestoredState, Random, RaftConfig } from './types.js';
export { isNodeId } from './types.js';
export { MAX_TERM, peerMessageProblem, configurationProblem, secondLeaderProblem } from './validate.js';
export { mulberry32, seededRandom } from './random.js';
