/**
 * Text to a list file: parse the YAML keeping source positions, turn it into
 * plain data with the alias limit on, and check the file's own shape
 * (a mapping with `kind:`, `entries:` and file-level defaults).
 *
 * Two tiers: most files go the fast path (fast.ts: js-yaml for the data,
 * positions per entry on demand); a file js-yaml cannot read, or that uses a
 * construct where the two parsers could disagree, goes the `yaml` package's
 * whole-document path below, which names every problem at its place. Such a
 * file also gets the entries' text spans when its entries are laid out as
 * the fast path expects (wholeDocumentLayout), so that positions in it are
 * found later by parsing one entry, not the whole file again.
 */
import { LineCounter, parseDocument, YAMLParseError, isMap, isSeq } from 'yaml';
import { describeType, makeDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { closest, suggestionData } from '../core/suggest.js';
import type { Limits } from '../config/index.js';
import type { KindRegistry } from '../kinds/registry.js';
import { parseFast, scanLayout, type EarlierRead, type EntryLayout } from './fast.js';
import { PARSE_OPTIONS, SourceFile } from './source.js';

export interface ParsedFile {
  file: SourceFile;
  diagnostics: Diagnostic[];
  /** The entries' text spans, when known (what a worker or the cache hands on). */
  layout?: EntryLayout;
  /** Known when the fast path read the file: is every number one JSON carries as it is? */
  plainNumbers?: boolean;
  /** When entries were taken from an earlier read (ParseOptions.earlier): for each entry, the earlier one's index, or -1. */
  takenFrom?: number[];
}

export interface ParseOptions {
  /** Try the fast path first (default). */
  fast?: boolean;
  /** Give a file read as a whole document its entries' text spans when it can have them (default). */
  layout?: boolean;
  /** What the fast path read of the file's earlier content: its unchanged entries are taken from it. */
  earlier?: EarlierRead;
}

export function parseListFile(path: string, display: string, text: string, kinds: KindRegistry, limits: Limits, options: ParseOptions = {}): ParsedFile {
  // A value longer than any list cell could need is refused before parsing:
  // parsing it would cost seconds and memory for nothing.
  const longLine = lineLongerThan(text, limits.max_value_length);
  if (longLine !== undefined) {
    const file = new SourceFile(path, display, text);
    return { file, diagnostics: [makeDiagnostic('yaml', 'value-too-long', { limit: limits.max_value_length }, file.rangeLocation(longLine, longLine))] };
  }
  const fast = options.fast === false ? undefined : parseFast(text, options.earlier);
  if (fast) {
    const file = SourceFile.fromLayout(path, display, fast.layout, text);
    const described = describeFile(file, fast.value, new Set(), kinds, limits, [], true, fast.readAnew ?? fast.value);
    return { ...described, layout: fast.layout, plainNumbers: fast.plainNumbers, takenFrom: fast.takenFrom };
  }
  const diagnostics: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter });
  } catch {
    doc = undefined;
  }
  // The parser recurses on nesting: a hostile depth ends in a RangeError, thrown or recorded.
  if (!doc || doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) {
    const file = new SourceFile(path, display, text);
    diagnostics.push(makeDiagnostic('yaml', 'too-deep', { limit: limits.max_depth }, file.rangeLocation(0, 0)));
    return { file, diagnostics };
  }
  const file = new SourceFile(path, display, text, doc, lineCounter);

  // One message per problem: the parser may raise several errors for one bad line.
  const errorLines = new Set<number>();
  for (const error of doc.errors) {
    const d = yamlProblem(file, error, 'error');
    const line = d.location?.line ?? 0;
    if (errorLines.has(line)) continue;
    errorLines.add(line);
    diagnostics.push(d);
  }
  for (const warning of doc.warnings) diagnostics.push(yamlProblem(file, warning, 'warning'));
  // A syntax error inside one entry should not hide the problems of the others:
  // go on, but remember where the errors are so that the broken entries are
  // not validated again (one message per problem, no cascade).
  const errorOffsets = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY').map((e) => e.pos[0]);
  const fatal = doc.errors.some((e) => (e.code !== 'DUPLICATE_KEY' && !isMap(doc.contents)) || !insideEntries(doc.contents, e.pos[0]));
  if (fatal) return { file, diagnostics };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.max_aliases });
  } catch (e) {
    if (e instanceof ReferenceError || /alias/i.test(String(e))) {
      diagnostics.push(makeDiagnostic('yaml', 'alias-bomb', { limit: limits.max_aliases }, file.rangeLocation(0, 0)));
    } else {
      diagnostics.push(makeDiagnostic('yaml', 'too-deep', { limit: limits.max_depth }, file.rangeLocation(0, 0)));
    }
    return { file, diagnostics };
  }
  const broken = brokenEntries(doc.contents, errorOffsets);
  const described = describeFile(file, value, broken, kinds, limits, diagnostics, isMap(doc.contents));
  const layout = options.layout === false || !file.data ? undefined : wholeDocumentLayout(text, doc.contents);
  if (!layout) return described;
  file.useLayout(layout);
  return { ...described, layout };
}

