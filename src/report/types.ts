import type { SourceLines } from '../core/codeframe.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Lang } from '../core/messages.js';

export type { SourceLines };

/** Source text by displayed file path (a Map will do; a catalog's reads a file only when asked for it). */
export interface SourceTexts {
  get(file: string): string | undefined;
  /**
   * The file's lines (split at LF or CRLF), where they are known without its
   * whole text: a re-check keeps only the lines its diagnostics are on
   * (KeptLines), and gives them without reading the file.
   */
  lines?(file: string): SourceLines | undefined;
}

export interface ReportContext {
  lang: Lang;
  /** Source text by displayed file path, for code frames. */
  sources: SourceTexts;
  color: boolean;
  /** What the run was: 'validate', 'check' … */
  command: string;
  toolVersion: string;
}

/**
 * A formatter turns the diagnostics of a run into the text of a report, in
 * pieces written out in turn: a report of a million entries' findings is
 * hundreds of megabytes, and is never held whole (formatReport() joins them).
 */
export type Formatter = (diagnostics: readonly Diagnostic[], context: ReportContext) => Iterable<string>;

/** The whole report as one string. */
export function formatReport(formatter: Formatter, diagnostics: readonly Diagnostic[], context: ReportContext): string {
  let text = '';
  for (const piece of formatter(diagnostics, context)) text += piece;
  return text;
}

/**
 * JSON.stringify(value, null, 2), in pieces, of a value whose last text is the
 * array `key` (left empty in `value`; its property line indented `depth`
 * levels): the text before the array, then each of `items` (indented as it
 * would be), then the rest. The same characters as the whole at once.
 */
export function* jsonWithArray(value: unknown, key: string, items: Iterable<unknown>, depth: number): Generator<string> {
  const marker = `"${key}": []`;
  const whole = JSON.stringify(value, null, 2);
  const at = whole.lastIndexOf(marker);
  const indent = '  '.repeat(depth + 1);
  let first = true;
  for (const item of items) {
    const text = JSON.stringify(item, null, 2).replace(/\n/g, `\n${indent}`);
    yield (first ? `${whole.slice(0, at)}"${key}": [\n` : ',\n') + indent + text;
    first = false;
  }
  yield first ? whole + '\n' : `\n${'  '.repeat(depth)}]${whole.slice(at + marker.length)}\n`;
}

export function* mapped<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}
