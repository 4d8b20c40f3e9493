/**
 * The HTML site (dist/site/): the lists as the public sees them on the
 * 政府信息公开 site. An index with the edition's metadata and downloads, a page
 * (or several) per list, a page per department, an overview with figures, a
 * search that works offline. Pages are rendered from Handlebars templates
 * (their partials through fast.ts's string builders where those apply), one at
 * a time, and handed to a writer thread that writes them and makes the search
 * index (writer.ts). Each entry's cells are formatted once, in the plan, and
 * serve its list page, its department pages and the search index.
 */
import { readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { safeJoin } from '../../core/fs.js';
import type { Artifact, EmitContext, Emitter } from '../types.js';
import { cellText, entryCode } from './cells.js';
import { overviewFigures } from './figures.js';
import { href } from './paths.js';
import { SitePlan } from './plan.js';
import { SEARCH_DIR, searchEntry, searchManifest, type SearchEntry } from './search.js';
import { loadTemplates } from './templates.js';
import { SiteWriter } from './writer.js';
import { columnsCss, commonView, downloads, filterView, headerRows, metadata, paginationView, tableCols, type RowView, type TableView } from './views.js';

export const SITE_DIR = 'site';
const GENERATED_ASSETS = /^(columns\.css|search\/)/;

export const siteEmitter: Emitter = {
  name: 'site',
  emit(context) {
    return emitSite(context);
  },
};

function range(start: number, end: number): string {
  return start + 1 === end ? `第 ${end} 条` : `第 ${start + 1}–${end} 条`;
}

export async function emitSite(context: EmitContext): Promise<Artifact[]> {
  const siteDir = join(context.outDir, SITE_DIR);
  const writer = new SiteWriter(siteDir);
  try {
    const artifacts = await writeSite(context, writer);
    await writer.finish();
    // Each file's digest, taken as it was written.
    return artifacts.map((a) => ({ ...a, ...writer.digest(safeJoin(siteDir, a.path.slice(SITE_DIR.length + 1))) }));
  } finally {
    await writer.close();
  }
}

async function writeSite(context: EmitContext, writer: SiteWriter): Promise<Artifact[]> {
  const { catalog, outDir, draft } = context;
  const config = catalog.config;
  const override = typeof context.options.templates === 'string' ? resolve(catalog.cwd, context.options.templates) : undefined;
  // templateBuilders: false renders every partial with Handlebars itself (tests compare the two).
  const templates = loadTemplates(override, { builders: context.options.templateBuilders !== false });
  const plan = new SitePlan(catalog);
  const siteDir = join(outDir, SITE_DIR);
  const artifacts: Artifact[] = [];
  const write = (path: string, data: string | Uint8Array, artifact: Omit<Artifact, 'path'>) => {
    writer.write(safeJoin(siteDir, path), data);
    artifacts.push({ path: `${SITE_DIR}/${path}`, ...artifact });
  };

  for (const [path, file] of templates.assets) {
    if (GENERATED_ASSETS.test(path)) continue; // the emitter writes these itself
    write(`assets/${path}`, readFileSync(file), { type: extname(path).slice(1) || 'file' });
  }
  write('assets/columns.css', columnsCss(plan.kinds), { type: 'css' });

  // Lists, page by page, feeding the search index as rows go by.
  for (const k of plan.kinds) {
    const header = headerRows(k);
    const files = downloads(k.kind, config, outDir, '');
    for (let p = 0; p < k.pages.length; p++) {
      const pageRange = k.pages[p]!;
      const rows: RowView[] = [];
      const entries: SearchEntry[] = [];
      for (let i = pageRange.start; i < pageRange.end; i++) {
        const entry = k.entries[i]!;
        const place = plan.places.get(entry)!;
        rows.push({ id: place.anchor, d: place.departments, c: place.category, cells: plan.listCells(k, i) });
        const code = entryCode(entry);
        // The code, then the cells' text (without an added 序号).
        const cells = k.cells[i]!;
        const first = k.sequenceColumn >= 0 ? 0 : 1;
        const texts = new Array<string>(cells.length - first + 1);
        texts[0] = code ?? '';
        for (let c = first; c < cells.length; c++) texts[c - first + 1] = cellText(cells[c]!);
        entries.push(searchEntry(entry, place, texts.join(' '), code));
      }
      writer.search(k.index, k.kind.name, entries);
      const number = p + 1;
      const count = k.pages.length;
      const table: TableView = {
        id: `t-${k.index}`,
        caption: count > 1 ? `${k.kind.title}（${range(pageRange.start, pageRange.end)}，共 ${k.entries.length} 条）` : `${k.kind.title}（共 ${k.entries.length} 条）`,
        kind: k.index,
        cols: tableCols(k),
        headerRows: header,
        rows,
      };
      const title = count > 1 ? `${k.kind.title}（第 ${number} 页）` : k.kind.title;
      const html = templates.render('list', {
        ...commonView(plan, draft, '', { type: 'list', title, kind: k, number, count }),
        kind: { title: k.kind.title, attachment: k.attachment, count: k.entries.length, pages: count },
        downloads: files,
        filter: filterView(plan, [k], k.departments),
        pagination: paginationView(number, count, (n) => k.file(n), ''),
        multiPage: count > 1,
        tables: [table],
      });
      write(k.file(number), html, { type: 'html', kind: k.kind.name });
      context.progress(`site: ${k.kind.name} ${number}/${count}`);
      await writer.ready();
    }
  }
  // The worker folds the index's text while the department pages render; its chunk files are known after them.
  const searchChunks = writer.finishSearch();
  searchChunks.catch(() => {}); // awaited below; a failure also surfaces through the writes in between

  // Departments: what each supervises, inspects, forgives …
  const departmentKind = plan.kindPlan('departments');
  for (const d of plan.departments) {
    const root = '../';
    const details = departmentKind
      ? plan.formatter
          .cells(d.entry, departmentKind.kind.columns, root)
          .map((cell, i) => ({ label: departmentKind.kind.columns[i]!.header, cell }))
          .filter((x) => x.cell.length > 0)
      : [];
    const summary = d.sections.map((s) => ({ title: s.title, count: s.entries.length }));
    const kinds = [...new Set(d.sections.map((s) => s.kind))];
    const indexes = new Set<number>();
    for (const s of d.sections) for (const e of s.entries) for (const i of plan.places.get(e)!.departmentIndexes) indexes.add(i);
    const departmentIndexes = [...indexes].sort((a, b) => a - b);
    for (let p = 0; p < d.pages.length; p++) {
      const slices = d.pages[p]!;
      const tables: TableView[] = slices.map((slice, t) => {
        const k = slice.section.kind;
        const rows: RowView[] = [];
        for (let i = slice.start; i < slice.end; i++) {
          const place = plan.places.get(slice.section.entries[i]!)!;
          rows.push({ d: place.departments, c: place.category, cells: plan.rootedCells(k, place.seq - 1, root) });
        }
        const total = slice.section.entries.length;
        const part = slice.start === 0 && slice.end === total ? `共 ${total} 条` : `${range(slice.start, slice.end)}，共 ${total} 条`;
        return { id: `t-${t}`, caption: `${d.shortName}：${slice.section.title}（${part}）`, kind: k.index, cols: tableCols(k), headerRows: headerRows(k), rows };
      });
      const number = p + 1;
      const count = d.pages.length;
      const html = templates.render('department', {
        ...commonView(plan, draft, root, { type: 'department', title: count > 1 ? `${d.shortName}（第 ${number} 页）` : d.shortName, number, count }),
        department: { name: d.name, shortName: d.shortName, details, summary, searchHref: `${root}index.html?dept=${d.index}#search` },
        filter: filterView(plan, kinds, departmentIndexes),
        pagination: paginationView(number, count, (n) => d.file(n), root),
        tables,
      });
      write(d.file(number), html, { type: 'html', department: d.id });
      await writer.ready();
    }
  }

  const chunks = await searchChunks;
  for (const k of plan.kinds) for (const file of chunks.get(k.index) ?? []) artifacts.push({ path: `${SITE_DIR}/${file}`, type: 'js', kind: k.kind.name });
  write(`${SEARCH_DIR}/manifest.js`, searchManifest(plan.kinds, plan.departments, chunks), { type: 'js' });

  write(
    'overview.html',
    templates.render('overview', {
      ...commonView(plan, draft, '', { type: 'overview', title: '统计概览' }),
      figures: overviewFigures(plan, context.diagnostics, ''),
    }),
    { type: 'html' },
  );

  write(
    'index.html',
    templates.render('index', {
      ...commonView(plan, draft, '', { type: 'index', title: '首页' }),
      metadata: metadata(config),
      notes: config.edition.notes ?? [],
      lists: plan.kinds.map((k) => ({
        title: k.kind.title,
        attachment: k.attachment === undefined ? '' : `附件${k.attachment}`,
        count: k.entries.length,
        pages: k.pages.length,
        href: href('', k.file(1)),
        downloads: downloads(k.kind, config, outDir, ''),
      })),
      departments: departmentTable(plan),
      search: {
        kinds: plan.kinds.map((k) => ({ value: String(k.index), text: k.kind.title })),
        departments: plan.departments.map((d) => ({ value: String(d.index), text: d.shortName })),
      },
    }),
    { type: 'html' },
  );
  return artifacts;
}

/** Departments with their number of entries per kind (responsible), for the index. */
function departmentTable(plan: SitePlan) {
  const kinds = plan.kinds.filter((k) => k.kind.references.some((r) => r.to === 'departments'));
  return {
    kinds: kinds.map((k) => k.kind.title),
    rows: plan.departments.map((d) => {
      const counts = kinds.map((k) => d.sections.find((s) => s.kind === k && s.field === undefined)?.entries.length ?? 0);
      return { name: d.shortName, fullName: d.name, href: href('', d.file(1)), counts, total: counts.reduce((a, b) => a + b, 0) };
    }),
  };
}
