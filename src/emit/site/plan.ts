/**
 * The site's plan, made before any page is written: which kinds get pages,
 * every entry's anchor and page, every department's page and sections. Links
 * between pages need it (an inspection links to its item on whatever page the
 * item lands). Pages are cut by the size of their rows, so every entry's cells
 * are formatted here, once: they are kept (compactly: a cell of plain text is
 * its text, a cell of one link is shared by the rows that have it) for its
 * list page, its department pages and the search index. Links to entries are
 * set again once every page is known.
 */
import type { Entry } from '../../core/entry.js';
import type { Kind } from '../../kinds/registry.js';
import type { Catalog } from '../../link/index.js';
import { categoryField, cellText, EntryFormatter, type Cell, type Linker, type Part, type StoredCell } from './cells.js';
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
  /** The same indexes as numbers. */
  departmentIndexes: readonly number[];
  /** `<kind index>.<category index>`, or '' without a category. */
  category: string;
  /** Its href from a page at the site's root: `items-2.html#items-SX-001`. */
  href: string;
}

const NO_DEPARTMENTS: readonly number[] = [];

export class KindPlan {
  pages: Range[] = [];
  readonly categoryField: string | undefined;
  readonly categories: string[] = [];
  readonly categoryIndex = new Map<string, number>();
  /** Departments (indexes) responsible for at least one entry, ascending. */
  departments: number[] = [];
  /** Estimated bytes of each entry's row. */
  rowBytes: Float64Array;
  /** Each entry's cells (hrefs from the site's root; the 序号 as its text, linked when a page is written). */
  readonly cells: StoredCell[][];
  /** The column that carries the permalink: the kind's own 序号 column, or -1 for an added one. */
  readonly sequenceColumn: number;
  /** The permalink's column in a row: the 序号 column, or 0 for an added one. */
  readonly permalinkColumn: number;

  constructor(
    readonly index: number,
    readonly kind: Kind,
    readonly entries: readonly Entry[],
    readonly attachment: number | undefined,
  ) {
    this.categoryField = categoryField(kind);
    this.rowBytes = new Float64Array(entries.length);
    this.cells = new Array<StoredCell[]>(entries.length);
    this.sequenceColumn = kind.sequence ? kind.columns.findIndex((c) => c.field === kind.sequence) : -1;
    this.permalinkColumn = Math.max(this.sequenceColumn, 0);
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
  /** The items each entry names (inspections, key supervision), as written: for the overview. */
  readonly itemReferences = new Map<Entry, string[]>();
  private readonly rootedHrefs = new Map<string, Map<string, string>>();
  /** Estimated bytes of hrefs in rows, by href. */
  private readonly hrefBytes = new Map<string, number>();
  /** A department index as the text of a row's data-d. */
  private readonly departmentKeys: string[] = [];
  /** Each department's href, by root. */
  private readonly departmentHrefs = new Map<string, string[]>();

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
      const prefix = `${slug(plan.kind.name)}-`;
      const file = plan.file(1);
      const fileHref = this.fileHref('', file);
      plan.entries.forEach((entry, i) => {
        const base = prefix + slug(anchorSource(entry, i));
        let anchor = base;
        for (let n = 2; anchors.has(anchor); n++) anchor = `${base}.${n}`;
        anchors.add(anchor);
        this.places.set(entry, { file, anchor, page: 1, seq: i + 1, departments: '', departmentIndexes: NO_DEPARTMENTS, category: '', href: `${fileHref}#${anchor}` });
      });
    }

    // Links to entries are written while kinds are planned, before the pages of
    // later kinds (and of the kind itself) are known: they are set again once all are.
    const linkParts: Part[] = [];
    const linkPlaces: EntryPlace[] = [];
    this.formatter.startPlan((part, target) => {
      linkParts.push(part);
      linkPlaces.push(this.places.get(target)!);
    });
    try {
      for (const plan of this.kinds) {
        this.planKind(plan);
        plan.files.forEach(claim);
      }
    } finally {
      this.formatter.endPlan();
    }
    for (let i = 0; i < linkParts.length; i++) linkParts[i]!.href = linkPlaces[i]!.href;
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

