/**
 * Today's spreadsheets into list files. A sheet is read as published lists
 * are laid out: 附件 and title rows, a header row (or two, a group cell over
 * its sub-headers), category cells merged down, header rows repeated on every
 * page, a 备注 block under the table. Each data row becomes one entry with its
 * fields in schema order; every row that does not fit the kind's schema is
 * reported at its cell (Sheet1!12:F) and still written as typed, so that
 * nothing is dropped without a word.
 */
import { Document, isMap, isScalar, isSeq, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { fromPointer, type MessageData, type Severity } from '../core/diagnostics.js';
import { Entry } from '../core/entry.js';
import { renderMessage, type Lang } from '../core/messages.js';
import type { Kind } from '../kinds/registry.js';
import { SourceFile } from '../load/source.js';
import { compileSchema } from '../validate/ajv.js';
import { schemaProblems } from '../validate/index.js';
import { canonicalize, canonicalText } from '../fmt/canonical.js';
import { KindRegistry } from '../kinds/registry.js';
import { cellToValue, oneItemPerLine } from './cells.js';
import { foldHeader, HeaderMatcher, importableFields } from './headers.js';
import { columnLetter, type CellValue, type GridCell, type Sheet } from './read.js';
import './messages.js';

/** How far down the header row is looked for. */
const HEADER_SEARCH_ROWS = 15;

/** A place in the spreadsheet: sheet, 1-based row, column letter. */
export interface CellRef {
  sheet: string;
  row?: number;
  column?: string;
}

export interface ImportProblem {
  where: CellRef;
  severity: Severity;
  ruleId: string;
  messageId: string;
  data: MessageData;
}

export interface ImportedEntry {
  /** 1-based row of the sheet. */
  row: number;
  /** Fields in schema order, as typed where they did not convert. */
  data: Record<string, unknown>;
  /** Cells of columns that map to no field: kept as a comment above the entry. */
  unknown: { header: string; text: string }[];
}

export interface SheetImport {
  sheet: string;
  /** 1-based first and last header row. */
  headerRows: [number, number] | undefined;
  entries: ImportedEntry[];
  problems: ImportProblem[];
}

export interface ImportSettings {
  kind: Kind;
  /** Configured header → field mapping for this kind. */
  mapping?: Readonly<Record<string, string>>;
  /** File-level defaults (the department), merged in for validation. */
  defaults?: Readonly<Record<string, unknown>>;
  /** Configured credit grades (sampling rows read "A级" as A). */
  creditGrades?: readonly string[];
}

interface Binding {
  col: number;
  header: string;
  field?: string;
  ignored?: boolean;
}

interface HeaderBlock {
  top: number;
  row: number;
  bindings: Binding[];
  score: number;
}

export function mappingProblems(settings: ImportSettings): ImportProblem[] {
  const { kind, mapping = {} } = settings;
  return Object.entries(mapping)
    .filter(([, field]) => !kind.fieldSchema(field))
    .map(([header, field]) => ({
      where: { sheet: `import.${kind.name}` },
      severity: 'error' as const,
      ruleId: 'import',
      messageId: 'bad-mapping',
      data: { kind: kind.name, kindTitle: kind.title, header, field },
    }));
}

/** The sheet whose header is recognised best (the first on a tie). */
export function chooseSheet(sheets: readonly Sheet[], settings: ImportSettings): Sheet | undefined {
  const matcher = new HeaderMatcher(settings.kind, settings.mapping);
  let best: Sheet | undefined;
  let bestScore = -1;
  for (const sheet of sheets) {
    const score = findHeader(sheet, matcher)?.score ?? 0;
    if (score > bestScore) {
      best = sheet;
      bestScore = score;
    }
  }
  return best;
}

export function importSheet(sheet: Sheet, settings: ImportSettings): SheetImport {
  const { kind, defaults = {} } = settings;
  const matcher = new HeaderMatcher(kind, settings.mapping);
  const problems: ImportProblem[] = [];
  const at = (row?: number, col?: number): CellRef => ({ sheet: sheet.name, row, column: col === undefined ? undefined : columnLetter(col) });
  const header = findHeader(sheet, matcher);
  if (!header || header.score < Math.min(2, kind.columns.length)) {
    const examples = kind.columns.slice(0, 3).map((c) => `“${c.header}”`).join('、');
    problems.push({ where: at(), severity: 'error', ruleId: 'import', messageId: 'no-header', data: { kind: kind.title, kind_en: kind.titleEn, rows: HEADER_SEARCH_ROWS, examples } });
    return { sheet: sheet.name, headerRows: undefined, entries: [], problems };
  }

  const columnOf = new Map<string, number>();
  for (const b of header.bindings) {
    if (!b.field) continue;
    const first = columnOf.get(b.field);
    if (first === undefined) {
      columnOf.set(b.field, b.col);
      continue;
    }
    const firstHeader = header.bindings.find((x) => x.col === first)!.header;
    problems.push({ where: at(header.row + 1, b.col), severity: 'warning', ruleId: 'import', messageId: 'duplicate-column', data: { header: b.header, first: firstHeader, field: kind.fieldTitle(b.field), field_en: b.field } });
    b.field = undefined;
  }
  const dataRows = sheet.rows.slice(header.row + 1);
  const unknownColumns = header.bindings.filter((b) => !b.field && !b.ignored && (b.header !== '' || dataRows.some((r) => textOf(r[b.col]?.value) !== '')));
  for (const b of unknownColumns) {
    if (b.header === '') b.header = `列${columnLetter(b.col)}`;
    if (!problems.some((p) => p.where.column === columnLetter(b.col))) {
      problems.push({ where: at(header.row + 1, b.col), severity: 'warning', ruleId: 'import', messageId: 'unknown-column', data: { header: b.header } });
    }
  }
  const missing = new Set<string>();
  for (const field of kind.entrySchema.required ?? []) {
    const bound = [...columnOf.keys()].some((f) => f === field || f.startsWith(field + '.'));
    if (!bound && defaults[field] === undefined) {
      missing.add(field);
      const department = field === 'department' || field === 'departments';
      const hint = department ? { hint: '，或用 --department 给出文件级默认值', hint_en: ', or give a file-level default with --department' } : { hint: '', hint_en: '' };
      problems.push({ where: at(header.row + 1), severity: 'error', ruleId: 'import', messageId: 'missing-column', data: { field: kind.fieldTitle(field), key: field, ...hint } });
    }
  }

  const validate = compileSchema(kind.entrySchema);
  const lineColumns = new Set([...columnOf.values()].filter((col) => oneItemPerLine(dataRows.map((r) => textOf(r[col]?.value)))));
  const firstCol = Math.min(...header.bindings.filter((b) => b.header !== '').map((b) => b.col));
  const fields = importableFields(kind)
    .filter((field) => columnOf.has(field))
    .map((field) => {
      const col = columnOf.get(field)!;
      return { field, col, schema: kind.fieldSchema(field), options: { tokens: isTokenField(kind, field), lines: lineColumns.has(col), creditGrades: settings.creditGrades } };
    });
  const entries: ImportedEntry[] = [];
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    if (isNoteRow(cells, firstCol)) break;
    const typed = header.bindings.some((b) => !b.ignored && cells[b.col]?.value !== undefined && !cells[b.col]!.merged);
    if (!typed) {
      // A 序号 alone, or a section heading ("一、餐饮服务") merged across the row: not an entry, but say so.
      const text = cells.filter((c) => c?.value !== undefined && !c.merged).map((c) => textOf(c.value));
      if (text.length > 0) problems.push({ where: at(r + 1), severity: 'warning', ruleId: 'import', messageId: 'skipped-row', data: { text: text.join(' ') } });
      continue;
    }
    if (isRepeatedHeader(cells, sheet, header)) continue;

    const data: Record<string, unknown> = {};
    for (const { field, col, schema, options } of fields) {
      const converted = cellToValue(cells[col]?.value, schema, options);
      if (converted !== undefined) setPath(data, field, converted);
    }
    const unknown = unknownColumns
      .map((b) => ({ header: b.header, text: textOf(cells[b.col]?.value) }))
      .filter((u) => u.text !== '');
    const index = entries.length;
    const merged = { ...defaults, ...data };
    if (!validate(merged)) problems.push(...rowProblems(kind, validate, merged, data, index, sheet.name, r + 1, columnOf, missing));
    entries.push({ row: r + 1, data, unknown });
  }
  if (entries.length === 0) problems.push({ where: at(header.row + 1), severity: 'warning', ruleId: 'import', messageId: 'no-rows', data: {} });
  return { sheet: sheet.name, headerRows: [header.top + 1, header.row + 1], entries, problems };
}

