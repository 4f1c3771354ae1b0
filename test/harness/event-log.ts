/**
 * The simulation's event log: a ring of the last N events (200, or RAFT_SIM_EVENTS), printed
 * with a violation so a seed's failure can be read without replaying it.
 */

/** Events kept for a violation report (RAFT_SIM_EVENTS overrides, for debugging). */
const EVENT_LOG = Number(globalThis.process?.env?.['RAFT_SIM_EVENTS'] ?? 200);

export class EventLog {
  readonly #rows: unknown[][] = [];
  #pos = 0;

  /** Records one event at virtual time `t`. */
  record(t: number, kind: string, node: number, a?: unknown, b?: unknown): void {
    const row = [t, kind, node, a, b];
    if (this.#rows.length < EVENT_LOG) this.#rows.push(row);
    else this.#rows[this.#pos] = row;
    this.#pos = (this.#pos + 1) % EVENT_LOG;
  }

  /** The kept events, oldest first, one line each. */
  lines(): string[] {
    const rows = this.#rows.length < EVENT_LOG ? this.#rows : [...this.#rows.slice(this.#pos), ...this.#rows.slice(0, this.#pos)];
    return rows.map(([t, kind, node, a, b]) => `${String(t).padStart(7)}ms n${node} ${kind} ${a === undefined ? '' : brief(a)}${b === undefined ? '' : ' ' + brief(b)}`);
  }
}

function brief(x: unknown): string {
  return JSON.stringify(x, (_k, v) => {
    if (v instanceof Uint8Array) return new TextDecoder().decode(v);
    if (_k === 'entries' && Array.isArray(v)) return v.length === 0 ? [] : `${v.length} entries ${v[0].index}..${v[v.length - 1].index}`;
    return v;
  });
}
