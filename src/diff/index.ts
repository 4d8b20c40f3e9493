/**
 * What changed between two editions of the lists. Entries are matched by kind
 * and key (kinds without a key: by their 序号 when it is unique, else by
 * content); the result is the entries added, removed and changed, field by
 * field. An entry whose key changed while everything else stayed the same
 * (compared after folding width, spaces and punctuation) is renumbered
 * (重新编号), not removed and added.
 *
 * Lists are compared as published: a department named by id, full name or
 * alias counts as the same department, shown by its short name; waivers are
 * not part of a published list and are not compared.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Entry } from '../core/entry.js';
import { foldKey } from '../core/text.js';
import type { Kind } from '../kinds/registry.js';
import { WAIVERS_PROPERTY } from '../kinds/registry.js';
import type { Catalog } from '../link/index.js';

export type ChangeType = 'added' | 'removed' | 'changed' | 'renumbered';
export const CHANGE_TYPES: readonly ChangeType[] = ['added', 'removed', 'changed', 'renumbered'];

export interface FieldChange {
  field: string;
  /** The field's Chinese title. */
  title: string;
  before: unknown;
  after: unknown;
}

export interface EntryChange {
  type: ChangeType;
  kind: Kind;
  /** The key before and after (one of them for added and removed entries). */
  oldKey?: string;
  newKey?: string;
  /** The entry's name (or title, or key). */
  label: string;
  /** Changed fields, in schema order (for renumbered entries: the key and any change that folding hides). */
  fields: FieldChange[];
  /** The entry as published before and after. */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

export interface DiffResult {
  changes: EntryChange[];
  counts: Record<ChangeType, number>;
}

interface Side {
  catalog: Catalog;
  entry: Entry;
  data: Record<string, unknown>;
}

export function diffCatalogs(before: Catalog, after: Catalog): DiffResult {
  const changes: EntryChange[] = [];
  const kinds = [...after.kinds.all(), ...before.kinds.all().filter((k) => !after.kinds.has(k.name))];
  for (const kind of kinds) changes.push(...diffKind(kind, sides(before, kind.name), sides(after, kind.name)));
  const counts = { added: 0, removed: 0, changed: 0, renumbered: 0 };
  for (const c of changes) counts[c.type]++;
  return { changes, counts };
}

function sides(catalog: Catalog, kind: string): Side[] {
  return catalog.entries(kind).map((entry) => ({ catalog, entry, data: published(catalog, entry) }));
}

/** The entry's data as published: department references by short name, no waivers. */
function published(catalog: Catalog, entry: Entry): Record<string, unknown> {
  const data: Record<string, unknown> = JSON.parse(JSON.stringify(entry.data));
  delete data[WAIVERS_PROPERTY];
  for (const ref of entry.kind.references) {
    if (ref.to !== 'departments' || (ref.form ?? 'id') !== 'id' || ref.field.includes('.')) continue;
    const name = (v: unknown) => (typeof v === 'string' ? (catalog.departments.resolve(v)?.canonical ?? v) : v);
    const value = data[ref.field];
    if (value !== undefined) data[ref.field] = Array.isArray(value) ? value.map(name) : name(value);
  }
  return data;
}

function diffKind(kind: Kind, before: Side[], after: Side[]): EntryChange[] {
  const identityBefore = identities(kind, before);
  const identityAfter = identities(kind, after);
  const waiting = new Map<string, Side[]>();
  before.forEach((s, i) => {
    const id = identityBefore[i];
    if (id !== undefined) (waiting.get(id) ?? waiting.set(id, []).get(id)!).push(s);
  });
  const pairs = new Map<Side, Side>();
  const unmatchedAfter: Side[] = [];
  after.forEach((s, i) => {
    const id = identityAfter[i];
    const old = id === undefined ? undefined : waiting.get(id)?.shift();
    if (old) pairs.set(s, old);
    else unmatchedAfter.push(s);
  });
  const matched = new Set(pairs.values());
  let unmatchedBefore = before.filter((s) => !matched.has(s));

  // Unmatched on both sides: the same content (keyless kinds), or the same content under a new key.
  const renumbered = new Map<Side, Side>();
  for (const s of unmatchedAfter) {
    const exact = unmatchedBefore.find((o) => isDeepStrictEqual(o.data, s.data));
    const folded = exact ?? (kind.key.length > 0 ? unmatchedBefore.find((o) => foldedContent(kind, o.data) === foldedContent(kind, s.data)) : undefined);
    if (!folded) continue;
    unmatchedBefore = unmatchedBefore.filter((o) => o !== folded);
    if (exact) pairs.set(s, exact);
    else renumbered.set(s, folded);
  }

  const changes: EntryChange[] = [];
  for (const s of after) {
    const old = pairs.get(s) ?? renumbered.get(s);
    if (!old) {
      changes.push({ type: 'added', kind, newKey: s.entry.key, label: s.entry.label, fields: [], after: s.data });
      continue;
    }
    const fields = fieldChanges(kind, old.data, s.data);
    if (fields.length === 0) continue;
    const type = renumbered.has(s) ? 'renumbered' : 'changed';
    changes.push({ type, kind, oldKey: old.entry.key, newKey: s.entry.key, label: s.entry.label, fields, before: old.data, after: s.data });
  }
  for (const o of unmatchedBefore) changes.push({ type: 'removed', kind, oldKey: o.entry.key, label: o.entry.label, fields: [], before: o.data });
  return changes;
}

/** How entries are matched: the key; else a 序号 that is unique on its side; else nothing (content only). */
function identities(kind: Kind, side: readonly Side[]): (string | undefined)[] {
  if (kind.key.length > 0) return side.map((s) => s.entry.key);
  if (!kind.sequence) return side.map(() => undefined);
  const values = side.map((s) => s.data[kind.sequence!]);
  const count = new Map<unknown, number>();
  for (const v of values) count.set(v, (count.get(v) ?? 0) + 1);
  return values.map((v) => (v !== undefined && count.get(v) === 1 ? String(v) : undefined));
}

function fieldChanges(kind: Kind, before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const order = kind.fieldNames;
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) => rank(order, a) - rank(order, b) || (a < b ? -1 : a > b ? 1 : 0));
  return names
    .filter((f) => !isDeepStrictEqual(before[f], after[f]))
    .map((f) => ({ field: f, title: kind.fieldTitle(f), before: before[f], after: after[f] }));
}

function rank(order: readonly string[], name: string): number {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
}

/** Everything but the key, folded, as one comparable string. */
function foldedContent(kind: Kind, data: Record<string, unknown>): string {
  const rest = Object.fromEntries(Object.entries(data).filter(([k]) => !kind.key.includes(k)));
  return JSON.stringify(fold(rest));
}

function fold(value: unknown): unknown {
  if (typeof value === 'string') return foldKey(value);
  if (Array.isArray(value)) return value.map(fold);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, fold(v)]),
    );
  }
  return value;
}
