/**
 * What the templates see: plain objects with every string still raw (the
 * templates escape it) and every href built here from the site's own names.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config/index.js';
import type { Kind } from '../../kinds/registry.js';
import { attachmentBaseName } from '../names.js';
import type { Cell } from './cells.js';
import { pageWindow } from './paginate.js';
import { href } from './paths.js';
import type { KindPlan, SitePlan } from './plan.js';

export type PageType = 'index' | 'list' | 'department' | 'overview';

export interface NavLink {
  href: string;
  title: string;
  current: boolean;
}

export interface CommonView {
  root: string;
  site: { title: string; jurisdiction: string; edition: string; issuer: string; date: string };
  draft: boolean;
  sample: boolean;
  nav: NavLink[];
  page: { type: PageType; title: string; kind: string; number: number; count: number };
}

export function siteTitle(config: Config): string {
  const e = config.edition;
  return e.title ?? (e.jurisdiction ? `${e.jurisdiction}事中事后监管清单` : '事中事后监管清单');
}

export function commonView(
  plan: SitePlan,
  draft: boolean,
  root: string,
  page: { type: PageType; title: string; kind?: KindPlan; number?: number; count?: number },
): CommonView {
  const config = plan.catalog.config;
  const e = config.edition;
  const nav: NavLink[] = [
    { href: href(root, 'index.html'), title: '首页', current: page.type === 'index' },
    ...plan.kinds.map((k) => ({ href: href(root, k.file(1)), title: k.kind.title, current: page.kind === k })),
    { href: href(root, 'overview.html'), title: '统计概览', current: page.type === 'overview' },
  ];
  return {
    root,
    site: {
      title: siteTitle(config),
      jurisdiction: e.jurisdiction ?? '',
      edition: e.edition ?? '',
      issuer: e.issuer ?? '',
      date: plan.catalog.date,
    },
    draft,
    sample: e.sample === true,
    nav,
    // <title> cannot isolate bidi text (no markup there): drop the controls.
    page: { type: page.type, title: page.title.replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ''), kind: page.kind ? String(page.kind.index) : '', number: page.number ?? 1, count: page.count ?? 1 },
  };
}

/** The edition's metadata box, as on 政府信息公开 pages. */
export function metadata(config: Config): { label: string; value: string }[] {
  const e = config.edition;
  const dash = '—';
  return [
    { label: '索引号', value: e.index_number ?? dash },
    { label: '发布机构', value: e.issuer ?? dash },
    { label: '文号', value: e.doc_number ?? dash },
    { label: '成文日期', value: e.written ?? dash },
    { label: '发布日期', value: e.published ?? dash },
    { label: '有效性', value: e.validity ?? dash },
  ];
}

const DOWNLOADS = [
  { ext: 'xlsx', text: 'Excel 工作簿' },
  { ext: 'csv', text: 'CSV' },
  { ext: 'json', text: 'JSON' },
] as const;

/** Links to the workbook, CSV and JSON of a kind that the build wrote beside site/ (only those that exist). */
export function downloads(kind: Kind, config: Config, outDir: string, root: string) {
  const base = attachmentBaseName(kind, config);
  return DOWNLOADS.filter((d) => existsSync(join(outDir, `${base}.${d.ext}`))).map((d) => ({
    href: `${root}../${encodeURIComponent(base)}.${d.ext}`,
    text: d.text,
    ext: d.ext,
    file: `${base}.${d.ext}`,
  }));
}

export interface HeaderCell {
  text: string;
  scope: 'col' | 'colgroup';
  colspan?: number;
  rowspan?: number;
}

