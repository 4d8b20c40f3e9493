/**
 * The site's plan, made before any page is written: which kinds get pages,
 * every entry's anchor and page, every department's page and sections. Links
 * between pages need it (an inspection links to its item on whatever page the
 * item lands), and it holds only small values, so pages can then be written
 * one at a time.
 */
import type { Entry } from '../../core/entry.js';
import type { Kind } from '../../kinds/registry.js';
import type { Catalog } from '../../link/index.js';
import { categoryField, EntryFormatter, type Cell, type Linker } from './cells.js';
import { escapedBytes, paginate, type Range } from './paginate.js';
import { departmentPageFile, href, listPageFile, slug } from './paths.js';

/** A kind with more categories than this gets no category filter (a select that long helps nobody; text search still works). */
export const MAX_CATEGORIES = 300;

export interface EntryPlace {
  file: string;
  anchor: string;
  /** 1-based page of its kind's list. */
  page: number;
  /** 1-based position in its kind's list (序号). */
  seq: number;
  /** Department indexes (primary), space-separated, for the filter. */
  departments: string;
  /** `<kind index>.<category index>`, or '' without a category. */
  category: string;
}

export class KindPlan {
  pages: Range[] = [];
  readonly categoryField: string | undefined;
  readonly categories: string[] = [];
  readonly categoryIndex = new Map<string, number>();
  /** Departments (indexes) responsible for at least one entry, ascending. */
  departments: number[] = [];
  /** Estimated bytes of each entry's row. */
  rowBytes: Float64Array;
  /** The column that carries the permalink: the kind's own 序号 column, or -1 for an added one. */
  readonly sequenceColumn: number;

  constructor(
    readonly index: number,
    readonly kind: Kind,
    readonly entries: readonly Entry[],
    readonly attachment: number | undefined,
  ) {
    this.categoryField = categoryField(kind);
    this.rowBytes = new Float64Array(entries.length);
    this.sequenceColumn = kind.sequence ? kind.columns.findIndex((c) => c.field === kind.sequence) : -1;
  }

  file(page: number): string {
    return listPageFile(this.kind.name, page);
  }

  get files(): string[] {
    return this.pages.map((_, i) => this.file(i + 1));
  }
}

export interface SectionPlan {
  kind: KindPlan;
  /** The department's role: undefined when responsible, else the field naming it (approval.department …). */
  field: string | undefined;
  title: string;
  entries: Entry[];
}

export interface SectionSlice {
  section: SectionPlan;
  start: number;
  end: number;
}

export interface DepartmentPlan {
  index: number;
  entry: Entry;
  id: string;
  name: string;
  shortName: string;
  sections: SectionPlan[];
  pages: SectionSlice[][];
  file(page: number): string;
}

/** Entries with no department that resolves, counted per kind for the overview. */
export type Unassigned = Map<string, number>;

export class SitePlan implements Linker {
  readonly kinds: KindPlan[];
  readonly departments: DepartmentPlan[];
  readonly places = new Map<Entry, EntryPlace>();
  readonly formatter: EntryFormatter;
  readonly unassigned: Unassigned = new Map();
  private readonly departmentIndex = new Map<Entry, number>();
  private readonly hrefs = new Map<string, string>();

