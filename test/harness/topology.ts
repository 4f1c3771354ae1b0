/**
 * Who can talk to whom in the simulated network: partition groups (nodes in different groups
 * cannot talk) and single cut links (down in both directions).
 */
export class Topology {
  /** Node id -> partition group. */
  readonly #group = new Map<number, number>();
  /** Single links that are down in both directions, as "a-b" with a < b. */
  readonly #cut = new Set<string>();

  /** A new node joins group 0 (everyone, when healed). */
  add(id: number): void {
    this.#group.set(id, 0);
  }

  blocked(a: number, b: number): boolean {
    if (this.#group.get(a) !== this.#group.get(b)) return true;
    return this.#cut.size > 0 && this.#cut.has(a < b ? `${a}-${b}` : `${b}-${a}`);
  }

  /** Each listed group can only talk within itself; unlisted nodes form one more group. */
  partition(groups: readonly (readonly number[])[]): void {
    for (const id of this.#group.keys()) this.#group.set(id, -1);
    groups.forEach((g, i) => g.forEach((id) => this.#group.set(id, i)));
  }

  cut(a: number, b: number): void {
    this.#cut.add(a < b ? `${a}-${b}` : `${b}-${a}`);
  }

  heal(): void {
    this.#cut.clear();
    for (const id of this.#group.keys()) this.#group.set(id, 0);
  }
}