    const columns = plan.kind.columns;
    const namesDepartments = plan.kind.references.some((r) => r.to === 'departments');
    const namesItems = plan.kind.references.some((r) => r.to === 'items');
    const categoryKeys: string[] = [];
    plan.entries.forEach((entry, i) => {
      const place = this.places.get(entry)!;
      const { primary, secondary } = this.formatter.departments(entry);
      if (primary.length > 0) {
        const indexes = primary.map((d) => this.departmentIndex.get(d)!);
        for (const d of indexes) {
          used.add(d);
          section(this.departments[d]!, undefined).entries.push(entry);
        }
        place.departments = indexes.length === 1 ? (this.departmentKeys[indexes[0]!] ??= String(indexes[0])) : indexes.join(' ');
        place.departmentIndexes = indexes;
      } else if (namesDepartments) {
        this.unassigned.set(plan.kind.name, (this.unassigned.get(plan.kind.name) ?? 0) + 1);
      }
      for (const s of secondary) section(this.departments[this.departmentIndex.get(s.department)!]!, s.field).entries.push(entry);
      if (namesItems) {
        const items: string[] = [];
        for (const ref of this.formatter.references(entry)) if (ref.definition.to === 'items') items.push(ref.value);
        this.itemReferences.set(entry, items);
      }

      const category = plan.categoryField ? entry.get(plan.categoryField) : undefined;
      if (typeof category === 'string' && category !== '') {
        let c = plan.categoryIndex.get(category);
        if (c === undefined) {
          c = plan.categories.length;
          plan.categories.push(category);
          plan.categoryIndex.set(category, c);
        }
        place.category = categoryKeys[c] ??= `${plan.index}.${c}`;
      }
      const cells = withSequence(plan, this.formatter.row(entry, columns, ''), place);
      plan.cells[i] = cells;
      plan.rowBytes[i] = rowBytes(cells, place, plan.permalinkColumn, this.hrefBytes);
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
      if (p === 0) return; // the first page is where every place starts
      const file = plan.file(p + 1);
      const fileHref = this.fileHref('', file);
      for (let i = range.start; i < range.end; i++) {
        const place = this.places.get(plan.entries[i]!)!;
        place.page = p + 1;
        place.file = file;
        place.href = `${fileHref}#${place.anchor}`;
      }
    });
  }

  /** A department's sections cut into pages (a section may continue on the next page). */
  private paginateSections(sections: SectionPlan[]): SectionSlice[][] {
    let count = 0;
    for (const s of sections) count += s.entries.length;
    // Rows on a department page link one folder up: a few bytes more per link than on the list page.
    const sizes = new Float64Array(count);
    let k = 0;
    for (const s of sections) {
      const rowBytes = s.kind.rowBytes;
      for (const entry of s.entries) sizes[k++] = rowBytes[this.places.get(entry)!.seq - 1]! + 96;
    }
    const pages = paginate(sizes);
    // Cut the sections at the pages' bounds.
    const out: SectionSlice[][] = [];
    let section = 0;
    let offset = 0; // rows of the sections before `section`
    for (const range of pages) {
      const slices: SectionSlice[] = [];
      let at = range.start;
      while (at < range.end) {
        while (at - offset >= sections[section]!.entries.length) offset += sections[section++]!.entries.length;
        const s = sections[section]!;
        const end = Math.min(range.end, offset + s.entries.length);
        slices.push({ section: s, start: at - offset, end: end - offset });
        at = end;
      }
      out.push(slices);
    }
    return out;
  }

  /** The cells of a kind's `i`th entry on its list page, the 序号 linking to the row itself. */
  listCells(plan: KindPlan, i: number): Cell[] {
    const cells = plan.cells[i]!;
    const permalink = plan.permalinkColumn;
    const out = new Array<Cell>(cells.length);
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c]!;
      if (c === permalink) out[c] = [{ text: cell as string, href: `#${this.places.get(plan.entries[i]!)!.anchor}` }];
      else out[c] = typeof cell === 'string' ? [{ text: cell }] : cell;
    }
    return out;
  }

  /** The cells of a kind's `i`th entry for a page at `root`, the 序号 linking to the entry on its list page. */
  rootedCells(plan: KindPlan, i: number, root: string): Cell[] {
    const cells = plan.cells[i]!;
    const permalink = plan.permalinkColumn;
    const out = new Array<Cell>(cells.length);
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c]!;
      if (c === permalink) out[c] = [{ text: cell as string, href: root + this.places.get(plan.entries[i]!)!.href }];
      else if (typeof cell === 'string') out[c] = [{ text: cell }];
      else out[c] = root === '' || !cell.some((p) => p.href !== undefined) ? cell : cell.map((p) => (p.href === undefined ? p : { text: p.text, href: this.rooted(root, p.href) }));
    }
    return out;
  }

  /** `root` + `href`, made once for each href (rows link to the same few pages again and again). */
  private rooted(root: string, href: string): string {
    if (root === '') return href;
    let hrefs = this.rootedHrefs.get(root);
    if (!hrefs) this.rootedHrefs.set(root, (hrefs = new Map()));
    let rooted = hrefs.get(href);
    // One flat string (not a pair joined lazily), as it is escaped and written again and again.
    if (rooted === undefined) hrefs.set(href, (rooted = [root, href].join('')));
    return rooted;
  }

  entryHref(entry: Entry, root: string): string | undefined {
    const place = this.places.get(entry);
    return place ? (root === '' ? place.href : root + place.href) : undefined;
  }

  departmentHref(department: Entry, root: string): string | undefined {
    const i = this.departmentIndex.get(department);
    if (i === undefined) return undefined;
    let hrefs = this.departmentHrefs.get(root);
    if (!hrefs) this.departmentHrefs.set(root, (hrefs = []));
    return (hrefs[i] ??= this.fileHref(root, this.departments[i]!.file(1)));
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

/** The row's 序号 (the text of the permalink): the kind's own 序号 column, or one added before the others. */
function withSequence(plan: KindPlan, cells: StoredCell[], place: EntryPlace): StoredCell[] {
  if (plan.sequenceColumn >= 0) {
    cells[plan.sequenceColumn] = cellText(cells[plan.sequenceColumn]!) || String(place.seq);
    return cells;
  }
  const out = new Array<StoredCell>(cells.length + 1);
  out[0] = String(place.seq);
  for (let i = 0; i < cells.length; i++) out[i + 1] = cells[i]!;
  return out;
}

/** Estimated HTML bytes of a row on its list page (cells plus the markup around them; the 序号 links to `#anchor`). */
function rowBytes(cells: readonly StoredCell[], place: EntryPlace, permalink: number, hrefBytes: Map<string, number>): number {
  let n = 96 + 2 * place.anchor.length + place.departments.length + place.category.length;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c]!;
    n += 9;
    if (typeof cell === 'string') {
      n += escapedBytes(cell);
      // '#' and the anchor
      if (c === permalink) n += 15 + 1 + escapedBytes(place.anchor);
      continue;
    }
    for (const part of cell) {
      n += escapedBytes(part.text);
      if (part.href !== undefined) {
        // Rows link to the same few pages and entries again and again.
        let bytes = hrefBytes.get(part.href);
        if (bytes === undefined) hrefBytes.set(part.href, (bytes = escapedBytes(part.href)));
        n += 15 + bytes;
      }
    }
  }
  return n;
}
