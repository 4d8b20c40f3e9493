/**
 * A list file as loaded: its text, its parsed data, and the way back from a
 * path into the data to a line and column in the text (Spectral's approach:
 * rules give paths, the core finds the nearest node that exists).
 *
 * Positions come from the `yaml` package, which is slow on large files. A file
 * read by the fast path (fast.ts) keeps only the text span of each entry and
 * parses one entry with `yaml` when a position inside it is asked for; the
 * resulting locations are the same as from the whole document.
 */
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Document, type Node, type Pair } from 'yaml';
import { toPointer, type SourceLocation } from '../core/diagnostics.js';
import type { FileValidation } from '../validate/index.js';
import type { EntryLayout } from './fast.js';
import { decodeListFile } from './read.js';

export type DataPath = readonly (string | number)[];

export interface ListFileData {
  /** The declared kind, when present and a string. */
  kind?: string;
  /** File-level defaults: top-level keys other than `kind` and `entries`. */
  defaults: Record<string, unknown>;
  /** The raw entries, as plain values. */
  entries: unknown[];
  /** Entries that hold a YAML syntax error: reported once, not validated again. */
  brokenEntries: ReadonlySet<number>;
}

/** The options every parse of a list file uses, so that a part parses as the whole did. */
export const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false } as const;

interface Resolved {
  node: Node | null;
  keyNode: Node | null;
  /** Did every part of the path exist? */
  complete: boolean;
  /** Offset of the parsed text in the file. */
  shift: number;
}

/** The most recently used values of a few keys: what is kept of files read again on demand. */
class Recent<K, V> {
  private readonly values = new Map<K, V>();
  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.values.get(key);
    if (value !== undefined) {
      this.values.delete(key);
      this.values.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): V {
    this.values.delete(key);
    this.values.set(key, value);
    if (this.values.size > this.limit) this.values.delete(this.values.keys().next().value!);
    return value;
  }

  delete(key: K): void {
    this.values.delete(key);
  }
}

/**
 * What a file loaded without a whole document keeps in memory is only its
 * data and layout: its text (with its line index), its parsed entries and its
 * whole document (slow path) are kept for the few files used last, and read
 * or parsed again when asked for. A million entries fit in memory that way;
 * reports and rules ask about one file after another.
 */
const TEXTS = new Recent<SourceFile, { text: string; lines?: LineCounter }>(16);
const DOCUMENTS = new Recent<SourceFile, Document.Parsed>(4);
const HEADERS = new Recent<SourceFile, Document.Parsed>(64);
const ENTRIES = new Recent<string, Document.Parsed>(256);
let nextId = 0;

export class SourceFile {
  /** Parsed data, once the file has been read and parsed without fatal errors. */
  data: ListFileData | undefined;
  /** The validate stage's result for this file, when already known (from a worker or the cache). */
  validation: FileValidation | undefined;
  /** The text (and document) a file keeps; a file on disk may be released of them (release()). */
  private pinned: { text: string; doc: Document.Parsed | undefined; lineCounter: LineCounter } | undefined;
  private layout: EntryLayout | undefined;
  private readonly id = nextId++;

  constructor(
    /** Absolute path. */
    readonly path: string,
    /** Path as shown to the user. */
    readonly display: string,
    /** The decoded text ('' when the file could not be read). */
    text: string,
    doc?: Document.Parsed,
    lineCounter: LineCounter = new LineCounter(),
  ) {
    this.pinned = { text, doc, lineCounter };
  }

  /**
   * A file whose data was parsed without a whole `yaml` Document (by the fast
   * path, in a worker, or kept in the cache): positions come entry by entry
   * through the layout, or, without one, from the whole text parsed on first
   * use. Without `text`, the file is one on disk, read when first needed.
   */
  static fromLayout(path: string, display: string, layout: EntryLayout | undefined, text?: string): SourceFile {
    const file = new SourceFile(path, display, text ?? '');
    if (text === undefined) file.pinned = undefined;
    file.layout = layout;
    return file;
  }

  /** Entries' text spans for a file parsed as a whole document (its document is still used while kept). */
  useLayout(layout: EntryLayout): void {
    this.layout = layout;
  }

