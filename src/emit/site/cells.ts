/**
 * An entry as table cells: every value as text parts, the parts that name
 * another entry (a department, a supervision item, a law) linked to its page.
 * Links are built from the site's own file names and anchors, never from a
 * URL written in the data.
 *
 * A site of a hundred thousand entries formats millions of values, so the
 * formatter walks each value once, with its schema beside it, and writes
 * straight into the cell: neighbouring plain parts are joined as they come,
 * and a separator or a field title is only written once the value after it
 * turns out to give text.
 */
import type { Entry } from '../../core/entry.js';
import type { JsonSchemaObject } from '../../kinds/index.js';
import type { Kind, ResolvedColumn } from '../../kinds/registry.js';
import type { Catalog, Reference } from '../../link/index.js';

export interface Part {
  text: string;
  href?: string;
}
export type Cell = Part[];

/**
 * A cell as the site plan keeps it for every entry of the build: a cell of
 * one plain part as its text, any other as its parts. A hundred thousand rows
 * keep a million cells; most are one piece of text.
 */
export type StoredCell = string | Cell;

/** A stored cell as templates see it. */
export function cellOf(stored: StoredCell): Cell {
  return typeof stored === 'string' ? [{ text: stored }] : stored;
}

/** Where linked entries live, as hrefs relative to a page at `root` ('' or '../'). */
export interface Linker {
  entryHref(entry: Entry, root: string): string | undefined;
  departmentHref(department: Entry, root: string): string | undefined;
}

const YES = '是';
const NO = '否';

/** The field a kind names its own (responsible) department in: `department`, `departments`, else its first department reference. */
export function primaryDepartmentField(kind: Kind): string | undefined {
  const refs = kind.references.filter((r) => r.to === 'departments');
  return (refs.find((r) => r.field === 'department' || r.field === 'departments') ?? refs[0])?.field;
}

/** The field a kind's entries are grouped by: `category` when the kind has one, else its first merged column. */
export function categoryField(kind: Kind): string | undefined {
  if (kind.entrySchema.properties?.category) return 'category';
  return kind.columns.find((c) => c.merge)?.field;
}

/** The entry's code (its code field, else its key). */
export function entryCode(entry: Entry): string | undefined {
  const code = entry.kind.codeField ? entry.get(entry.kind.codeField) : undefined;
  if (typeof code === 'string' && code !== '') return code;
  if (typeof code === 'number') return String(code);
  return entry.key;
}

const LABEL_FIELDS = ['name', 'title', 'violation', 'task', 'content'];
const LABEL_LENGTH = 100;

/** What a search result shows: the entry's name (or title, violation …), else its code or key. */
export function entryLabel(entry: Entry): string {
  for (const field of LABEL_FIELDS) {
    const v = entry.data[field];
    if (typeof v === 'string' && v !== '') return v.length > LABEL_LENGTH ? `${v.slice(0, LABEL_LENGTH)}…` : v;
  }
  return entryCode(entry) ?? entry.label;
}

export interface EntryDepartments {
  /** Departments responsible for the entry (its primary department field). */
  primary: Entry[];
  /** Other roles: the approving department, joint inspectors …, by field. */
  secondary: { department: Entry; field: string }[];
}

/** A column's field path, split once, and its schema. */
interface ColumnPath {
  path: string[];
  field: string;
  schema: JsonSchemaObject | undefined;
}

/** The header line of a records table, for the last set of keys seen with a schema. */
interface RecordsHeader {
  keys: string[];
  text: string;
}

const NO_REFS: readonly Reference[] = [];

const NUMBER_LABELS: string[] = [];

/** What comes before the (n+1)th point of a numbered list: `1. `, then `\n2. ` … */
function numberLabel(n: number): string {
  return (NUMBER_LABELS[n] ??= n === 0 ? '1. ' : `\n${n + 1}. `);
}

const DIGITS = /^\d+$/;

