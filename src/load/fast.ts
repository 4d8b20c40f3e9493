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

export function parseFast(text: string): FastParse | undefined {
  if (needsYaml(text)) return undefined;
  let value: unknown;
  oddNumber = false;
  try {
    value = jsyaml.load(text, { schema: YAML_CORE, json: false });
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
 * The block sequence under a top-level `entries:` line: one `- ` item per
 * entry, all at the same indentation, up to the first line less indented (or a
 * top-level key). Undefined when the layout is anything else, or when the
 * items found are not as many as the entries parsed.
 */
export function scanLayout(text: string, count: number): EntryLayout | undefined {
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
  if (bounds.length !== count) return undefined;
  bounds.push(end);
  return { entriesLine, bounds };
}
