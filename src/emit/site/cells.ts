/**
 * An entry as table cells: every value as text parts, the parts that name
 * another entry (a department, a supervision item, a law) linked to its page.
 * Links are built from the site's own file names and anchors, never from a
 * URL written in the data.
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

/** Where linked entries live, as hrefs relative to a page at `root` ('' or '../'). */
export interface Linker {
  entryHref(entry: Entry, root: string): string | undefined;
  departmentHref(department: Entry, root: string): string | undefined;
}

const YES = '是';
const NO = '否';

function pointerOf(path: readonly (string | number)[]): string {
  return path.join('\u0000');
}

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

export class EntryFormatter {
  private readonly primaryField = new Map<string, string | undefined>();
  private readonly paths = new Map<readonly ResolvedColumn[], string[][]>();
  // Many entries name the same departments and laws: resolve each name once.
  private readonly resolvedDepartments = new Map<string, Entry | undefined>();
  private readonly resolvedLaws = new Map<string, Entry | undefined>();

  constructor(
    private readonly catalog: Catalog,
    private readonly linker: Linker,
  ) {}

  /** One cell per column. */
  cells(entry: Entry, columns: readonly ResolvedColumn[], root: string): Cell[] {
    let paths = this.paths.get(columns);
    if (!paths) this.paths.set(columns, (paths = columns.map((c) => c.field.split('.'))));
    const refs = new Map<string, Reference[]>();
    for (const ref of this.catalog.references(entry)) {
      const key = pointerOf(ref.path);
      const list = refs.get(key);
      if (list) list.push(ref);
      else refs.set(key, [ref]);
    }
    return paths.map((path) => {
      const value = path.length === 1 ? entry.data[path[0]!] : entry.get(path.join('.'));
      return trimParts(this.format(entry, value, path, refs, root));
    });
  }

  /** The departments an entry names, resolved through the department directory (each once, primary first). */
  departments(entry: Entry): EntryDepartments {
    const kind = entry.kind;
    if (!this.primaryField.has(kind.name)) this.primaryField.set(kind.name, primaryDepartmentField(kind));
    const primaryField = this.primaryField.get(kind.name);
    const primary: Entry[] = [];
    const secondary: { department: Entry; field: string }[] = [];
    const seen = new Set<Entry>();
    const refs = this.catalog.references(entry).filter((r) => r.definition.to === 'departments');
    // Primary first, so a department that is also named in another role stays primary.
    for (const pass of [true, false]) {
      for (const ref of refs) {
        if ((ref.definition.field === primaryField) !== pass) continue;
        const department = this.department(ref.value);
        if (!department || seen.has(department)) continue;
        seen.add(department);
        if (pass) primary.push(department);
        else secondary.push({ department, field: ref.definition.field });
      }
    }
    return { primary, secondary };
  }

  private format(entry: Entry, value: unknown, path: (string | number)[], refs: Map<string, Reference[]>, root: string): Part[] {
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') return this.formatString(value, refs.size === 0 ? [] : (refs.get(pointerOf(path)) ?? []), root);
    if (typeof value === 'boolean') return [{ text: value ? YES : NO }];
    if (typeof value === 'number' || typeof value === 'bigint') return [{ text: String(value) }];
    const schema = entry.kind.fieldSchema(path);
    if (Array.isArray(value)) {
      const table = this.formatRecords(entry, value, path, refs, root);
      if (table) return table;
      const inline = inlineList(schema, refs, path);
      // Points of free text (检查内容) read as a numbered list, one a line, as in the workbook.
      const numbered = !inline && value.length > 1 && value.every((v) => typeof v === 'string');
      const out: Part[] = [];
      let n = 0;
      value.forEach((v, i) => {
        const parts = this.format(entry, v, [...path, i], refs, root);
        if (parts.length === 0) return;
        if (out.length > 0) out.push({ text: inline ? '、' : '\n' });
        if (numbered) out.push({ text: `${++n}. ` });
        out.push(...parts);
      });
      return out;
    }
    if (typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const order = Object.keys(schema?.properties ?? {});
      const keys = [...order.filter((k) => k in record), ...Object.keys(record).filter((k) => !order.includes(k))];
      const out: Part[] = [];
      for (const key of keys) {
        const parts = this.format(entry, record[key], [...path, key], refs, root);
        if (parts.length === 0) continue;
        if (out.length > 0) out.push({ text: '，' });
        const title = schema?.properties?.[key]?.title ?? key;
        out.push({ text: `${title}：` }, ...parts);
      }
      return out;
    }
    return [{ text: String(value) }];
  }

