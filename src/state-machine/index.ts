/**
 * src/state-machine: the deterministic KV state machine (d-engine WriteCommand semantics), its
 * watches and its snapshot source/restore. Imports only src/proto and src/errors.
 */
export * from './types.js';
export * from './errors.js';
export * from './command.js';
export * from './kv-state-machine.js';
export { EventQueue, WatchRegistry, type WatchEvent, type WatchOptions, type MembershipEvent } from './watch.js';
export { LayeredMap, keyString, keyBytes, type KvValue } from './layered-map.js';
export { sortedEntries } from './sorted-stream.js';
export { ValueArena } from './value-arena.js';