  constructor(readonly catalog: Catalog) {
    this.formatter = new EntryFormatter(catalog, this);
    const files = new Set<string>(['index.html', 'overview.html']);
    const claim = (file: string) => {
      if (files.has(file)) throw new Error(`site: two pages would both be ${file}; rename the kind or department id`);
      files.add(file);
    };

    this.kinds = publishedKinds(catalog).map((k, i) => new KindPlan(i, k, catalog.entries(k.name), catalog.config.attachments[k.name]));
    this.departments = catalog.entries('departments').map((entry, index) => {
      const id = entry.getString('id') ?? entry.key ?? `d${index + 1}`;
      const plan: DepartmentPlan = {
        index,
        entry,
        id,
        name: entry.getString('name') ?? entry.getString('short_name') ?? id,
        shortName: entry.getString('short_name') ?? entry.getString('name') ?? id,
        sections: [],
        pages: [],
        file: (page) => departmentPageFile(id, page),
      };
      this.departmentIndex.set(entry, index);
      return plan;
    });

    const anchors = new Set<string>();
    for (const plan of this.kinds) {
      plan.entries.forEach((entry, i) => {
        const base = `${slug(plan.kind.name)}-${slug(anchorSource(entry, i))}`;
        let anchor = base;
        for (let n = 2; anchors.has(anchor); n++) anchor = `${base}.${n}`;
        anchors.add(anchor);
        this.places.set(entry, { file: plan.file(1), anchor, page: 1, seq: i + 1, departments: '', category: '' });
      });
    }

    for (const plan of this.kinds) {
      this.planKind(plan);
      plan.files.forEach(claim);
    }
    for (const department of this.departments) {
      department.pages = this.paginateSections(department.sections);
      department.pages.forEach((_, i) => claim(department.file(i + 1)));
    }
  }

  /** Rows of a kind: sizes, departments, categories; then its pages. */
  private planKind(plan: KindPlan): void {
    const used = new Set<number>();
    const sections = new Map<DepartmentPlan, Map<string, SectionPlan>>();
    const section = (department: DepartmentPlan, field: string | undefined) => {
      let byField = sections.get(department);
      if (!byField) sections.set(department, (byField = new Map()));
      const key = field ?? '';
      let s = byField.get(key);
      if (!s) {
        const title = field === undefined ? plan.kind.title : `${plan.kind.title}（作为${plan.kind.fieldTitle(field)}）`;
        byField.set(key, (s = { kind: plan, field, title, entries: [] }));
      }
      return s;
    };

    plan.entries.forEach((entry, i) => {
      const place = this.places.get(entry)!;
      const { primary, secondary } = this.formatter.departments(entry);
      const indexes = primary.map((d) => this.departmentIndex.get(d)!);
      indexes.forEach((d) => used.add(d));
      place.departments = indexes.join(' ');
      if (primary.length === 0 && plan.kind.references.some((r) => r.to === 'departments')) {
        this.unassigned.set(plan.kind.name, (this.unassigned.get(plan.kind.name) ?? 0) + 1);
      }
      for (const d of primary) section(this.departments[this.departmentIndex.get(d)!]!, undefined).entries.push(entry);
      for (const s of secondary) section(this.departments[this.departmentIndex.get(s.department)!]!, s.field).entries.push(entry);

      const category = plan.categoryField ? entry.get(plan.categoryField) : undefined;
      if (typeof category === 'string' && category !== '') {
        let c = plan.categoryIndex.get(category);
        if (c === undefined) {
          c = plan.categories.length;
          plan.categories.push(category);
          plan.categoryIndex.set(category, c);
        }
        place.category = `${plan.index}.${c}`;
      }
      plan.rowBytes[i] = rowBytes(this.rowCells(plan, entry, place, '', `#${place.anchor}`), place);
    });
    if (plan.categories.length > MAX_CATEGORIES) {
      plan.categories.length = 0;
      plan.categoryIndex.clear();
      for (const entry of plan.entries) this.places.get(entry)!.category = '';
    }
    plan.departments = [...used].sort((a, b) => a - b);

    // Responsible first, then other roles in field order; kinds in site order (this method runs kind by kind).
    for (const [department, byField] of sections) {
      const ordered = [...byField.values()].sort((a, b) => (a.field === undefined ? -1 : b.field === undefined ? 1 : a.field < b.field ? -1 : 1));
      department.sections.push(...ordered);
    }

    plan.pages = paginate(plan.rowBytes);
    plan.pages.forEach((range, p) => {
      for (let i = range.start; i < range.end; i++) {
        const place = this.places.get(plan.entries[i]!)!;
        place.page = p + 1;
        place.file = plan.file(p + 1);
      }
    });
  }