/**
 * The entries' text spans of a file parsed as a whole document, when the line
 * scan of the fast path finds them where the document has them: one `- ` line
 * per entry, each entry's node starting on its line. Entries that hold a
 * syntax error are still located in the whole document (SourceFile).
 */
function wholeDocumentLayout(text: string, contents: unknown): EntryLayout | undefined {
  if (!isMap(contents)) return undefined;
  const entries = contents.get('entries', true);
  if (!isSeq(entries) || entries.flow) return undefined;
  const layout = scanLayout(text, entries.items.length);
  if (!layout) return undefined;
  const aligned = entries.items.every((item, i) => {
    const start = (item as { range?: [number, number, number] } | null)?.range?.[0];
    return start !== undefined && text.lastIndexOf('\n', start - 1) + 1 === layout.bounds[i];
  });
  return aligned ? layout : undefined;
}

/**
 * The file's shape (kind, entries, file-level defaults) checked, and its data
 * set. The limits are checked on `unchecked`: the value, or the parts of it
 * not known to pass them.
 */
function describeFile(
  file: SourceFile,
  value: unknown,
  broken: Set<number>,
  kinds: KindRegistry,
  limits: Limits,
  diagnostics: Diagnostic[],
  mapping = true,
  unchecked = value,
): ParsedFile {
  if (depthExceeds(unchecked, limits.max_depth)) {
    diagnostics.push(makeDiagnostic('yaml', 'too-deep', { limit: limits.max_depth }, file.rangeLocation(0, 0)));
    return { file, diagnostics };
  }
  if (longestString(unchecked) > limits.max_value_length) {
    diagnostics.push(makeDiagnostic('yaml', 'value-too-long', { limit: limits.max_value_length }, file.rangeLocation(0, 0)));
    return { file, diagnostics };
  }

  const kindNames = kinds.names.join(', ');
  if (value === null || value === undefined) {
    diagnostics.push(makeDiagnostic('list', 'empty', {}, file.rangeLocation(0, 0)));
    return { file, diagnostics };
  }
  if (typeof value !== 'object' || Array.isArray(value) || !mapping) {
    diagnostics.push(makeDiagnostic('list', 'not-a-mapping', describeType(value), file.locate([])));
    return { file, diagnostics };
  }
  const top = value as Record<string, unknown>;
  const declared = top.kind;
  const kind = typeof declared === 'string' ? kinds.get(declared) : undefined;
  if (declared === undefined) {
    diagnostics.push(makeDiagnostic('list', 'missing-kind', { kinds: kindNames }, file.locate([])));
  } else if (!kind) {
    const guess = typeof declared === 'string' ? closest(declared, kinds.names) : undefined;
    diagnostics.push(
      makeDiagnostic(
        'list',
        'unknown-kind',
        { kind: String(declared), kinds: kindNames, ...suggestionData(guess) },
        file.locate(['kind']),
      ),
    );
  }

  const entries = top.entries;
  if (entries === undefined) {
    diagnostics.push(makeDiagnostic('list', 'missing-entries', {}, file.locate([])));
  } else if (!Array.isArray(entries)) {
    diagnostics.push(makeDiagnostic('list', 'entries-not-sequence', describeType(entries), file.locate(['entries'])));
  } else if (entries.length > limits.max_entries) {
    diagnostics.push(makeDiagnostic('list', 'too-many-entries', { count: entries.length, limit: limits.max_entries }, file.locate(['entries'])));
    return { file, diagnostics };
  }

  const defaults: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(top)) {
    if (key === 'kind' || key === 'entries') continue;
    if (kind && !kind.fieldNames.includes(key)) {
      const guess = closest(key, kind.fieldNames);
      diagnostics.push(
        makeDiagnostic(
          'list',
          'unknown-default',
          { key, kind: kind.title, kind_en: kind.titleEn, ...suggestionData(guess) },
          file.locate([key], 'key'),
        ),
      );
      continue;
    }
    defaults[key] = v;
  }

  const list = Array.isArray(entries) ? entries : [];
  list.forEach((entry, i) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      diagnostics.push(makeDiagnostic('list', 'entry-not-mapping', describeType(entry), file.locate(['entries', i])));
    }
  });
  file.data = { kind: kind?.name, defaults, entries: list, brokenEntries: broken };
  return { file, diagnostics };
}