  /**
   * For a file on disk: keep no more of it than of a file loaded elsewhere.
   * Its text and document are then kept only while recently used, and read
   * and parsed again when needed.
   */
  release(): void {
    if (!this.pinned) return;
    const { text, doc, lineCounter } = this.pinned;
    TEXTS.set(this, { text, lines: lineCounter.lineStarts.length > 0 ? lineCounter : undefined });
    if (doc && !this.layout) DOCUMENTS.set(this, doc);
    this.pinned = undefined;
  }

  /**
   * Done with the file for a while: what is kept of it as recently used (its
   * text, line index and documents) is let go, to be read again if asked for.
   * Going through many files once each (locating a check's findings), the
   * texts kept would outlive young-generation collections and pile up as old garbage.
   */
  evict(): void {
    TEXTS.delete(this);
    DOCUMENTS.delete(this);
    HEADERS.delete(this);
  }

  /** The decoded text ('' when the file could not be read). */
  get text(): string {
    return this.pinned?.text ?? this.loaded().text;
  }

  private loaded(): { text: string; lines?: LineCounter } {
    const kept = TEXTS.get(this);
    if (kept) return kept;
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(this.path);
    } catch {
      // Gone since it was loaded: positions fall back to the start of the file.
    }
    const decoded = bytes ? decodeListFile(bytes) : undefined;
    return TEXTS.set(this, { text: decoded?.ok ? decoded.text : '' });
  }

  /** The location of a range of UTF-16 offsets. */
  rangeLocation(start: number, end: number, pointer = ''): SourceLocation {
    const lines = this.lines();
    const a = lines.linePos(start);
    const b = lines.linePos(Math.max(start, end));
    return { file: this.display, line: a.line, column: a.col, endLine: b.line, endColumn: b.col, pointer };
  }

  /** Where the lines start: from the parser, or counted here as the parser does. */
  private lines(): LineCounter {
    if (this.pinned) {
      const { text, lineCounter } = this.pinned;
      return lineCounter.lineStarts.length > 0 ? lineCounter : countLines(text, lineCounter);
    }
    const loaded = this.loaded();
    return (loaded.lines ??= countLines(loaded.text, new LineCounter()));
  }

  /**
   * The node at a path, or its nearest existing ancestor. `target: 'key'`
   * points at the key of the last mapping pair instead of its value.
   */
  locate(path: DataPath, target: 'value' | 'key' = 'value'): SourceLocation {
    const pointer = toPointer(path);
    const quick = this.quickField(path, target);
    if (quick) return this.rangeLocation(quick.start, quick.end, pointer);
    const found = this.resolve(path);
    if (!found) return this.rangeLocation(0, 0, pointer);
    const chosen = target === 'key' && found.keyNode ? found.keyNode : found.node;
    const range = chosen?.range;
    if (!range) return this.rangeLocation(0, 0, pointer);
    return this.rangeLocation(range[0] + found.shift, range[1] + found.shift, pointer);
  }

  /** The exact location of characters [start, end) of a string value, when its source spells it out verbatim. */
  locateInString(path: DataPath, start: number, end: number): SourceLocation {
    const quick = this.quickField(path, 'value');
    if (quick) return this.rangeLocation(quick.start + start, quick.start + end, toPointer(path));
    const whole = this.locate(path);
    const found = this.resolve(path);
    const node = found?.complete ? found.node : undefined;
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return whole;
    const from = node.range[0] + found!.shift;
    const to = node.range[1] + found!.shift;
    const source = this.text.slice(from, to);
    if (node.type === Scalar.BLOCK_LITERAL) {
      const at = literalOffsets(source, node.value);
      return at ? this.rangeLocation(from + at(start), from + at(end), whole.pointer) : whole;
    }
    let offset: number | undefined;
    if (node.type === Scalar.PLAIN && source === node.value) offset = from;
    else if ((node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) && source.slice(1, -1) === node.value) offset = from + 1;
    if (offset === undefined) return whole;
    return this.rangeLocation(offset + start, offset + end, whole.pointer);
  }

  /**
   * A field of an entry found by a scan of the entry's lines, without a
   * parser: the key, or a value that is a one-line plain scalar spelling out
   * the string the data holds. Undefined whenever the entry is laid out in any
   * other way (the parser then decides): a line less indented than the keys, a
   * key not plainly written, a value that is quoted, a block, a collection,
   * commented, or continued on the next line.
   */
  private quickField(path: DataPath, target: 'value' | 'key'): { start: number; end: number } | undefined {
    const layout = this.layout;
    const [first, index, field] = path;
    if (!layout || path.length !== 3 || first !== 'entries' || typeof index !== 'number' || typeof field !== 'string') return undefined;
    const raw = this.data?.entries[index];
    if (raw === null || typeof raw !== 'object' || !Object.hasOwn(raw, field) || this.data!.brokenEntries.has(index)) return undefined;
    const value = (raw as Record<string, unknown>)[field];
    if (target === 'value' && typeof value !== 'string') return undefined;
    const from = layout.bounds[index];
    const to = layout.bounds[index + 1];
    if (from === undefined || to === undefined) return undefined;
    const text = this.text;
    // The first line: `- key: …`; the column of its key is the column of every key.
    let i = from;
    while (i < to && text.charCodeAt(i) === 32) i++;
    if (text.charCodeAt(i) !== 45 || text.charCodeAt(i + 1) !== 32) return undefined;
    i++;
    while (i < to && text.charCodeAt(i) === 32) i++;
    const column = i - from;
    let keyAt = i;
    for (;;) {
      const lineEnd = lineEndOf(text, keyAt, to);
      const colon = plainKeyEnd(text, keyAt, lineEnd);
      if (colon === undefined) return undefined;
      let valueAt = colon + 1;
      while (valueAt < lineEnd && text.charCodeAt(valueAt) === 32) valueAt++;
      let valueEnd = lineEnd;
      while (valueEnd > valueAt && (text.charCodeAt(valueEnd - 1) === 32 || text.charCodeAt(valueEnd - 1) === 13)) valueEnd--;
      const first = text.charCodeAt(valueAt);
      // A quoted value that does not end on its line could hold lines that look like keys.
      if ((first === 34 || first === 39) && (valueEnd - valueAt < 2 || text.charCodeAt(valueEnd - 1) !== first)) return undefined;
      if (colon - keyAt === field.length && text.startsWith(field, keyAt)) {
        if (target === 'key') return { start: keyAt, end: colon };
        const written = text.slice(valueAt, valueEnd);
        if (written !== value || written === '' || PLAIN_START.test(written) || /[\t#]/.test(written) || written.includes(': ')) return undefined;
        // The next line that holds anything must not continue the value.
        for (let next = lineEnd + 1; next < to; next = lineEndOf(text, next, to) + 1) {
          const indent = indentOf(text, next, to);
          const c = text.charCodeAt(next + indent);
          if (next + indent >= to || c === 10 || c === 13) continue;
          if (indent > column) return undefined;
          break;
        }
        return { start: valueAt, end: valueEnd };
      }
      // The next key line: lines indented more belong to this field; blank and comment lines are skipped.
      let lineStart = lineEnd + 1;
      for (;;) {
        if (lineStart >= to) return undefined;
        const indent = indentOf(text, lineStart, to);
        const c = text.charCodeAt(lineStart + indent);
        if (lineStart + indent >= to || c === 10 || c === 13 || c === 35 || indent > column) {
          lineStart = lineEndOf(text, lineStart, to) + 1;
          continue;
        }
        if (indent < column) return undefined;
        keyAt = lineStart + indent;
        break;
      }
    }
  }

  /** Find the node of a path: in the whole document, or in the one entry (or the file-level keys) it lies in. */
  private resolve(path: DataPath): Resolved | undefined {
    const layout = this.layout;
    const [first, index] = path;
    // While the whole document is at hand it is used; an entry that holds a syntax error is always located in it.
    const whole = this.pinned?.doc ?? DOCUMENTS.get(this) ?? (first === 'entries' && typeof index === 'number' && this.data?.brokenEntries.has(index));
    if (layout && !whole) {
      const count = layout.bounds.length - 1;
      if (first === 'entries' && typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < count) {
        const found = walk(this.entryDocument(index).contents, [0, ...path.slice(2)]);
        return { ...found, shift: layout.bounds[index]! };
      }
      if (first !== undefined && first !== 'entries') {
        const header = HEADERS.get(this) ?? HEADERS.set(this, parseDocument(detachedSlice(this.text, 0, layout.entriesLine), PARSE_OPTIONS));
        const found = walk(header.contents, path);
        // Not a file-level key before `entries:`: ask the whole document, without keeping it.
        if (found.complete || (found.node !== header.contents && found.node !== null)) return { ...found, shift: 0 };
      }
      return { ...walk(parseDocument(this.text, PARSE_OPTIONS).contents, path), shift: 0 };
    }
    const doc = this.pinned ? this.pinned.doc : (DOCUMENTS.get(this) ?? DOCUMENTS.set(this, parseDocument(this.text, PARSE_OPTIONS)));
    if (!doc?.contents) return undefined;
    return { ...walk(doc.contents, path), shift: 0 };
  }

  /** One entry's text parsed alone (a block sequence of one item). */
  private entryDocument(index: number): Document.Parsed {
    const key = `${this.id}:${index}`;
    const kept = ENTRIES.get(key);
    if (kept) return kept;
    const bounds = this.layout!.bounds;
    return ENTRIES.set(key, parseDocument(detachedSlice(this.text, bounds[index], bounds[index + 1]), PARSE_OPTIONS));
  }
}

/**
 * text[start, end) as a string of its own. V8 makes a slice that points into
 * the whole string, and the parser's values are slices of its input: a kept
 * document of one entry would keep its whole file's text alive (hundreds of
 * files' texts for the entries kept in ENTRIES).
 */
export function detachedSlice(text: string, start: number | undefined, end: number | undefined): string {
  return Buffer.from(text.slice(start, end), 'utf16le').toString('utf16le');
}

/** What a value the quick scan takes may not start with: YAML's indicators. */
const PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

function lineEndOf(text: string, from: number, to: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 || end > to ? to : end;
}

function indentOf(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && text.charCodeAt(i) === 32) i++;
  return i - from;
}