/**
 * The header row: of the first rows, the one whose cells name the most
 * distinct fields (the earliest on a tie). A cell that names no field may
 * take its name from the cell above it (the upper row of a two-row header),
 * or from both together.
 */
function findHeader(sheet: Sheet, matcher: HeaderMatcher): HeaderBlock | undefined {
  let best: HeaderBlock | undefined;
  const last = Math.min(HEADER_SEARCH_ROWS, sheet.rows.length);
  for (let r = 0; r < last; r++) {
    const row = sheet.rows[r] ?? [];
    const upper = r > 0 ? (sheet.rows[r - 1] ?? []) : [];
    const width = Math.max(row.length, upper.length);
    const bindings: Binding[] = [];
    let usesUpper = false;
    for (let c = 0; c < width; c++) {
      const own = textOf(row[c]?.value);
      const up = textOf(upper[c]?.value);
      const candidates: [string, boolean][] = [[own, false]];
      if (up !== '' && up !== own) candidates.push([up, true], [up + own, true]);
      let binding: Binding = { col: c, header: own || up };
      for (const [text, fromUpper] of candidates) {
        const m = matcher.match(text);
        if (!m) continue;
        binding = 'field' in m ? { col: c, header: text, field: m.field } : { col: c, header: text, ignored: true };
        usesUpper ||= fromUpper;
        break;
      }
      bindings.push(binding);
    }
    const score = new Set(bindings.map((b) => b.field).filter(Boolean)).size;
    if (!best || score > best.score) {
      const mergedDown = row.some((cell, c) => cell?.merged && textOf(cell.value) === textOf(upper[c]?.value) && cell.value !== undefined);
      best = { top: usesUpper || mergedDown ? r - 1 : r, row: r, bindings, score };
    }
  }
  return best;
}

