/**
 * What the text rules (variant-character, mixed-punctuation, stray-whitespace)
 * share: every string value of an entry, at any depth, with its path; one walk
 * of every entry's strings per check, whatever number of text rules run; and
 * what counts as Chinese text around a character.
 */
import type { Entry } from '../core/entry.js';
import type { Catalog } from '../link/index.js';
import type { DataPath } from '../load/source.js';
import type { SharedValue } from './types.js';

type Kind = Entry['kind'];

/** Top-level fields that hold codes and ids, not text: `id`, the code field, and id references to kinds other than departments (item codes). */
function codeFields(kind: Kind): ReadonlySet<string> {
  const fields = new Set<string>(['id']);
  if (kind.codeField) fields.add(kind.codeField);
  for (const ref of kind.references) {
    if ((ref.form ?? 'id') === 'id' && ref.to !== 'departments' && !ref.field.includes('.')) fields.add(ref.field);
  }
  return fields;
}

/** codeFields, once per kind. */
const codeFieldsByKind = new WeakMap<Kind, ReadonlySet<string>>();

function codeFieldsOf(kind: Kind): ReadonlySet<string> {
  let fields = codeFieldsByKind.get(kind);
  if (!fields) {
    fields = codeFields(kind);
    codeFieldsByKind.set(kind, fields);
  }
  return fields;
}

/**
 * Called with each string value and whether it is a code (`id`, the entry's
 * code field, or the code of another entry it refers to). `path` is one array reused for the whole walk:
 * copy it (`[...path]`) to keep it past the call.
 */
type Visit = (value: string, path: readonly (string | number)[], code: boolean) => void;

/**
 * Every string value of the entry (file-level defaults included, never its
 * waivers) in document order, codes included, each told whether it is a code.
 * Allocates nothing per string.
 */
function walkEntry(entry: Entry, visit: Visit): void {
  const skip = codeFieldsOf(entry.kind);
  const data = entry.data;
  const path: (string | number)[] = [];
  for (const key of Object.keys(data)) {
    if (key === 'waivers') continue;
    path.push(key);
    walk(path, data[key], skip.has(key), visit);
    path.pop();
  }
}

function walk(path: (string | number)[], value: unknown, code: boolean, visit: Visit): void {
  if (typeof value === 'string') {
    visit(value, path, code);
  } else if (typeof value !== 'object' || value === null) {
    return;
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(path, value[i], code, visit);
      path.pop();
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      path.push(key);
      walk(path, record[key], code || key === 'id', visit);
      path.pop();
    }
  }
}

/**
 * What a text rule looks for, as a filter over every string of every valid
 * entry: the UTF-16 code units it could ever flag (nearly every string has
 * none, so the rest is looked at only on a hit), then optionally a closer
 * look (`refine`) at the strings that have one.
 */
export interface TextFilter {
  /** Also the codes (ids, the entry's code field, the codes of entries it refers to). */
  readonly codes: boolean;
  /** Does the string have something to report? Called only on strings with one of the code units. */
  readonly refine: ((value: string) => boolean) | undefined;
  /** The filter's bit in UNITS. */
  readonly bit: number;
}

export interface TextFilterOptions {
  codes?: boolean;
  /** Code units that the rule could flag, each one. */
  units?: string;
  /** And ranges of them, inclusive. */
  ranges?: readonly (readonly [number, number])[];
  refine?: (value: string) => boolean;
}

/** A string with something for a text rule, with its path. */
export interface TextHit {
  entry: Entry;
  path: DataPath;
  value: string;
}

const filters: TextFilter[] = [];
/** For each UTF-16 code unit, the bits of the filters that look for it. */
const UNITS = new Uint16Array(0x10000);

/** Declares a text filter; call it once per rule, when its module loads. */
export function textFilter(options: TextFilterOptions): TextFilter {
  if (filters.length === 16) throw new Error('at most 16 text filters');
  const filter: TextFilter = { codes: options.codes === true, refine: options.refine, bit: 1 << filters.length };
  filters.push(filter);
  for (let i = 0; i < (options.units ?? '').length; i++) UNITS[options.units!.charCodeAt(i)]! |= filter.bit;
  for (const [from, to] of options.ranges ?? []) for (let u = from; u <= to; u++) UNITS[u]! |= filter.bit;
  return filter;
}

/**
 * For each declared filter, the strings of the catalog's valid entries that
 * pass it, in the order of kinds, entries and each entry's strings (as
 * walkEntry walks them). One walk serves every declared filter: the first
 * text rule of a check pays for all of them; only the hits are kept.
 */
export const textHits: SharedValue<ReadonlyMap<TextFilter, readonly TextHit[]>> = { name: 'text hits', make: scan };

/** Finds the hits of every declared filter, in one walk. */
function scan(catalog: Catalog): Map<TextFilter, TextHit[]> {
  const memo = new Map<TextFilter, TextHit[]>();
  const byBit: (TextHit[] | undefined)[] = [];
  let textMask = 0;
  let codeMask = 0;
  for (const f of filters) {
    const hits: TextHit[] = [];
    memo.set(f, hits);
    byBit[31 - Math.clz32(f.bit)] = hits;
    textMask |= f.bit;
    if (f.codes) codeMask |= f.bit;
  }
  let entry!: Entry;
  const visit: Visit = (value, path, code) => {
    const mask = code ? codeMask : textMask;
    if (mask === 0) return;
    let bits = 0;
    for (let i = 0; i < value.length; i++) bits |= UNITS[value.charCodeAt(i)]!;
    bits &= mask;
    if (bits === 0) return;
    let kept: DataPath | undefined;
    for (let b = 0; bits !== 0; b++, bits >>>= 1) {
      if ((bits & 1) === 0) continue;
      const f = filters[b]!;
      if (f.refine && !f.refine(value)) continue;
      kept ??= [...path];
      byBit[b]!.push({ entry, path: kept, value });
    }
  };
  for (const kind of catalog.kinds.all()) {
    for (const e of catalog.valid(kind.name)) {
      entry = e;
      walkEntry(e, visit);
    }
  }
  return memo;
}

/** Han ideographs, CJK symbols and punctuation (、。《》「」【】〔〕…) and full-width punctuation (，；：？！（）). */
const CJK = /[\p{Script=Han}\u3001-\u303f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f]/u;

/** Is the character (a code point) at this UTF-16 offset Chinese text? */
export function isCjkAt(text: string, offset: number): boolean {
  const cp = text.codePointAt(offset);
  return cp !== undefined && CJK.test(String.fromCodePoint(cp));
}

/** The code point that ends just before `offset` (a surrogate pair is one character). */
export function charBefore(text: string, offset: number): number {
  const low = text.charCodeAt(offset - 1);
  return low >= 0xdc00 && low <= 0xdfff && offset >= 2 ? offset - 2 : offset - 1;
}

/** U+3000 */
export function codePointLabel(ch: string): string {
  return 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}
