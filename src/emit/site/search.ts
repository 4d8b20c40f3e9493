/**
 * The search index: one record per entry, written as .js files that call a
 * function of site.js, so the search works from file:// (no fetch) and loads
 * only the chunks it needs. Chunks stay far under 2 MB each.
 */
import type { Entry } from '../../core/entry.js';
import { entryLabel } from './cells.js';
import type { Artifact } from '../types.js';
import { scriptSafeJson } from './json.js';
import { fileSlug } from './paths.js';
import type { DepartmentPlan, EntryPlace, KindPlan } from './plan.js';

/** Bytes of records in one chunk file. */
export const CHUNK_BYTES = 1_000_000;
export const SEARCH_DIR = 'assets/search';

/** Search text: compatibility forms folded and lower case, as site.js folds the query. */
export function searchKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export class SearchIndexWriter {
  private readonly chunks = new Map<KindPlan, string[]>();
  private pending: string[] = [];
  private pendingBytes = 0;
  private current: KindPlan | undefined;

  constructor(private readonly write: (path: string, data: string, artifact: Omit<Artifact, 'path'>) => void) {}

  /** Add an entry; entries come kind by kind. */
  add(plan: KindPlan, entry: Entry, place: EntryPlace, text: string, code: string | undefined): void {
    if (this.current !== plan) {
      this.flush();
      this.current = plan;
    }
    const departments = place.departments === '' ? [] : place.departments.split(' ').map(Number);
    const category = place.category === '' ? -1 : Number(place.category.split('.')[1]);
    const record = scriptSafeJson([place.anchor, place.page, departments, category, entryLabel(entry), code ?? '', searchKey(text)]);
    const bytes = Buffer.byteLength(record) + 1;
    if (this.pendingBytes + bytes > CHUNK_BYTES && this.pending.length > 0) this.flush();
    this.pending.push(record);
    this.pendingBytes += bytes;
  }

  /** Write the last chunk and the manifest (kinds, pages, chunks, categories, departments). */
  finish(kinds: readonly KindPlan[], departments: readonly DepartmentPlan[]): void {
    this.flush();
    const manifest = {
      kinds: kinds.map((k) => ({
        name: k.kind.name,
        title: k.kind.title,
        count: k.entries.length,
        pages: k.files,
        chunks: this.chunks.get(k) ?? [],
        categories: k.categories,
        categoryTitle: k.categoryField ? k.kind.fieldTitle(k.categoryField) : '',
      })),
      departments: departments.map((d) => ({ name: d.shortName, file: d.file(1) })),
    };
    this.write(`${SEARCH_DIR}/manifest.js`, `qingdanSearchManifest(${scriptSafeJson(manifest)});\n`, { type: 'js' });
  }

  private flush(): void {
    const plan = this.current;
    if (!plan || this.pending.length === 0) return;
    const list = this.chunks.get(plan) ?? [];
    const file = `${SEARCH_DIR}/${fileSlug(plan.kind.name)}-${list.length + 1}.js`;
    list.push(file);
    this.chunks.set(plan, list);
    const head = `qingdanSearchChunk({"kind":${plan.index},"n":${list.length},"records":[\n`;
    this.write(file, `${head}${this.pending.join(',\n')}\n]});\n`, { type: 'js', kind: plan.kind.name });
    this.pending = [];
    this.pendingBytes = 0;
  }
}
