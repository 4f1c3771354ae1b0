/**
 * Safety properties checked incrementally while a simulation runs (Raft §5.2, §5.3, §5.4,
 * Figure 3; dissertation §4.3, §6.4). Each check runs at the moment the relevant fact
 * appears, so a violation is reported at the step that caused it.
 */
import { isValidTransition, isVoter, type Configuration, type Entry, type SnapshotMeta } from '../../src/core/index.js';

/** Thrown by a failed property check. */
export class SimViolation extends Error {
  constructor(
    readonly property: string,
    detail: string,
  ) {
    super(`${property}: ${detail}`);
  }
}

const decoder = new TextDecoder();

/** Identity of an entry's payload: the command text, "noop", or the configuration. */
export function entryId(e: Entry): string {
  switch (e.payload.type) {
    case 'noop':
      return 'noop';
    case 'command':
      return decoder.decode(e.payload.data);
    case 'configuration':
      return 'cfg:' + JSON.stringify(e.payload.configuration);
  }
}

interface Registered {
  readonly id: string;
  readonly prevTerm: number;
}

export class Checker {
  /** term -> leader id (election safety, Raft §5.2). */
  readonly #leaderOfTerm = new Map<number, number>();
  /** "index:term" -> payload identity and predecessor term (log matching, Raft §5.3). */
  readonly #entryAt = new Map<string, Registered>();
  /** index -> identity of the committed entry (state-machine safety, leader completeness). */
  readonly committed: string[] = [];
  /**
   * index -> lowest term a node was in when it saw the entry committed: an upper bound of the
   * term in which it was committed. Leaders of higher terms must hold it (Raft §5.4.1).
   */
  readonly #commitTerm: number[] = [];
  maxCommitted = 0;
  committedCount = 0;
  /** Indexes of committed configuration entries, ascending. */
  readonly #configCommits: number[] = [];
  /** Committed client commands (entries whose identity starts with "p"). */
  commandsCommitted = 0;
  /** Proposals refused definitively; they must never be applied. */
  readonly #rejected = new Set<string>();
  /** Every command identity ever applied somewhere. */
  readonly #applied = new Set<string>();
  /** Highest index applied by any node (reads issued later must see it). */
  maxApplied = 0;

  fail(property: string, detail: string): never {
    throw new SimViolation(property, detail);
  }

  /** "term:candidate" -> voters whose grant reached the candidate. */
  readonly #grants = new Map<string, Set<number>>();

  /** A granted VoteResponse of `term` from `voter` reached `candidate`. */
  voteGranted(term: number, candidate: number, voter: number): void {
    const k = `${term}:${candidate}`;
    let g = this.#grants.get(k);
    if (!g) this.#grants.set(k, (g = new Set()));
    g.add(voter);
  }

  /**
   * `id` became leader of `term` under configuration `c`: the grants it received (and its own
   * vote) must form a majority of each half of `c` (Raft §5.2; dissertation §4.3: both halves
   * of a joint configuration must agree).
   */
  electedByQuorum(term: number, id: number, c: Configuration): void {
    const k = `${term}:${id}`;
    const g = this.#grants.get(k) ?? new Set<number>();
    this.#grants.delete(k);
    const has = (v: number) => v === id || g.has(v);
    for (const half of [c.voters, c.votersOutgoing]) {
      if (half.length === 0) continue;
      const n = half.filter(has).length;
      if (n * 2 <= half.length) {
        this.fail('election quorum', `node ${id} leads term ${term} with votes from [${[id, ...g].join(',')}], not a majority of [${half.join(',')}] (configuration ${JSON.stringify(c)})`);
      }
    }
  }

  /** Leader `id` still leads although its committed configuration `c` no longer has it as a voter (dissertation §4.2.2). */
  removedLeader(id: number, term: number, c: Configuration, configIndex: number, commitIndex: number): void {
    if (!isVoter(c, id) && configIndex <= commitIndex) {
      this.fail('removed leader steps down', `node ${id} still leads term ${term} after its removal (configuration index ${configIndex}) committed at ${commitIndex}`);
    }
  }

  /** A node reports itself leader of `term`. */
  leaderElected(term: number, id: number): void {
    const other = this.#leaderOfTerm.get(term);
    if (other !== undefined && other !== id) this.fail('election safety', `term ${term} has leaders ${other} and ${id}`);
    this.#leaderOfTerm.set(term, id);
  }

