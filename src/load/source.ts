/**
 * A list file as loaded: its text, its parsed data, and the way back from a
 * path into the data to a line and column in the text (Spectral's approach:
 * rules give paths, the core finds the nearest node that exists).
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, Scalar, type Document, type Node, type Pair } from 'yaml';
import { toPointer, type SourceLocation } from '../core/diagnostics.js';

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

export class SourceFile {
  /** Parsed data, once the file has been read and parsed without fatal errors. */
  data: ListFileData | undefined;

  constructor(
    /** Absolute path. */
    readonly path: string,
    /** Path as shown to the user. */
    readonly display: string,
    /** The decoded text ('' when the file could not be read). */
    readonly text: string,
    private readonly doc?: Document.Parsed,
    private readonly lineCounter: LineCounter = new LineCounter(),
  ) {}

  /** The location of a range of UTF-16 offsets. */
  rangeLocation(start: number, end: number, pointer = ''): SourceLocation {
    const a = this.linePos(start);
    const b = this.linePos(Math.max(start, end));
    return { file: this.display, line: a.line, column: a.col, endLine: b.line, endColumn: b.col, pointer };
  }

  private linePos(offset: number): { line: number; col: number } {
    if (this.lineCounter.lineStarts.length === 0) {
      // Not parsed with this counter (unreadable or fatal file): count lines here.
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) this.lineCounter.addNewLine(i + 1);
      this.lineCounter.addNewLine(0);
    }
    return this.lineCounter.linePos(offset);
  }

  /**
   * The node at a path, or its nearest existing ancestor. `target: 'key'`
   * points at the key of the last mapping pair instead of its value.
   */
  locate(path: DataPath, target: 'value' | 'key' = 'value'): SourceLocation {
    const pointer = toPointer(path);
    if (!this.doc?.contents) return this.rangeLocation(0, 0, pointer);
    let node: Node | null = this.doc.contents;
    let keyNode: Node | null = null;
    for (const part of path) {
      keyNode = null;
      if (isMap(node)) {
        const pair: Pair<unknown, unknown> | undefined = node.items.find((p) => isPair(p) && keyOf(p) === String(part));
        if (!pair) break;
        keyNode = isScalar(pair.key) ? pair.key : null;
        if (!pair.value) {
          node = keyNode;
          break;
        }
        node = pair.value as Node;
      } else if (isSeq(node) && typeof part === 'number') {
        const item = node.items[part];
        if (!item) break;
        node = item as Node;
      } else break;
    }
    const chosen = target === 'key' && keyNode ? keyNode : node;
    const range = chosen?.range;
    if (!range) return this.rangeLocation(0, 0, pointer);
    return this.rangeLocation(range[0], range[1], pointer);
  }

  /** The exact location of characters [start, end) of a string value, when its source spells it out verbatim. */
  locateInString(path: DataPath, start: number, end: number): SourceLocation {
    const whole = this.locate(path);
    const node = this.doc?.getIn(path as (string | number)[], true);
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return whole;
    const [from, to] = node.range;
    const source = this.text.slice(from, to);
    let offset: number | undefined;
    if (node.type === Scalar.PLAIN && source === node.value) offset = from;
    else if ((node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) && source.slice(1, -1) === node.value) offset = from + 1;
    if (offset === undefined) return whole;
    return this.rangeLocation(offset + start, offset + end, whole.pointer);
  }

  /** Is this path present in the file? */
  has(path: DataPath): boolean {
    return this.doc?.hasIn(path as (string | number)[]) ?? false;
  }
}

function keyOf(pair: Pair<unknown, unknown>): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return undefined;
}
