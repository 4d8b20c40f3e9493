/**
 * A code frame for terminal output: the offending line with a caret under the
 * right character. CJK characters take two terminal columns, so the caret is
 * placed by display width, not by character count.
 */
import { eastAsianWidth } from 'get-east-asian-width';

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\t') width += 2;
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || isZeroWidth(cp)) width += 0;
    else width += eastAsianWidth(cp);
  }
  return width;
}

function isZeroWidth(cp: number): boolean {
  return (
    (cp >= 0x300 && cp <= 0x36f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    cp === 0xfeff
  );
}

export interface CodeFrameOptions {
  /** Lines of context before and after. */
  context?: number;
  /** The longest line shown; longer lines are cut around the column. */
  maxWidth?: number;
  /** Put before every line of the frame. */
  indent?: string;
}

/**
 * Control characters (C0, DEL, C1: the terminal's escape sequences start with
 * ESC or C1 CSI), line breaks, and invisible or direction-changing characters
 * (zero-width, bidi embeddings, overrides and isolates, the Arabic letter mark).
 */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Text from the lists (or a file name) made safe to print on a terminal, one
 * line: each hidden character shows as "·". A list value could otherwise
 * move the cursor, recolour or clear the screen, hide what follows, or read
 * in a different order than it is (Trojan Source); machine formats (JSON,
 * SARIF …) escape such characters instead and keep the text as it is.
 */
export function terminalText(text: string): string {
  return text.replace(HIDDEN, '\u00b7');
}

/** Show control and invisible characters so the reader sees what the tool sees. */
function visible(line: string): string {
  return terminalText(line.replace(/\t/g, '  '));
}

/** Some of a file's lines: how many it has, and line n (1-based), undefined where not known (shown blank). */
export interface SourceLines {
  readonly count: number;
  line(n: number): string | undefined;
}

/** The lines of the last source framed: a report frames many problems of one file in a row. */
let framed: { text: string; lines: SourceLines } | undefined;
function linesOf(text: string): SourceLines {
  if (framed?.text !== text) {
    const lines = text.split(/\r?\n|\r/);
    framed = { text, lines: { count: lines.length, line: (n) => lines[n - 1] } };
  }
  return framed.lines;
}

/**
 * @param source the whole source, or (some of) its lines
 * @param line 1-based
 * @param column 1-based, in UTF-16 code units
 * @param endColumn 1-based exclusive end on the same line (optional)
 */
export function codeFrame(source: string | SourceLines, line: number, column: number, endColumn?: number, options: CodeFrameOptions = {}): string {
  const context = options.context ?? 1;
  const maxWidth = options.maxWidth ?? 160;
  const indent = options.indent ?? '';
  const lines = typeof source === 'string' ? linesOf(source) : source;
  const first = Math.max(1, line - context);
  const last = Math.min(lines.count, line + context);
  const gutter = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    let src = lines.line(n) ?? '';
    let col = column;
    let end = endColumn;
    if (n === line && src.length > maxWidth) {
      const start = Math.max(0, Math.min(column - 1 - Math.floor(maxWidth / 2), src.length - maxWidth));
      src = (start > 0 ? '…' : '') + src.slice(start, start + maxWidth) + (start + maxWidth < src.length ? '…' : '');
      const shift = start - (start > 0 ? 1 : 0);
      col -= shift;
      if (end !== undefined) end -= shift;
    } else if (src.length > maxWidth) {
      src = src.slice(0, maxWidth) + '…';
    }
    const marker = n === line ? '>' : ' ';
    out.push(`${indent}${marker} ${String(n).padStart(gutter)} | ${visible(src)}`.trimEnd());
    if (n === line) {
      const before = displayWidth(visible(src.slice(0, Math.max(0, col - 1))));
      const spanText = end !== undefined && end > col ? src.slice(col - 1, end - 1) : src.slice(col - 1, col);
      const span = Math.max(1, Math.min(displayWidth(visible(spanText)), 80));
      out.push(`${indent}  ${' '.repeat(gutter)} | ${' '.repeat(before)}${'^'.repeat(span)}`);
    }
  }
  return out.join('\n');
}