  /** A department's sections cut into pages (a section may continue on the next page). */
  private paginateSections(sections: SectionPlan[]): SectionSlice[][] {
    const flat: { section: SectionPlan; i: number }[] = [];
    for (const s of sections) s.entries.forEach((_, i) => flat.push({ section: s, i }));
    // Rows on a department page link one folder up: a few bytes more per link than on the list page.
    const sizes = flat.map(({ section, i }) => section.kind.rowBytes[this.places.get(section.entries[i]!)!.seq - 1]! + 96);
    return paginate(sizes).map((range) => {
      const slices: SectionSlice[] = [];
      for (let k = range.start; k < range.end; k++) {
        const { section, i } = flat[k]!;
        const last = slices[slices.length - 1];
        if (last && last.section === section) last.end = i + 1;
        else slices.push({ section, start: i, end: i + 1 });
      }
      return slices;
    });
  }

  /** The cells of an entry's row, with the permalink on its 序号. */
  rowCells(plan: KindPlan, entry: Entry, place: EntryPlace, root: string, permalink: string): Cell[] {
    const cells = this.formatter.cells(entry, plan.kind.columns, root);
    if (plan.sequenceColumn >= 0) {
      const text = cells[plan.sequenceColumn]!.map((p) => p.text).join('') || String(place.seq);
      cells[plan.sequenceColumn] = [{ text, href: permalink }];
    } else cells.unshift([{ text: String(place.seq), href: permalink }]);
    return cells;
  }

  entryHref(entry: Entry, root: string): string | undefined {
    const place = this.places.get(entry);
    return place ? `${this.fileHref(root, place.file)}#${place.anchor}` : undefined;
  }

  departmentHref(department: Entry, root: string): string | undefined {
    const i = this.departmentIndex.get(department);
    return i === undefined ? undefined : this.fileHref(root, this.departments[i]!.file(1));
  }

  /** href() of a site file, remembered: rows link to the same few pages again and again. */
  fileHref(root: string, file: string): string {
    const key = `${root}\u0000${file}`;
    let h = this.hrefs.get(key);
    if (h === undefined) this.hrefs.set(key, (h = href(root, file)));
    return h;
  }

  kindPlan(name: string): KindPlan | undefined {
    return this.kinds.find((k) => k.kind.name === name);
  }
}

/** Kinds with entries, numbered attachments first (by number), then the rest in registry order. */
function publishedKinds(catalog: Catalog): Kind[] {
  const kinds = catalog.kinds.all().filter((k) => catalog.entries(k.name).length > 0);
  const number = (k: Kind) => catalog.config.attachments[k.name] ?? Number.POSITIVE_INFINITY;
  return kinds
    .map((k, i) => ({ k, i }))
    .sort((a, b) => number(a.k) - number(b.k) || a.i - b.i)
    .map(({ k }) => k);
}

/** What an anchor is made from: the code (or key), else the 序号 field, else the position. */
function anchorSource(entry: Entry, position: number): string {
  const code = entry.kind.codeField ? entry.get(entry.kind.codeField) : undefined;
  if ((typeof code === 'string' && code !== '') || typeof code === 'number') return String(code);
  if (entry.key !== undefined) return entry.key;
  const seq = entry.kind.sequence ? entry.get(entry.kind.sequence) : undefined;
  if ((typeof seq === 'string' && seq !== '') || typeof seq === 'number') return String(seq);
  return String(position + 1);
}

/** Estimated HTML bytes of a row (cells plus the markup around them). */
function rowBytes(cells: readonly Cell[], place: EntryPlace): number {
  let n = 96 + 2 * place.anchor.length + place.departments.length + place.category.length;
  for (const cell of cells) {
    n += 9;
    for (const part of cell) {
      n += escapedBytes(part.text);
      if (part.href !== undefined) n += 15 + escapedBytes(part.href);
    }
  }
  return n;
}