/** A 备注/注：/说明： block below the table starts in its first column. */
function isNoteRow(cells: readonly GridCell[], firstCol: number): boolean {
  const c = cells.findIndex((cell) => textOf(cell?.value) !== '');
  if (c < 0 || c > firstCol) return false;
  return /^(备\s*注|注\s*[:：\d]|说\s*明\s*[:：]|填[表报]说明)/.test(textOf(cells[c]!.value));
}

/** A header row repeated on a later page: most named cells equal a header cell of their column. */
function isRepeatedHeader(cells: readonly GridCell[], sheet: Sheet, header: HeaderBlock): boolean {
  const named = header.bindings.filter((b) => b.field || b.ignored);
  let same = 0;
  for (const b of named) {
    const text = foldHeader(textOf(cells[b.col]?.value));
    if (text === '') continue;
    for (let r = header.top; r <= header.row; r++) {
      if (foldHeader(textOf(sheet.rows[r]?.[b.col]?.value)) === text) {
        same++;
        break;
      }
    }
  }
  return same >= Math.max(2, Math.ceil(named.length / 2));
}

/** Schema problems of one row, each at the cell of its field. */
function rowProblems(
  kind: Kind,
  validate: ValidateFunction,
  merged: Record<string, unknown>,
  own: Record<string, unknown>,
  index: number,
  sheet: string,
  row: number,
  columnOf: ReadonlyMap<string, number>,
  missing: ReadonlySet<string>,
): ImportProblem[] {
  const file = new SourceFile(sheet, sheet, '');
  const entry = new Entry(kind, file, index, merged, new Set(Object.keys(own)), false);
  const found: { col: number | undefined; problem: ImportProblem }[] = [];
  for (const d of schemaProblems(entry, (validate.errors ?? []) as ErrorObject[])) {
    const path = d.messageId === 'required' ? String(d.data.key).split('.') : fromPointer(d.location?.pointer ?? '').slice(2);
    if (d.messageId === 'required' && path.length === 1 && missing.has(path[0]!)) continue;
    const col = columnFor(path, columnOf);
    const problem = { where: { sheet, row, column: col === undefined ? undefined : columnLetter(col) }, severity: d.severity, ruleId: d.ruleId, messageId: d.messageId, data: d.data };
    found.push({ col, problem });
  }
  // Left to right along the row, as the user reads it.
  return found.sort((a, b) => (a.col ?? -1) - (b.col ?? -1)).map((f) => f.problem);
}

/** The column of the longest bound field path that starts the data path. */
function columnFor(path: readonly string[], columnOf: ReadonlyMap<string, number>): number | undefined {
  const names = path.filter((p) => !/^\d+$/.test(p));
  for (let n = names.length; n > 0; n--) {
    const col = columnOf.get(names.slice(0, n).join('.'));
    if (col !== undefined) return col;
  }
  const prefix = names.join('.');
  for (const [field, col] of columnOf) if (prefix !== '' && field.startsWith(prefix + '.')) return col;
  return undefined;
}