/** Header rows of a kind's table: one row, or two when columns are grouped (抽查项目 over 抽查类别 | 抽查事项). */
export function headerRows(plan: KindPlan): HeaderCell[][] {
  const columns = plan.kind.columns.map((c) => ({ text: c.header, group: c.group }));
  if (plan.sequenceColumn < 0) columns.unshift({ text: '序号', group: undefined });
  if (!columns.some((c) => c.group)) return [columns.map((c) => ({ text: c.text, scope: 'col' }))];
  const top: HeaderCell[] = [];
  const bottom: HeaderCell[] = [];
  columns.forEach((c, i) => {
    if (!c.group) top.push({ text: c.text, scope: 'col', rowspan: 2 });
    else {
      if (columns[i - 1]?.group !== c.group) {
        const span = columns.slice(i).findIndex((x) => x.group !== c.group);
        top.push({ text: c.group, scope: 'colgroup', colspan: span < 0 ? columns.length - i : span });
      }
      bottom.push({ text: c.text, scope: 'col' });
    }
  });
  return [top, bottom];
}

export interface RowView {
  id?: string;
  d: string;
  c: string;
  cells: Cell[];
}

export interface TableView {
  id: string;
  caption: string;
  kind: number;
  /** One per column, for the <col> elements that columns.css sizes. */
  cols: null[];
  headerRows: HeaderCell[][];
  rows: RowView[];
}

/** Width of the added 序号 column, in the layout's units (characters of a workbook column). */
const SEQUENCE_WIDTH = 5;
/** Pixels per layout unit for a table's minimum width (narrower screens scroll the table). */
const PX_PER_UNIT = 5.5;

/** The widths of the list layouts (the same as the workbook's), as a stylesheet: pages may not carry inline styles. */
export function columnsCss(kinds: readonly KindPlan[]): string {
  const out = ['/* Column widths of each list, from its layout (generated). */'];
  for (const k of kinds) {
    const widths = k.kind.columns.map((c) => c.width);
    if (k.sequenceColumn < 0) widths.unshift(SEQUENCE_WIDTH);
    const total = widths.reduce((a, b) => a + b, 0);
    const table = `table.entries[data-kind="${k.index}"]`;
    out.push(`@media screen { ${table} { min-width: ${Math.round(total * PX_PER_UNIT)}px; } }`);
    widths.forEach((w, i) => out.push(`${table} > colgroup > col:nth-child(${i + 1}) { width: ${((w / total) * 100).toFixed(2)}%; }`));
  }
  return out.join('\n') + '\n';
}

export function tableCols(plan: KindPlan): null[] {
  return new Array<null>(plan.kind.columns.length + (plan.sequenceColumn < 0 ? 1 : 0)).fill(null);
}

/** The filter above a page's tables: departments and categories present, kinds when there are several. */
export function filterView(plan: SitePlan, kinds: readonly KindPlan[], departments: readonly number[]) {
  const options = (k: KindPlan) => k.categories.map((text, i) => ({ value: `${k.index}.${i}`, text }));
  const withCategories = kinds.filter((k) => k.categories.length > 0);
  const single = withCategories.length === 1 ? withCategories[0]! : undefined;
  return {
    departments: departments.map((i) => ({ value: String(i), text: plan.departments[i]!.shortName })),
    categoryTitle: single ? single.kind.fieldTitle(single.categoryField!) : '类别',
    /** One kind: a plain list; several: one group per kind. */
    categories: single ? options(single) : [],
    categoryGroups: single ? [] : withCategories.map((k) => ({ label: `${k.kind.title}：${k.kind.fieldTitle(k.categoryField!)}`, options: options(k) })),
    kinds: kinds.length > 1 ? kinds.map((k) => ({ value: String(k.index), text: k.kind.title })) : [],
  };
}

/** Page navigation: previous, numbers with gaps, next. */
export function paginationView(current: number, count: number, file: (n: number) => string, root: string) {
  if (count <= 1) return undefined;
  return {
    current,
    count,
    prev: current > 1 ? href(root, file(current - 1)) : undefined,
    next: current < count ? href(root, file(current + 1)) : undefined,
    pages: pageWindow(current, count).map((n) => (n === null ? { gap: true } : { n, href: href(root, file(n)), current: n === current })),
  };
}