/** The schema of a child value, as Kind.fieldSchema steps through a path: an index (or a key of digits) into items, else into properties. */
function childSchema(schema: JsonSchemaObject | undefined, key: string | number): JsonSchemaObject | undefined {
  if (!schema) return undefined;
  if (typeof key === 'number' || DIGITS.test(key)) return schema.items;
  return schema.properties?.[key];
}

/** References in a string by start, the longer first at the same start (stable, as Array#sort; lists of a few). */
function byPosition(refs: readonly Reference[]): Reference[] {
  const out = refs.slice();
  for (let i = 1; i < out.length; i++) {
    const ref = out[i]!;
    let j = i;
    while (j > 0 && (out[j - 1]!.start! - ref.start! || ref.end! - out[j - 1]!.end!) > 0) {
      out[j] = out[j - 1]!;
      j--;
    }
    out[j] = ref;
  }
  return out;
}

/** Two path elements name the same step (an index may be a number on one side and a string on the other). */
function sameStep(a: string | number, b: string | number): boolean {
  return a === b || (typeof a !== typeof b && String(a) === String(b));
}

export class EntryFormatter {
  private readonly primaryField = new Map<string, string | undefined>();
  private readonly columnPaths = new Map<readonly ResolvedColumn[], { kind: Kind; columns: ColumnPath[] }>();
  private readonly propertyOrder = new WeakMap<JsonSchemaObject, string[]>();
  private readonly recordsHeaders = new WeakMap<JsonSchemaObject, RecordsHeader>();
  private readonly emptyHeaderCache = new Map<string, string>();
  /** A field's title as written before its value: first, and after another field. */
  private readonly fieldLabels = new Map<string, [string, string]>();
  private lastRecords: { schema: JsonSchemaObject | undefined; header: string; keys: string[]; rows: number; values: unknown[]; text: string } | undefined;
  // Many entries name the same departments and laws: resolve each name once.
  private readonly resolvedDepartments = new Map<string, Entry | undefined>();
  private readonly canonicalDepartments = new Map<string, string | undefined>();
  private readonly resolvedLaws = new Map<string, Entry | undefined>();

  /** While the plan is made: called with each kept part that links to an entry (not a department), and that entry. */
  private onEntryLink: ((part: Part, target: Entry) => void) | undefined;

  // The cell being written: its parts, the plain text not yet closed into a part, text waiting for the next part.
  /** The cell's parts so far (the first partCount of them). */
  private readonly parts: Part[] = [];
  private partCount = 0;
  /** The cell's links to entries and their targets (the first linkCount), for onEntryLink. */
  private readonly linkedParts: Part[] = [];
  private readonly linkTargets: Entry[] = [];
  private linkCount = 0;
  /** Cells of one link, by href and text, while the plan is made. */
  private readonly linkCells = new Map<string, Map<string, Cell>>();
  private text: string | undefined;
  private pieces: string[] | undefined;
  private deferred = '';
  /** Parts written so far (a value that adds none is left out with its separator and title). */
  private written = 0;
  // The entry being formatted, its references and the path of the value at hand.
  private refs: readonly Reference[] = NO_REFS;
  private readonly path: (string | number)[] = [];
  private depth = 0;
  /** The distinct first steps of the entry's reference paths (scratch). */
  private readonly starts: (string | number)[] = [];
  private root = '';
  // The last entry's references: planning asks for its departments, then its cells.
  private refsEntry: Entry | undefined;
  private refsOfEntry: readonly Reference[] = NO_REFS;

  constructor(
    private readonly catalog: Catalog,
    private readonly linker: Linker,
  ) {}

  /**
   * The plan's rows are made between startPlan and endPlan: links to entries are
   * reported (their pages are not all known yet), and a cell of one link is kept
   * once for every row that has it.
   */
  startPlan(onEntryLink: (part: Part, target: Entry) => void): void {
    this.onEntryLink = onEntryLink;
  }

  endPlan(): void {
    this.onEntryLink = undefined;
    this.linkCells.clear();
    this.linkCount = 0;
  }

  /** One cell per column. */
  cells(entry: Entry, columns: readonly ResolvedColumn[], root: string): Cell[] {
    return this.row(entry, columns, root).map(cellOf);
  }