  /**
   * A list of records (抽查比例和频次 by credit grade) as a small table in text:
   * the field titles once, then one line of values per record.
   */
  private formatRecords(entry: Entry, value: unknown[], path: (string | number)[], refs: Map<string, Reference[]>, root: string): Part[] | undefined {
    if (value.length < 2 || !value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) return undefined;
    const records = value as Record<string, unknown>[];
    const schema = entry.kind.fieldSchema([...path, 0]);
    const order = Object.keys(schema?.properties ?? {});
    const present = new Set(records.flatMap((r) => Object.keys(r)));
    const keys = [...order.filter((k) => present.has(k)), ...[...present].filter((k) => !order.includes(k))];
    if (keys.some((k) => records.some((r) => typeof r[k] === 'object' && r[k] !== null))) return undefined;
    const out: Part[] = [{ text: `${keys.map((k) => schema?.properties?.[k]?.title ?? k).join(' / ')}：` }];
    records.forEach((r, i) => {
      out.push({ text: '\n' });
      keys.forEach((k, j) => {
        if (j > 0) out.push({ text: ' / ' });
        const parts = this.format(entry, r[k], [...path, i, k], refs, root);
        out.push(...(parts.length > 0 ? parts : [{ text: '—' }]));
      });
    });
    return out;
  }

  private formatString(value: string, refs: readonly Reference[], root: string): Part[] {
    if (refs.length === 0) return [{ text: value }];
    const whole = refs.find((r) => r.start === undefined);
    if (whole) {
      const target = this.target(whole);
      if (whole.definition.to === 'departments' && target) {
        const canonical = this.catalog.departments.resolve(whole.value)?.canonical ?? value;
        return [link(canonical, this.linker.departmentHref(target, root))];
      }
      return [link(value, target ? this.linker.entryHref(target, root) : undefined)];
    }
    const out: Part[] = [];
    let at = 0;
    for (const ref of [...refs].sort((a, b) => a.start! - b.start! || b.end! - a.end!)) {
      if (ref.start! < at) continue; // shared spans (第十二、十三条) and overlaps: link once
      if (ref.start! > at) out.push({ text: value.slice(at, ref.start) });
      const target = this.target(ref);
      const href = target ? (ref.definition.to === 'departments' ? this.linker.departmentHref(target, root) : this.linker.entryHref(target, root)) : undefined;
      out.push(link(value.slice(ref.start, ref.end), href));
      at = ref.end!;
    }
    if (at < value.length) out.push({ text: value.slice(at) });
    return out;
  }

  /** The entry a reference names, if it resolves. */
  private target(ref: Reference): Entry | undefined {
    const to = ref.definition.to;
    if (to === 'departments') return this.department(ref.value);
    if (to === 'laws' && ref.definition.form === 'citation') {
      if (!this.resolvedLaws.has(ref.value)) this.resolvedLaws.set(ref.value, this.catalog.laws.resolve(ref.value)?.entry);
      return this.resolvedLaws.get(ref.value);
    }
    return this.catalog.get(to, ref.value);
  }

  private department(name: string): Entry | undefined {
    if (!this.resolvedDepartments.has(name)) this.resolvedDepartments.set(name, this.catalog.departments.resolve(name)?.entry);
    return this.resolvedDepartments.get(name);
  }
}

function link(text: string, href: string | undefined): Part {
  return href === undefined ? { text } : { text, href };
}

/** Short lists (enumerated values, names of departments) read best on one line. */
function inlineList(schema: JsonSchemaObject | undefined, refs: Map<string, Reference[]>, path: (string | number)[]): boolean {
  if (schema?.items?.enum) return true;
  const first = refs.get(pointerOf([...path, 0]));
  return first !== undefined && first.some((r) => r.start === undefined);
}

/** Merge neighbouring plain parts: fewer, longer text nodes. */
function trimParts(parts: Part[]): Cell {
  const out: Part[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last && last.href === undefined && p.href === undefined) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/** The plain text of a cell (for search and the filter). */
export function cellText(cell: Cell): string {
  return cell.map((p) => p.text).join('');
}
