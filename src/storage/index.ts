/**
 * src/storage: the only layer that touches node:fs (STORAGE.md). What the runtime uses:
 * - {@link openDataDir} (FORMAT, LOCK, bootstrap rules) and {@link bootstrapWrite};
 * - {@link FileWal} / {@link MemoryLogStorage}: the durable Raft log ({@link LogStorage});
 * - {@link FileSnapshotStore} / {@link MemorySnapshotStore}: snapshot files ({@link SnapshotStore});
 * - {@link StoredEntry} and its codec (the one module to point at the core's entry type).
 */
export * from './errors.js';
export * from './fs.js';
export * from './entry-codec.js';
export * from './log-state.js';
export * from './log-storage.js';
export { RecordType, type HardState } from './wal/record.js';
export { FileWal, type FileWalOptions, type WalRecoveryReport } from './wal/file-wal.js';
export { DEFAULT_SEGMENT_BYTES, segmentFileName, parseSegmentFileName } from './wal/segment.js';
export * from './data-dir/data-dir.js';
export * from './data-dir/lock.js';
export * from './data-dir/cluster-id.js';
export * from './snapshot/snapshot-format.js';
export * from './snapshot/snapshot-file.js';
export * from './snapshot/snapshot-store.js';
export { MemoryLogStorage } from './memory/memory-log-storage.js';
export { MemorySnapshotStore } from './memory/memory-snapshot-store.js';
export * from './snapshot/snapshot-policy.js';
export * from './node-storage.js';
