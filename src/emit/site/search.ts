/**
 * The search index: one record per entry, written as .js files that call a
 * function of site.js, so the search works from file:// (no fetch) and loads
 * only the chunks it needs. Chunks stay far under 2 MB each.
 */
import type { Entry } from '../../core/entry.js';
import { entryLabel } from './cells.js';
import { scriptSafeJson } from './json.js';
import { fileSlug } from './paths.js';
import type { DepartmentPlan, EntryPlace, KindPlan } from './plan.js';

/** Bytes of records in one chunk file. */
export const CHUNK_BYTES = 1_000_000;
export const SEARCH_DIR = 'assets/search';

/**
 * Runs of white space to fold into one ' ' (what `/\s+/g` matches), less the
 * single spaces that are already one: a run of two or more, or one white-space
 * character other than ' '. Far fewer replacements in text that is mostly
 * words joined by spaces.
 */
const WHITE_SPACE = /\s{2,}|[\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

/** Search text: compatibility forms folded and lower case, as site.js folds the query (`normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()`). */
export function searchKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(WHITE_SPACE, ' ').trim();
}

/**
 * What the index keeps of an entry, its text not yet folded: anchor, page,
 * departments, category (-1 for none), label, code, text.
 */
export type SearchEntry = [anchor: string, page: number, departments: readonly number[], category: number, label: string, code: string, text: string];

export function searchEntry(entry: Entry, place: EntryPlace, text: string, code: string | undefined): SearchEntry {
  const category = place.category === '' ? -1 : Number(place.category.slice(place.category.indexOf('.') + 1));
  return [place.anchor, place.page, place.departmentIndexes, category, entryLabel(entry), code ?? '', text];
}

/**
 * The records, kind by kind, cut into chunk files (`write` gets each file's
 * path under the site folder and its text). No other state: it runs in the
 * writer's worker thread where it can, else in this one.
 */
export class SearchChunks {
  private readonly chunks = new Map<number, string[]>();
  private pending: string[] = [];
  private pendingBytes = 0;
  private kind: number | undefined;
  private name = '';

  constructor(private readonly write: (file: string, data: string, kind: string) => void) {}

  /** Add entries of a kind (by index and name); kinds come one after the other. */
  add(kind: number, name: string, entries: readonly SearchEntry[]): void {
    if (this.kind !== kind) {
      this.flush();
      this.kind = kind;
      this.name = name;
    }
    for (const [anchor, page, departments, category, label, code, text] of entries) {
      const record = scriptSafeJson([anchor, page, departments, category, label, code, searchKey(text)]);
      const bytes = Buffer.byteLength(record) + 1;
      if (this.pendingBytes + bytes > CHUNK_BYTES && this.pending.length > 0) this.flush();
      this.pending.push(record);
      this.pendingBytes += bytes;
    }
  }

  /** Write the last chunk; the chunk files of each kind (by index). */
  finish(): Map<number, string[]> {
    this.flush();
    return this.chunks;
  }

  private flush(): void {
    const kind = this.kind;
    if (kind === undefined || this.pending.length === 0) return;
    const list = this.chunks.get(kind) ?? [];
    const file = `${SEARCH_DIR}/${fileSlug(this.name)}-${list.length + 1}.js`;
    list.push(file);
    this.chunks.set(kind, list);
    const head = `qingdanSearchChunk({"kind":${kind},"n":${list.length},"records":[\n`;
    this.write(file, `${head}${this.pending.join(',\n')}\n]});\n`, this.name);
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/** The search manifest (kinds, pages, chunks, categories, departments), as assets/search/manifest.js. */
export function searchManifest(kinds: readonly KindPlan[], departments: readonly DepartmentPlan[], chunks: ReadonlyMap<number, readonly string[]>): string {
  const manifest = {
    kinds: kinds.map((k) => ({
      name: k.kind.name,
      title: k.kind.title,
      count: k.entries.length,
      pages: k.files,
      chunks: chunks.get(k.index) ?? [],
      categories: k.categories,
      categoryTitle: k.categoryField ? k.kind.fieldTitle(k.categoryField) : '',
    })),
    departments: departments.map((d) => ({ name: d.shortName, file: d.file(1) })),
  };
  return `qingdanSearchManifest(${scriptSafeJson(manifest)});\n`;
}