  /** One cell per column, as the plan keeps them. */
  row(entry: Entry, columns: readonly ResolvedColumn[], root: string): StoredCell[] {
    const cols = this.columnsOf(entry.kind, columns);
    this.root = root;
    const out: StoredCell[] = new Array(cols.length);
    const path = this.path;
    const refs = this.references(entry);
    // The fields references start in (a few): only a column in one of them looks for references at all.
    const starts = this.starts;
    let startCount = 0;
    for (const ref of refs) {
      const first = ref.path[0]!;
      let known = false;
      for (let i = 0; i < startCount && !known; i++) known = starts[i] === first;
      if (!known) starts[startCount++] = first;
    }
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c]!;
      const value = col.path.length === 1 ? entry.data[col.field] : entry.get(col.field);
      if (value === undefined || value === null) {
        out[c] = [];
        continue;
      }
      for (let i = 0; i < col.path.length; i++) path[i] = col.path[i]!;
      this.depth = col.path.length;
      this.refs = NO_REFS;
      for (let i = 0; i < startCount; i++) {
        if (sameStep(starts[i]!, path[0]!)) {
          this.refs = refs;
          break;
        }
      }
      this.format(value, col.schema);
      out[c] = this.finishCell();
    }
    this.refs = NO_REFS;
    return out;
  }

  /** The departments an entry names, resolved through the department directory (each once, primary first). */
  departments(entry: Entry): EntryDepartments {
    const kind = entry.kind;
    if (!this.primaryField.has(kind.name)) this.primaryField.set(kind.name, primaryDepartmentField(kind));
    const primaryField = this.primaryField.get(kind.name);
    let primary: Entry[] | undefined;
    let secondary: { department: Entry; field: string }[] | undefined;
    const refs = this.references(entry);
    // Primary first, so a department that is also named in another role stays primary.
    for (const ref of refs) {
      if (ref.definition.to !== 'departments' || ref.definition.field !== primaryField) continue;
      const department = this.department(ref.value);
      if (!department) continue;
      if (!primary) primary = [department];
      else if (!primary.includes(department)) primary.push(department);
    }
    for (const ref of refs) {
      if (ref.definition.to !== 'departments' || ref.definition.field === primaryField) continue;
      const department = this.department(ref.value);
      if (!department || primary?.includes(department) || secondary?.some((s) => s.department === department)) continue;
      (secondary ??= []).push({ department, field: ref.definition.field });
    }
    return { primary: primary ?? [], secondary: secondary ?? [] };
  }

  /** The catalog's references of an entry (made anew on each call there): kept for the last entry. */
  references(entry: Entry): readonly Reference[] {
    if (this.refsEntry !== entry) {
      this.refsOfEntry = this.catalog.references(entry);
      this.refsEntry = entry;
    }
    return this.refsOfEntry;
  }

  private columnsOf(kind: Kind, columns: readonly ResolvedColumn[]): ColumnPath[] {
    let cached = this.columnPaths.get(columns);
    if (!cached || cached.kind !== kind) {
      cached = {
        kind,
        columns: columns.map((c) => {
          const path = c.field.split('.');
          return { path, field: c.field, schema: kind.fieldSchema(path) };
        }),
      };
      this.columnPaths.set(columns, cached);
    }
    return cached.columns;
  }

  // --- writing the cell

  /** Plain text (with whatever waits for the next part before it). */
  private plain(text: string): void {
    if (this.deferred !== '') {
      this.append(this.deferred);
      this.deferred = '';
    }
    this.append(text);
    this.written++;
  }

  /** A link, or plain text when the target has no page. */
  private link(text: string, href: string | undefined): Part | undefined {
    if (href === undefined) {
      this.plain(text);
      return undefined;
    }
    if (this.deferred !== '') {
      this.append(this.deferred);
      this.deferred = '';
    }
    const before = this.closeText();
    if (before !== undefined) this.parts[this.partCount++] = { text: before };
    const part = { text, href };
    this.parts[this.partCount++] = part;
    this.written++;
    return part;
  }

  private finishCell(): StoredCell {
    const text = this.closeText();
    this.deferred = '';
    if (this.partCount === 0 && text !== undefined) return text;
    if (text !== undefined) this.parts[this.partCount++] = { text };
    const parts = this.parts;
    const n = this.partCount;
    this.partCount = 0;
    if (n === 0) return [];
    // While the plan is made (onEntryLink set), a cell that is one link is kept once for all the rows that
    // have it (a department, a law, an item: a hundred thousand rows link to a few thousand).
    const onEntryLink = this.onEntryLink;
    if (n === 1 && onEntryLink && parts[0]!.href !== undefined) {
      const part = parts[0]!;
      let byText = this.linkCells.get(part.href!);
      if (!byText) this.linkCells.set(part.href!, (byText = new Map()));
      const known = byText.get(part.text);
      if (known) {
        this.linkCount = 0;
        return known;
      }
      const cell = [part];
      byText.set(part.text, cell);
      this.reportLinks();
      return cell;
    }
    // Cells are kept for the whole build: arrays of their exact size (a grown array keeps room for 17).
    const cell = n === 1 ? [parts[0]!] : n === 2 ? [parts[0]!, parts[1]!] : parts.slice(0, n);
    this.reportLinks();
    return cell;
  }

  /** Tell onEntryLink of the links to entries of a cell that is kept. */
  private reportLinks(): void {
    for (let k = 0; k < this.linkCount; k++) this.onEntryLink!(this.linkedParts[k]!, this.linkTargets[k]!);
    this.linkCount = 0;
  }

  /** Add to the plain text not yet closed into a part. */
  private append(text: string): void {
    if (this.text === undefined) this.text = text;
    else if (this.pieces === undefined) this.pieces = [this.text, text];
    else this.pieces.push(text);
  }

  /** The plain text written since the last part, as one flat string (kept for the whole build: no tree of joined strings). */
  private closeText(): string | undefined {
    const text = this.pieces === undefined ? this.text : this.pieces.join('');
    this.text = undefined;
    this.pieces = undefined;
    return text;
  }

  /**
   * Format a child value with `before` written ahead of it if it gives any part.
   * Returns whether it did; when it did not, what was waiting is left as it was.
   */
  private child(value: unknown, schema: JsonSchemaObject | undefined, before: string): boolean {
    const waiting = this.deferred;
    const count = this.written;
    this.deferred = before === '' ? waiting : waiting + before;
    this.format(value, schema);
    if (this.written !== count) return true;
    this.deferred = waiting;
    return false;
  }

  // --- values

  /** References whose path is the path at hand (plus `extra`, when given), in the catalog's order. */
  private refsHere(extra?: number): readonly Reference[] {
    const refs = this.refs;
    if (refs.length === 0) return NO_REFS;
    const path = this.path;
    const depth = this.depth;
    const length = extra === undefined ? depth : depth + 1;
    let out: Reference[] | undefined;
    for (const ref of refs) {
      const p = ref.path;
      if (p.length !== length) continue;
      let same = true;
      for (let i = 0; i < depth; i++) {
        if (!sameStep(p[i]!, path[i]!)) {
          same = false;
          break;
        }
      }
      if (same && extra !== undefined && !sameStep(p[depth]!, extra)) same = false;
      if (same) (out ??= []).push(ref);
    }
    return out ?? NO_REFS;
  }

  private format(value: unknown, schema: JsonSchemaObject | undefined): void {
    if (value === undefined || value === null) return;
    if (typeof value === 'string') return this.formatString(value, this.refsHere());
    if (typeof value === 'boolean') return this.plain(value ? YES : NO);
    if (typeof value === 'number' || typeof value === 'bigint') return this.plain(String(value));
    const path = this.path;
    if (Array.isArray(value)) {
      if (this.formatRecords(value, schema)) return;
      // Short lists (enumerated values, names of departments) read best on one line.
      let inline = schema?.items?.enum ? true : false;
      if (!inline) for (const ref of this.refsHere(0)) if (ref.start === undefined) inline = true;
      // Points of free text (检查内容) read as a numbered list, one a line, as in the workbook.
      let numbered = !inline && value.length > 1;
      for (let i = 0; numbered && i < value.length; i++) if (i in value && typeof value[i] !== 'string') numbered = false;
      const items = schema?.items;
      const separator = inline ? '、' : '\n';
      let n = 0;
      for (let i = 0; i < value.length; i++) {
        path[this.depth++] = i;
        const before = numbered ? numberLabel(n) : n > 0 ? separator : '';
        if (this.child(value[i], items, before)) n++;
        this.depth--;
      }
      return;
    }
    if (typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const order = this.order(schema);
      let any = false;
      for (const key of order) if (key in record && this.field(record, key, schema, any)) any = true;
      for (const key of Object.keys(record)) if (!order.includes(key) && this.field(record, key, schema, any)) any = true;
      return;
    }
    this.plain(String(value));
  }

  /** A field of a record, after its title (and '，' when a field came before); whether it gave any part. */
  private field(record: Record<string, unknown>, key: string, schema: JsonSchemaObject | undefined, after: boolean): boolean {
    this.path[this.depth++] = key;
    const title = schema?.properties?.[key]?.title ?? key;
    let labels = this.fieldLabels.get(title);
    if (!labels) this.fieldLabels.set(title, (labels = [`${title}：`, `，${title}：`]));
    const gave = this.child(record[key], childSchema(schema, key), labels[after ? 1 : 0]!);
    this.depth--;
    return gave;
  }

  private order(schema: JsonSchemaObject | undefined): string[] {
    if (!schema) return [];
    let order = this.propertyOrder.get(schema);
    if (!order) this.propertyOrder.set(schema, (order = Object.keys(schema.properties ?? {})));
    return order;
  }

  /**
   * A list of records (抽查比例和频次 by credit grade) as a small table in text:
   * the field titles once, then one line of values per record.
   */
  private formatRecords(value: unknown[], schema: JsonSchemaObject | undefined): boolean {
    if (value.length < 2) return false;
    for (const v of value) if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
    const records = value as Record<string, unknown>[];
    const recordSchema = schema?.items;
    const order = this.order(recordSchema);
    const present: string[] = [];
    for (const r of records) for (const k of Object.keys(r)) if (!present.includes(k)) present.push(k);
    const keys: string[] = [];
    for (const k of order) if (present.includes(k)) keys.push(k);
    for (const k of present) if (!order.includes(k)) keys.push(k);
    for (const k of keys) {
      for (const r of records) {
        const v = r[k];
        if (typeof v === 'object' && v !== null) return false;
      }
    }
    const header = this.recordsHeader(recordSchema, keys);
    if (this.refs === NO_REFS) {
      // No reference in this column: the table is text only. Lists repeat their tables (the same ratios for
      // every inspection), so the last table's text serves again when the values are the same.
      this.plain(this.recordsText(recordSchema, header, records, keys));
      return true;
    }
    this.plain(header);
    const path = this.path;
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      path[this.depth++] = i;
      this.plain('\n');
      for (let j = 0; j < keys.length; j++) {
        const k = keys[j]!;
        if (j > 0) this.plain(' / ');
        path[this.depth++] = k;
        const count = this.written;
        this.format(r[k], childSchema(recordSchema, k));
        if (this.written === count) this.plain('—');
        this.depth--;
      }
      this.depth--;
    }
    return true;
  }

  /** The text of a records table whose values are all plain (as the general path formats them); the last one is kept. */
  private recordsText(schema: JsonSchemaObject | undefined, header: string, records: Record<string, unknown>[], keys: string[]): string {
    const last = this.lastRecords;
    if (last && last.schema === schema && last.header === header && last.rows === records.length && last.keys.length === keys.length && keys.every((k, j) => k === last.keys[j])) {
      let same = true;
      let n = 0;
      for (let i = 0; same && i < records.length; i++) {
        const r = records[i]!;
        for (const k of keys) {
          if (r[k] !== last.values[n++]) {
            same = false;
            break;
          }
        }
      }
      if (same) return last.text;
    }
    const values: unknown[] = [];
    const pieces: string[] = [header];
    for (const r of records) {
      pieces.push('\n');
      for (let j = 0; j < keys.length; j++) {
        const v = r[keys[j]!];
        values.push(v);
        if (j > 0) pieces.push(' / ');
        pieces.push(v === undefined || v === null ? '—' : typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? YES : NO) : String(v));
      }
    }
    const text = pieces.join('');
    this.lastRecords = { schema, header, keys, rows: records.length, values, text };
    return text;
  }

  private recordsHeader(schema: JsonSchemaObject | undefined, keys: string[]): string {
    const make = () => `${keys.map((k) => schema?.properties?.[k]?.title ?? k).join(' / ')}：`;
    if (!schema) {
      const signature = keys.join('\u0000');
      let text = this.emptyHeaderCache.get(signature);
      if (text === undefined) this.emptyHeaderCache.set(signature, (text = make()));
      return text;
    }
    const last = this.recordsHeaders.get(schema);
    if (last && last.keys.length === keys.length && last.keys.every((k, i) => k === keys[i])) return last.text;
    const text = make();
    this.recordsHeaders.set(schema, { keys, text });
    return text;
  }

  private formatString(value: string, refs: readonly Reference[]): void {
    if (refs.length === 0) return this.plain(value);
    const whole = refs.find((r) => r.start === undefined);
    if (whole) {
      const target = this.target(whole);
      if (whole.definition.to === 'departments' && target) {
        this.link(this.canonical(whole.value) ?? value, this.linker.departmentHref(target, this.root));
        return;
      }
      this.entryLink(value, target);
      return;
    }
    const sorted = refs.length === 1 ? refs : byPosition(refs);
    let at = 0;
    for (const ref of sorted) {
      if (ref.start! < at) continue; // shared spans (第十二、十三条) and overlaps: link once
      if (ref.start! > at) this.plain(value.slice(at, ref.start));
      const target = this.target(ref);
      const text = value.slice(ref.start, ref.end);
      if (target && ref.definition.to === 'departments') this.link(text, this.linker.departmentHref(target, this.root));
      else this.entryLink(text, target);
      at = ref.end!;
    }
    if (at < value.length) this.plain(value.slice(at));
  }

  private entryLink(text: string, target: Entry | undefined): void {
    const part = this.link(text, target ? this.linker.entryHref(target, this.root) : undefined);
    if (part && this.onEntryLink) {
      this.linkedParts[this.linkCount] = part;
      this.linkTargets[this.linkCount++] = target!;
    }
  }

  /** The entry a reference names, if it resolves. */
  private target(ref: Reference): Entry | undefined {
    const to = ref.definition.to;
    if (to === 'departments') return this.department(ref.value);
    if (to === 'laws' && ref.definition.form === 'citation') {
      let law = this.resolvedLaws.get(ref.value);
      if (law === undefined && !this.resolvedLaws.has(ref.value)) this.resolvedLaws.set(ref.value, (law = this.catalog.laws.resolve(ref.value)?.entry));
      return law;
    }
    return this.catalog.get(to, ref.value);
  }

  private department(name: string): Entry | undefined {
    let department = this.resolvedDepartments.get(name);
    if (department === undefined && !this.resolvedDepartments.has(name)) this.resolvedDepartments.set(name, (department = this.catalog.departments.resolve(name)?.entry));
    return department;
  }

  private canonical(name: string): string | undefined {
    let canonical = this.canonicalDepartments.get(name);
    if (canonical === undefined && !this.canonicalDepartments.has(name)) this.canonicalDepartments.set(name, (canonical = this.catalog.departments.resolve(name)?.canonical));
    return canonical;
  }
}

/** The plain text of a cell (for search and the filter). */
export function cellText(cell: StoredCell): string {
  if (typeof cell === 'string') return cell;
  if (cell.length === 1) return cell[0]!.text;
  let text = '';
  for (const p of cell) text += p.text;
  return text;
}