  /**
   * An entry became durable on a node whose log holds `prevTerm` at index-1 and whose
   * configuration before this entry is `prevConfig`.
   */
  entryPersisted(node: number, e: Entry, prevTerm: number, prevConfig: Configuration): void {
    const key = `${e.index}:${e.term}`;
    const id = entryId(e);
    const r = this.#entryAt.get(key);
    if (r) {
      if (r.id !== id) this.fail('log matching', `node ${node}: entry ${key} is ${id}, elsewhere ${r.id}`);
      if (r.prevTerm !== prevTerm) {
        this.fail('log matching', `node ${node}: entry ${key} follows term ${prevTerm}, elsewhere ${r.prevTerm}`);
      }
      return;
    }
    this.#entryAt.set(key, { id, prevTerm });
    if (e.payload.type === 'configuration' && !isValidTransition(prevConfig, e.payload.configuration)) {
      this.fail('config safety', `entry ${key}: ${JSON.stringify(prevConfig)} -> ${JSON.stringify(e.payload.configuration)}`);
    }
  }

  /** Index `index` is known committed with payload identity `id`, by a node in term `term`. */
  commit(index: number, id: string, who: string, term: number): void {
    const ct = this.#commitTerm[index];
    if (ct === undefined || term < ct) this.#commitTerm[index] = term;
    const prev = this.committed[index];
    if (prev === undefined) {
      this.committed[index] = id;
      this.committedCount++;
      if (id.startsWith('p')) this.commandsCommitted++;
      if (index > this.maxCommitted) this.maxCommitted = index;
      if (id.startsWith('cfg:')) {
        this.#configCommits.push(index);
        this.#configCommits.sort((a, b) => a - b);
      }
      if (this.#rejected.has(id)) this.fail('rejected proposal applied', `${id} committed at ${index} (${who})`);
      return;
    }
    if (prev !== id) this.fail('state machine safety', `${who}: index ${index} is ${id}, committed elsewhere as ${prev}`);
  }

  /** A node applied `e` (committedEntries). */
  applied(node: number, e: Entry, term: number): void {
    const id = entryId(e);
    this.commit(e.index, id, `node ${node} applied`, term);
    if (e.payload.type === 'command') this.#applied.add(id);
    if (e.index > this.maxApplied) this.maxApplied = e.index;
  }

  /** A proposal was refused definitively. */
  rejected(id: string, reason: string): void {
    if (this.#applied.has(id)) this.fail('rejected proposal applied', `${id} rejected (${reason}) but applied`);
    this.#rejected.add(id);
  }

  /**
   * A node just became leader of `term` and persisted its log (`idAt(i)` over its durable
   * log, `snapshotIndex`, `lastIndex`): it must hold every entry committed in an earlier
   * term (Raft §5.4.1, Leader Completeness).
   */
  leaderComplete(node: number, term: number, snapshotIndex: number, lastIndex: number, idAt: (i: number) => string | undefined): void {
    for (let i = this.maxCommitted; i > snapshotIndex; i--) {
      const c = this.committed[i];
      const ct = this.#commitTerm[i];
      if (c === undefined || ct === undefined || ct >= term) continue;
      if (i > lastIndex) this.fail('leader completeness', `leader ${node} of term ${term} ends at ${lastIndex}, ${i} committed in term <= ${ct}`);
      if (idAt(i) !== c) this.fail('leader completeness', `leader ${node} of term ${term} index ${i} is ${idAt(i)}, committed ${c} in term <= ${ct}`);
    }
  }

  /** A read was served at `served` (the node's applied index); it had to see `mustSee`. */
  readServed(node: number, ctx: number, index: number, served: number, mustSee: number, policy: string): void {
    if (served < index) this.fail('stale read', `node ${node} read ${ctx} served at ${served} below its read index ${index}`);
    if (served < mustSee) {
      this.fail('stale read', `node ${node} ${policy} read ${ctx} served at ${served}, but index ${mustSee} was applied before it was issued`);
    }
  }

  /**
   * Node `node` took or installed snapshot `meta` (`why`): its configuration must be the one in
   * force at its index in the committed log, set by the entry at `configIndex` (dissertation §5.1:
   * a snapshot carries the latest configuration as of its last included index).
   */
  snapshotConfig(node: number, meta: SnapshotMeta, why: string): void {
    const at = meta.configIndex > 0 ? this.committed[meta.configIndex] : undefined;
    if (at !== undefined && at !== 'cfg:' + JSON.stringify(meta.configuration)) {
      this.fail('snapshot configuration', `node ${node} ${why} snapshot ${meta.index} with configuration index ${meta.configIndex}, which committed ${at}, not ${JSON.stringify(meta.configuration)}`);
    }
    const later = this.#configCommits.find((i) => i > meta.configIndex && i <= meta.index);
    if (later !== undefined) {
      this.fail('snapshot configuration', `node ${node} ${why} snapshot ${meta.index} with configuration index ${meta.configIndex}, but configuration entry ${later} committed before its index`);
    }
  }
}