/** Arrays of enum values, ids or numbers split on any separator; arrays of text items more carefully. */
function isTokenField(kind: Kind, field: string): boolean {
  const items = kind.fieldSchema(field)?.items;
  if (!items) return false;
  if (items.enum || items.type !== 'string') return true;
  return kind.references.some((r) => r.field === field && (r.form ?? 'id') === 'id');
}

function setPath(data: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = data;
  for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
  target[parts[parts.length - 1]!] = value;
}

function textOf(value: CellValue | undefined): string {
  if (value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** `Sheet1!12:F` */
export function formatCellRef(where: CellRef): string {
  if (where.row === undefined) return where.sheet;
  return `${where.sheet}!${where.row}${where.column ? ':' + where.column : ''}`;
}

export function problemMessage(p: ImportProblem, lang: Lang): string {
  return renderMessage(p.ruleId, p.messageId, p.data, lang);
}

/** The field that holds an entry's department, for --department. */
export function departmentDefault(kind: Kind, department: string): Record<string, unknown> | undefined {
  const schema = kind.fieldSchema('department');
  if (schema && schema.type === 'string') return { department };
  const many = kind.fieldSchema('departments');
  if (many && many.type === 'array') return { departments: [department] };
  return undefined;
}

export interface YamlSource {
  /** The spreadsheet as the user named it. */
  file: string;
  sheet: string;
  headerRows?: [number, number];
}

/**
 * The list file: a comment naming the source, `kind:`, the defaults, and the
 * entries in canonical layout (what `qingdan fmt` writes). Values equal to a
 * default are left to the default; cells of unknown columns become a comment
 * above their entry. Short lists of words and small objects are written in
 * flow style (`[现场检查, 书面检查]`), like hand-written lists.
 */
export function importedYaml(kind: Kind, entries: readonly ImportedEntry[], defaults: Readonly<Record<string, unknown>>, source: YamlSource): string {
  const rows = entries.map((e) => {
    const data = { ...e.data };
    for (const [k, v] of Object.entries(defaults)) if (JSON.stringify(data[k]) === JSON.stringify(v)) delete data[k];
    return data;
  });
  const doc = new Document({ kind: kind.name, ...defaults, entries: rows });
  const rowsText = source.headerRows ? (source.headerRows[0] === source.headerRows[1] ? `第 ${source.headerRows[0]} 行` : `第 ${source.headerRows[0]}–${source.headerRows[1]} 行`) : '';
  const place = [source.sheet === source.file ? '' : `工作表“${source.sheet}”`, rowsText ? `表头${rowsText}` : ''].filter(Boolean).join('，');
  doc.commentBefore = [
    ` 由 qingdan import 从“${commentText(source.file)}”${place ? `（${commentText(place)}）` : ''}导入。`,
    ' 请核对导入的内容，然后运行 qingdan validate。',
  ].join('\n');
  const top = doc.contents as YAMLMap<string, unknown>;
  const seq = top.get('entries', true) as unknown as YAMLSeq;
  seq.items.forEach((node, i) => {
    const unknown = entries[i]!.unknown;
    if (unknown.length > 0) {
      (node as YAMLMap).commentBefore = unknown.map((u) => ` 未导入的列“${commentText(u.header)}”：${commentText(u.text).replace(/\n/g, '\n   ')}`).join('\n');
    }
    for (const pair of (node as YAMLMap).items) flowSmallCollections(pair.value);
  });
  for (const key of Object.keys(defaults)) flowSmallCollections(top.get(key, true));
  canonicalize(doc, new KindRegistry([kind]));
  return canonicalText(doc);
}

/**
 * Cell text in a comment: YAML escapes control characters in values but not
 * in comments, and a NUL or an escape sequence there would make the file
 * unreadable as text (the loader refuses it) or act on a terminal. They are
 * written as \uXXXX, so that nothing is lost.
 */
function commentText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Short arrays of words and small objects of scalars (approval, sampling rows) go on one line. */
function flowSmallCollections(node: unknown): void {
  if (isSeq(node)) {
    if (node.items.every(isScalar)) {
      const texts = node.items.map((item) => String((item as Scalar).value));
      node.flow = texts.reduce((sum, t) => sum + t.length + 2, 0) <= 40 && texts.every((t) => !t.includes('\n'));
    } else for (const item of node.items) flowSmallCollections(item);
  } else if (isMap(node)) {
    const texts = node.items.map((p) => (isScalar(p.value) ? `${String((p.key as Scalar).value)}: ${String(p.value.value)}` : undefined));
    node.flow = texts.every((t) => t !== undefined && !t.includes('\n')) && texts.join(', ').length <= 60;
    if (!node.flow) for (const pair of node.items) flowSmallCollections(pair.value);
  }
}
