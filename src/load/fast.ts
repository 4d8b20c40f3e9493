/**
 * The fast path of the loader: the data through js-yaml (several times faster
 * than the `yaml` package on Chinese text, and lighter), and each entry's text
 * span through a line scan, so that positions can be found later by parsing
 * one entry with `yaml` (see source.ts). Only files that both parsers read the
 * same way take this path: anything js-yaml rejects, and every construct where
 * the two could disagree (aliases, tags, complex keys, odd layout), goes the
 * slow path, which reports every problem as before.
 */
import jsyaml from 'js-yaml';
import { detachedSlice } from './source.js';

/** Where the entries are in the text: what locate() needs to parse one entry alone. */
export interface EntryLayout {
  /** Offset of the line `entries:`; the text before it holds the file-level keys. */
  entriesLine: number;
  /** Offsets of each entry's first line (its `- ` line, indentation included), and of the end of the last. */
  bounds: number[];
}

export interface FastParse {
  value: unknown;
  layout: EntryLayout;
  /** Is every number one JSON carries as it is (finite, not -0)? */
  plainNumbers: boolean;
  /**
   * When entries were taken from an earlier read (parseEdited): the value
   * with only the entries read anew. The others passed the limits on depth
   * and length when they were read (under the same configuration: the cache's key).
   */
  readAnew?: Record<string, unknown>;
  /** Then, for each entry, the index of the earlier entry it was taken from, or -1 when it was read anew. */
  takenFrom?: number[];
}

/** Set while js-yaml reads a file, when a number JSON would change (NaN, infinities, -0) is made. */
let oddNumber = false;
const number = (n: number): number => {
  if (!Number.isFinite(n) || Object.is(n, -0)) oddNumber = true;
  return n;
};

// The `yaml` package's YAML 1.2 core schema, for js-yaml: js-yaml reads 0b101 as a
// number and -.5 as a string, `yaml` the other way round.
/** Can a plain scalar starting with this be a number? (Most values are Chinese text: answer that fast.) */
const numeric = (s: string | null): s is string => s !== null && /^[-+.0-9]/.test(s);
const coreInt = new jsyaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (s: string | null) => numeric(s) && (/^[-+]?[0-9]+$/.test(s) || /^0o[0-7]+$/.test(s) || /^0x[0-9a-fA-F]+$/.test(s)),
  construct: (s: string) => number(s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
  predicate: (v: unknown) => Number.isInteger(v),
});
const coreFloat = new jsyaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (s: string | null) =>
    numeric(s) &&
    (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s) ||
      /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) ||
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)),
  construct: (s: string) => number(/nan$/i.test(s) ? NaN : /inf$/i.test(s) ? (s.startsWith('-') ? -Infinity : Infinity) : parseFloat(s)),
  predicate: (v: unknown) => typeof v === 'number',
});
const YAML_CORE = jsyaml.CORE_SCHEMA.extend({ implicit: [coreInt, coreFloat] });

/**
 * Does the text use a construct where js-yaml and `yaml` may read it
 * differently, or where `yaml` reports a problem js-yaml lets pass? Node
 * properties (anchors, aliases, tags), a CR that is not part of CRLF, explicit
 * `?` keys, collections as keys, a comment glued to a closing bracket or
 * quote, directives and document markers, an implicit key that may pass
 * 1024 characters (`yaml` refuses those; a long line is fine when its key is
 * short and it holds no flow collection), and flow collections that span
 * lines and quoted scalars that do (their indentation rules differ). One pass over the text; a false
 * alarm (the same characters inside a scalar) only costs speed.
 */
