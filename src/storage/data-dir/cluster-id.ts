/**
 * The cluster id (STORAGE.md, "Rules"): a hash of the initial configuration plus an optional
 * `--cluster-token`, identical on every initial member because it is computed from a canonical
 * form (sorted ids; addresses as given). 32 lowercase hex characters (128 bits of SHA-256).
 */
import { createHash } from 'node:crypto';
import type { ClusterConfiguration } from '../../state-machine/types.js';

/** Canonical text of a configuration, the input of {@link clusterIdOf}. */
export function canonicalConfiguration(c: ClusterConfiguration): string {
  const lines = ['raftctl-cluster-v1'];
  for (const id of [...c.voters].sort((a, b) => a - b)) lines.push(`voter ${id} ${c.addresses[id] ?? ''}`);
  for (const id of [...c.votersOutgoing].sort((a, b) => a - b)) lines.push(`outgoing ${id}`);
  for (const l of [...c.learners].sort((a, b) => a.id - b.id)) {
    lines.push(`learner ${l.id} ${l.readOnly ? 'ro' : 'rw'} ${c.addresses[l.id] ?? ''}`);
  }
  return lines.join('\n');
}

/** The cluster id of an initial configuration and optional token. Pure and deterministic. */
export function clusterIdOf(initial: ClusterConfiguration, clusterToken?: string): string {
  const h = createHash('sha256').update(canonicalConfiguration(initial));
  if (clusterToken !== undefined && clusterToken !== '') h.update(`\ntoken ${clusterToken}`);
  return h.digest('hex').slice(0, 32);
}
