/**
 * Safety properties checked incrementally while a simulation runs (Raft §5.2, §5.3, §5.4,
 * Figure 3; dissertation §4.3, §6.4). Each check runs at the moment the relevant fact
 * appears, so a violation is reported at the step that caused it.
 */
import { isValidTransition, type Configuration, type Entry } from '../../src/core/index.js';

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
}