/** Is this offset inside the `entries:` sequence? */
function insideEntries(contents: unknown, offset: number): boolean {
  if (!isMap(contents)) return false;
  const entries = contents.get('entries', true);
  return isSeq(entries) && entries.range !== undefined && entries.range !== null && offset >= entries.range[0] && offset <= entries.range[2];
}

/** Indexes of the entries that hold a syntax error. */
function brokenEntries(contents: unknown, offsets: readonly number[]): Set<number> {
  const broken = new Set<number>();
  if (offsets.length === 0 || !isMap(contents)) return broken;
  const entries = contents.get('entries', true);
  if (!isSeq(entries)) return broken;
  entries.items.forEach((item, i) => {
    const range = (item as { range?: [number, number, number] } | null)?.range;
    if (range && offsets.some((o) => o >= range[0] && o <= range[2])) broken.add(i);
  });
  // An error just after an entry's text (an indentation error on the next line) belongs to it too.
  for (const o of offsets) {
    let owner = -1;
    entries.items.forEach((item, i) => {
      const range = (item as { range?: [number, number, number] } | null)?.range;
      if (range && range[0] <= o) owner = i;
    });
    if (owner >= 0) broken.add(owner);
  }
  return broken;
}

function yamlProblem(file: SourceFile, error: YAMLParseError | { code: string; message: string; pos: [number, number] }, severity: 'error' | 'warning'): Diagnostic {
  const [start, end] = error.pos;
  const location = file.rangeLocation(start, end);
  if (error.code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(file.text.slice(start))?.[0].trim() || detail(error.message);
    const keyEnd = start + key.length;
    return makeDiagnostic('yaml', 'duplicate-key', { key }, file.rangeLocation(start, keyEnd), severity);
  }
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' || error.code === 'MULTILINE_IMPLICIT_KEY') {
    // The mistake is the over-indented line after the one the parser names.
    const next = file.text.indexOf('\n', start);
    const lineStart = next >= 0 ? next + 1 : start;
    const indent = /^[ \t]*/.exec(file.text.slice(lineStart))![0].length;
    const at = lineStart + indent;
    const lineEnd = file.text.indexOf('\n', at);
    return makeDiagnostic('yaml', 'indent', {}, file.rangeLocation(at, lineEnd < 0 ? file.text.length : lineEnd), severity);
  }
  if (error.code === 'BAD_INDENT') return makeDiagnostic('yaml', 'indent', { detail: detail(error.message) }, location, severity);
  if (error.code === 'TAB_AS_INDENT') return makeDiagnostic('yaml', 'tab-indent', {}, location, severity);
  return makeDiagnostic('yaml', severity === 'error' ? 'syntax' : 'warning', { detail: detail(error.message), code: error.code }, location, severity);
}

/** The parser's message without its trailing position (we give our own). */
function detail(message: string): string {
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

/** The offset of the first line longer than `limit` characters, if any. */
function lineLongerThan(text: string, limit: number): number | undefined {
  if (text.length <= limit) return undefined;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > limit) return start;
    start = end + 1;
  }
  return undefined;
}

/** The length of the longest string (key or value) in the data. */
function longestString(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object' || depth > 64) return 0;
  let longest = 0;
  if (Array.isArray(value)) for (const v of value) longest = Math.max(longest, longestString(v, depth + 1));
  else for (const [k, v] of Object.entries(value)) longest = Math.max(longest, k.length, longestString(v, depth + 1));
  return longest;
}

/** Is anything nested deeper than the limit? (The recursion stops at the limit, so it cannot overflow.) */
function depthExceeds(value: unknown, limit: number, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth > limit) return true;
  if (Array.isArray(value)) {
    for (const child of value) if (depthExceeds(child, limit, depth + 1)) return true;
  } else {
    for (const key in value) if (depthExceeds((value as Record<string, unknown>)[key], limit, depth + 1)) return true;
  }
  return false;
}
