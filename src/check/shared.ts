/**
 * The values rules share within one check (Rule.shares): the order that keeps
 * each one short-lived, and the values themselves. A million entries'
 * references or citations are hundreds of megabytes: kept from the first rule
 * that shares them to the last, not to the end of the check.
 */
import type { Catalog } from '../link/index.js';
import type { Rule, SharedValue } from '../rules/types.js';

/**
 * The order to run the rules in: as given, but a rule that shares a value
 * with one placed runs right after it (and so on for what it shares), so that
 * the rules that share a value run one after another.
 */
export function runOrder<T extends { rule: Rule }>(runs: readonly T[]): T[] {
  const order: T[] = [];
  const placed = new Set<T>();
  const place = (run: T): void => {
    if (placed.has(run)) return;
    placed.add(run);
    order.push(run);
    for (const value of run.rule.shares ?? []) {
      for (const other of runs) if (other.rule.shares?.includes(value)) place(other);
    }
  };
  runs.forEach(place);
  return order;
}

/** The shared values of one check: each made when a rule first asks for it, let go once every rule that shares it has run. */
export class SharedValues {
  private readonly values = new Map<SharedValue<unknown>, unknown>();
  /** For each shared value, how many of the rules that share it have yet to run. */
  private readonly waiting = new Map<SharedValue<unknown>, number>();

  constructor(
    private readonly catalog: Catalog,
    /** The rules that will run. */
    rules: readonly Rule[],
  ) {
    for (const rule of rules) for (const value of rule.shares ?? []) this.waiting.set(value, (this.waiting.get(value) ?? 0) + 1);
  }

  /** The value, for a rule that shares it (one that does not say so would have it let go too early, or kept to the end). */
  get<T>(rule: Rule, value: SharedValue<T>): T {
    if (!rule.shares?.includes(value)) throw new Error(`${rule.meta.id} asks for the shared ${value.name} without sharing it (Rule.shares)`);
    if (!this.values.has(value)) this.values.set(value, value.make(this.catalog));
    return this.values.get(value) as T;
  }

  /** Is the value made and still kept? */
  holds(value: SharedValue<unknown>): boolean {
    return this.values.has(value);
  }

  /** The rule has run (or failed): let go of the values no rule still to run shares. */
  done(rule: Rule): void {
    for (const value of rule.shares ?? []) {
      const left = (this.waiting.get(value) ?? 1) - 1;
      this.waiting.set(value, left);
      if (left <= 0) this.values.delete(value);
    }
  }
}