/** The offset of the `:` that ends a plain key starting here (letters, digits, _ and -), followed by a space or the line's end. */
function plainKeyEnd(text: string, from: number, lineEnd: number): number | undefined {
  let i = from;
  while (i < lineEnd) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || (c === 45 && i > from)) i++;
    else break;
  }
  if (i === from || text.charCodeAt(i) !== 58) return undefined;
  const after = text.charCodeAt(i + 1);
  return i + 1 >= lineEnd || after === 32 || after === 13 || after === 10 ? i : undefined;
}

function countLines(text: string, counter: LineCounter): LineCounter {
  counter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) counter.addNewLine(i + 1);
  return counter;
}

/**
 * Where each character of a literal block scalar (`|`) is in its source (the
 * header line, then the lines indented alike): a map from offsets in the value
 * to offsets in the source, when the lines spell the value out verbatim.
 */
function literalOffsets(source: string, value: string): ((index: number) => number) | undefined {
  const lines: { start: number; text: string }[] = [];
  const pattern = /([^\r\n]*)(\r?\n|$)/g;
  for (let m = pattern.exec(source); m && m[0] !== ''; m = pattern.exec(source)) lines.push({ start: m.index, text: m[1]! });
  const content = lines.slice(1);
  const indent = Math.min(...content.filter((l) => l.text.trim() !== '').map((l) => /^ */.exec(l.text)![0].length));
  if (!Number.isFinite(indent)) return undefined;
  const rebuilt = content.map((l) => l.text.slice(indent)).join('\n');
  if (rebuilt.replace(/\n+$/, '') !== value.replace(/\n+$/, '')) return undefined;
  return (index) => {
    const before = value.slice(0, index);
    const line = content[before.split('\n').length - 1];
    const column = index - (before.lastIndexOf('\n') + 1);
    return line ? line.start + indent + column : source.length;
  };
}

/** Follow a path from a node, stopping at the last part that exists. */
function walk(root: Node | null, path: DataPath): Omit<Resolved, 'shift'> {
  let node: Node | null = root;
  let keyNode: Node | null = null;
  let complete = true;
  for (const part of path) {
    keyNode = null;
    if (isMap(node)) {
      const pair: Pair<unknown, unknown> | undefined = node.items.find((p) => isPair(p) && keyOf(p) === String(part));
      if (!pair) {
        complete = false;
        break;
      }
      keyNode = isScalar(pair.key) ? pair.key : null;
      if (!pair.value) {
        node = keyNode;
        complete = false;
        break;
      }
      node = pair.value as Node;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part];
      if (!item) {
        complete = false;
        break;
      }
      node = item as Node;
    } else {
      complete = false;
      break;
    }
  }
  return { node, keyNode, complete };
}

function keyOf(pair: Pair<unknown, unknown>): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return undefined;
}
