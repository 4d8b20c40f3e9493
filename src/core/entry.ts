/**
 * One entry of a list, as every stage after loading sees it: its kind, its data
 * (file-level defaults merged in), and its way back to the source.
 */
import type { SourceLocation } from './diagnostics.js';
import type { Kind } from '../kinds/registry.js';
import type { DataPath, SourceFile } from '../load/source.js';

export type EntryData = Readonly<Record<string, unknown>>;

/** Which fields an entry writes itself (a Set, or ownFields(raw, defaults)). */
export interface OwnFields {
  has(field: string): boolean;
}

const INHERITS_ALL: OwnFields = { has: () => false };

/**
 * The file-level defaults an entry overrides: only those matter to where a
 * field is (path()). Usually none, so most entries share one answer: a
 * million entries need the memory.
 */
export function ownFields(raw: object, defaults: object): OwnFields {
  let overridden: Set<string> | undefined;
  for (const key of Object.keys(defaults)) if (Object.hasOwn(raw, key)) (overridden ??= new Set()).add(key);
  return overridden ?? INHERITS_ALL;
}

/**
 * The path in the file of a field of the entry at `index` (as Entry.path):
 * a field the entry inherits from the file-level defaults is there.
 */
export function entryPath(file: SourceFile, index: number, field: DataPath): DataPath {
  const first = field[0];
  if (typeof first === 'string' && file.data && Object.hasOwn(file.data.defaults, first)) {
    const raw = file.data.entries[index];
    if (raw === null || typeof raw !== 'object' || !Object.hasOwn(raw, first)) return field;
  }
  return ['entries', index, ...field];
}

/** The fields Entry.label reads, in order. */
export const LABEL_FIELDS: readonly string[] = ['name', 'title', 'violation', 'task', 'content'];

export class Entry {
  readonly key: string | undefined;

  constructor(
    readonly kind: Kind,
    readonly file: SourceFile,
    /** Index in the file's `entries:`. */
    readonly index: number,
    readonly data: EntryData,
    /** Fields written on the entry itself (the rest come from file-level defaults). */
    private readonly ownFields: OwnFields,
    /** Did the entry pass its schema? Rules look only at valid entries. */
    readonly valid: boolean,
  ) {
    const parts = kind.key.map((k) => data[k]);
    const usable = parts.length > 0 && parts.every((p) => typeof p === 'string' || typeof p === 'number');
    // One part (the usual code) is the key as it is: no copy of the string per entry.
    this.key = !usable ? undefined : parts.length === 1 ? String(parts[0]) : parts.join('|');
  }

  /** The path in the file of a field of this entry (a default's path is the file-level key). */
  path(field: DataPath = []): DataPath {
    const first = field[0];
    if (typeof first === 'string' && !this.ownFields.has(first) && this.file.data && Object.hasOwn(this.file.data.defaults, first)) return field;
    return ['entries', this.index, ...field];
  }

  locate(field: DataPath = [], target: 'value' | 'key' = 'value'): SourceLocation {
    return this.file.locate(this.path(field), target);
  }

  /** Characters [start, end) of a string field. */
  locateInString(field: DataPath, start: number, end: number): SourceLocation {
    return this.file.locateInString(this.path(field), start, end);
  }

  get(field: string): unknown {
    if (!field.includes('.')) return this.data[field];
    let value: unknown = this.data;
    for (const part of field.split('.')) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    return value;
  }

  getString(field: string): string | undefined {
    const v = this.get(field);
    return typeof v === 'string' ? v : undefined;
  }

  /** A short human label: the entry's name or title, else its key, else its position. */
  get label(): string {
    for (const f of LABEL_FIELDS) {
      const v = this.data[f];
      if (typeof v === 'string' && v.length > 0) return v.length > 40 ? v.slice(0, 40) + '…' : v;
    }
    return this.key ?? `#${this.index + 1}`;
  }
}