function needsYaml(text: string): boolean {
  let lineStart = 0;
  let depth = 0;
  let previous = 10;
  // Where the line's first `: ` is (its implicit key ends), and whether it holds a flow collection.
  let keyEnd = -1;
  let flow = false;
  const longKey = (end: number) => end - lineStart >= 1024 && (flow || keyEnd - lineStart >= 1000);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 10: // \n
        if (depth !== 0 || longKey(i)) return true;
        lineStart = i + 1;
        keyEnd = -1;
        flow = false;
        break;
      case 13: // \r
        if (text.charCodeAt(i + 1) !== 10) return true;
        break;
      case 58: { // :
        const next = text.charCodeAt(i + 1);
        if (keyEnd < 0 && (next === 32 || next === 9 || next === 10 || next === 13 || Number.isNaN(next))) keyEnd = i;
        break;
      }
      case 38: // &
      case 42: // *
      case 33: // !
        if (previous === 10 || previous === 32 || previous === 9 || previous === 91 || previous === 123 || previous === 44 || previous === 58 || previous === 63 || previous === 45) return true;
        break;
      case 63: { // ?
        const next = text.charCodeAt(i + 1);
        if ((previous === 10 || previous === 32 || previous === 45) && (next === 32 || next === 9 || next === 10 || next === 13 || Number.isNaN(next))) return true;
        break;
      }
      case 91: // [
      case 123: // {
        depth++;
        flow = true;
        break;
      case 93: // ]
      case 125: { // }
        depth--;
        let j = i + 1;
        while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
        const after = text.charCodeAt(j + 1);
        if (text.charCodeAt(i + 1) === 35 || (text.charCodeAt(j) === 58 && (after === 32 || after === 9 || after === 10 || after === 13 || Number.isNaN(after)))) return true;
        break;
      }
      case 34: // "
      case 39: // '
        if (text.charCodeAt(i + 1) === 35) return true;
        // A quoted scalar that goes on to the next line (js-yaml takes continuation lines `yaml` refuses).
        if (previous === 32 && !closesOnLine(text, i, c)) return true;
        break;
      case 45: // -
      case 46: // .
        if (i === lineStart && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c) return true;
        break;
      case 37: // %
        if (i === lineStart) return true;
        break;
    }
    previous = c;
  }
  return depth !== 0 || longKey(text.length);
}

/** Does the quote opened at `at` close on its line? (A `"` after a backslash closes nothing.) */
function closesOnLine(text: string, at: number, quote: number): boolean {
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return false;
    if (c === quote && (quote !== 34 || text.charCodeAt(i - 1) !== 92)) return true;
  }
  return false;
}

/** What the fast path read of a file's earlier content: its text, its entries' spans there, and their values. */
export interface EarlierRead {
  text: string;
  layout: EntryLayout;
  entries: readonly unknown[];
}

const LOAD_OPTIONS = { schema: YAML_CORE, json: false };

/**
 * `earlier`: what the fast path read of the file before it was edited. The
 * entries whose text is unchanged are taken from it (see parseEdited).
 */
export function parseFast(text: string, earlier?: EarlierRead): FastParse | undefined {
  if (needsYaml(text)) return undefined;
  const edited = earlier && parseEdited(text, earlier);
  if (edited) return edited;
  let value: unknown;
  oddNumber = false;
  try {
    value = jsyaml.load(text, LOAD_OPTIONS);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = (value as Record<string, unknown>).entries;
  if (!Array.isArray(entries) || entries.some((e) => e === null || typeof e !== 'object' || Array.isArray(e))) return undefined;
  const layout = scanLayout(text, entries.length);
  return layout ? { value, layout, plainNumbers: !oddNumber } : undefined;
}

/**
 * The fast path over an edited file: each entry whose text (its lines, from
 * its `- ` line to the next entry's) is as it was takes the value read then,
 * and only the other entries, and the lines outside the entries, are parsed.
 * An entry is parsed alone: its lines, indentation kept, are a one-item block
 * sequence. The result is what reading the whole text gives: the text passed
 * needsYaml (no anchors or aliases: an entry's value depends on its own lines
 * only, not on where they are), and scanLayout gives each line to one entry.
 * A js-yaml error in a piece is one in the whole text too; then, or when the
 * lines are not laid out so, undefined: the caller reads the whole text (and
 * a file it cannot goes the slow path, which names the problem).
 */
function parseEdited(text: string, earlier: EarlierRead): FastParse | undefined {
  const layout = scanLayout(text);
  if (!layout || layout.bounds.length < 2) return undefined;
  const { bounds } = layout;
  const before = new Map<string, number>();
  const old = earlier.layout.bounds;
  if (old.length - 1 !== earlier.entries.length) return undefined;
  for (let i = 0; i + 1 < old.length; i++) {
    const lines = earlier.text.slice(old[i], old[i + 1]);
    if (!before.has(lines)) before.set(lines, i);
  }
  oddNumber = false;
  try {
    // The file-level keys: the lines before the first entry and after the last (`entries:` is null there).
    // What is parsed is copied out of the text (detachedSlice): js-yaml's strings are slices of what it reads, and would keep the whole text alive.
    const outside = detachedSlice(text, 0, bounds[0]) + detachedSlice(text, bounds[bounds.length - 1], text.length);
    const top = jsyaml.load(outside, LOAD_OPTIONS) as Record<string, unknown> | null;
    if (top === null || typeof top !== 'object' || Array.isArray(top) || !Object.hasOwn(top, 'entries') || top.entries !== null) return undefined;
    const entries: unknown[] = [];
    const anew: unknown[] = [];
    const takenFrom: number[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const lines = text.slice(bounds[i], bounds[i + 1]);
      const same = before.get(lines);
      // Each earlier entry taken once: the same lines twice (an entry copied) are two objects, as when read whole.
      if (same !== undefined) before.delete(lines);
      takenFrom.push(same ?? -1);
      if (same !== undefined) {
        entries.push(earlier.entries[same]);
        continue;
      }
      const item = jsyaml.load(detachedSlice(lines, 0, lines.length), LOAD_OPTIONS);
      const entry = Array.isArray(item) && item.length === 1 ? (item[0] as unknown) : undefined;
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return undefined;
      entries.push(entry);
      anew.push(entry);
    }
    return { value: { ...top, entries }, layout, plainNumbers: !oddNumber, readAnew: { ...top, entries: anew }, takenFrom };
  } catch {
    return undefined;
  }
}

/**
 * The block sequence under a top-level `entries:` line: one `- ` item per
 * entry, all at the same indentation, up to the first line less indented (or a
 * top-level key). Undefined when the layout is anything else, or when the
 * items found are not as many as the entries parsed (`count`, when given).
 */
export function scanLayout(text: string, count?: number): EntryLayout | undefined {
  const header = /^entries:[ \t]*(?:#[^\n]*)?$/m.exec(text);
  if (!header) return undefined;
  const entriesLine = header.index;
  if (count === 0) return { entriesLine, bounds: [text.length] };
  const bounds: number[] = [];
  let indent = -1;
  let end = text.length;
  let pos = text.indexOf('\n', entriesLine);
  while (pos >= 0 && pos < text.length) {
    const start = pos + 1;
    const next = text.indexOf('\n', start);
    const lineEnd = next < 0 ? text.length : next;
    pos = next;
    let i = start;
    while (i < lineEnd && text.charCodeAt(i) === 32) i++;
    const first = text.charCodeAt(i);
    // Blank lines and comments belong to the entry before.
    if (i === lineEnd || first === 35 /* # */ || (first === 13 && i + 1 === lineEnd)) continue;
    const column = i - start;
    const item = first === 45 /* - */ && (i + 1 === lineEnd || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 13);
    if (indent < 0) {
      if (!item) return undefined;
      indent = column;
    }
    if (column < indent || (column === indent && !item)) {
      // Only a top-level key may follow the entries.
      if (column !== 0) return undefined;
      end = start;
      break;
    }
    if (column === indent) bounds.push(start);
  }
  if (count !== undefined && bounds.length !== count) return undefined;
  bounds.push(end);
  return { entriesLine, bounds };
}
