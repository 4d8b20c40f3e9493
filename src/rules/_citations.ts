/**
 * What the law rules (unknown-law, law-not-in-force, renumbered-article,
 * article-out-of-range) share: every legal citation of every valid entry with
 * the law it names, each 《title》 as written, and citations in words; and
 * what the department rules share: every reference to a department. Both are
 * shared values (made once per check, let go after the last rule that shares them).
 */
import type { Entry } from '../core/entry.js';
import type { Citation } from '../link/citation.js';
import type { Resolved } from '../link/directory.js';
import type { Catalog, Reference } from '../link/index.js';
import type { DataPath } from '../load/source.js';
import { toChineseNumeral } from '../link/numerals.js';
import type { SharedValue } from './types.js';

export interface LawCitation {
  entry: Entry;
  /** The field that cites it (its `start` and `end` are the citation's). */
  path: DataPath;
  citation: Citation;
  /** The law the title names, if the registry knows it. */
  law: Resolved | undefined;
}

/**
 * The references to one kind (`laws`, `departments` …) in the valid entries
 * of every kind, in order (kinds, entries, each entry's references).
 */
function referencesTo(catalog: Catalog, to: string, visit: (ref: Reference) => void): void {
  for (const kind of catalog.kinds.all()) {
    // Only reference definitions make references: a kind without one to `to` has none.
    if (!kind.references.some((d) => d.to === to)) continue;
    for (const entry of catalog.valid(kind.name)) {
      for (const ref of catalog.references(entry)) if (ref.definition.to === to) visit(ref);
    }
  }
}

/** Every reference to a department, in order (see referencesTo). */
export const departmentReferences: SharedValue<readonly Reference[]> = {
  name: 'department references',
  make(catalog) {
    const refs: Reference[] = [];
    referencesTo(catalog, 'departments', (ref) => refs.push(ref));
    return refs;
  },
};

/**
 * Every citation of a law, with the law it names: LawCitation in one array
 * per part, not an object per citation (a million entries cite laws millions
 * of times; the citations and paths are shared with the catalog's references).
 */
export interface LawCitations {
  entries: Entry[];
  paths: DataPath[];
  citations: Citation[];
  laws: (Resolved | undefined)[];
}

/** Every citation of a law, in order (see referencesTo). */
export const lawCitations: SharedValue<LawCitations> = {
  name: 'law citations',
  make(catalog) {
    const found: LawCitations = { entries: [], paths: [], citations: [], laws: [] };
    // A title resolves the same wherever it is written: looked up once (a title not written exactly as registered is folded to find it).
    const byTitle = new Map<string, Resolved | undefined>();
    referencesTo(catalog, 'laws', (ref) => {
      if (!ref.citation) return;
      let law = byTitle.get(ref.value);
      if (law === undefined && !byTitle.has(ref.value)) {
        law = catalog.laws.resolve(ref.value);
        byTitle.set(ref.value, law);
      }
      found.entries.push(ref.entry);
      found.paths.push(ref.path);
      found.citations.push(ref.citation);
      found.laws.push(law);
    });
    return found;
  },
};

export type LawCitationVisitor = (entry: Entry, path: DataPath, citation: Citation, law: Resolved | undefined) => void;

/**
 * Every citation of a law in the valid entries of every kind, in order,
 * without an object per citation (the citations and the laws they name are
 * the shared lawCitations).
 */
export function forEachLawCitation({ entries, paths, citations, laws }: LawCitations, visit: LawCitationVisitor): void {
  for (let i = 0; i < entries.length; i++) visit(entries[i]!, paths[i]!, citations[i]!, laws[i]);
}

export interface TitleMention extends LawCitation {
  /** The characters of 《title》 in the field's string. */
  start: number;
  end: number;
}

/** Equal as Array.prototype.join would make them (a path element is a string or an index). */
function samePath(a: DataPath, b: DataPath): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && String(a[i]) !== String(b[i])) return false;
  return true;
}

/**
 * Tells, citation by citation in order, the ones that start a 《title》 as
 * written (the citations after it in one reference or list share its place).
 */
function newTitles(): (entry: Entry, path: DataPath, citation: Citation) => boolean {
  let lastEntry: Entry | undefined;
  let lastPath: DataPath = [];
  let lastStart = -1;
  return (entry, path, citation) => {
    if (citation.raw.charCodeAt(0) !== 0x300a /* 《 */) return false;
    const samePlace = lastEntry === entry && lastStart === citation.start && samePath(lastPath, path);
    lastEntry = entry;
    lastPath = path;
    lastStart = citation.start;
    return !samePlace;
  };
}

function mention(entry: Entry, path: DataPath, citation: Citation, law: Resolved | undefined): TitleMention {
  return { entry, path, citation, law, start: citation.start, end: citation.start + citation.raw.indexOf('》') + 1 };
}

/**
 * Each 《title》 as written, once: a problem with the law itself is reported at
 * its title, not at every article cited after it (references that inherit the
 * title, and the several citations of one list such as 第十二、十三条, share it).
 */
export function forEachTitleMention(citations: LawCitations, visit: (mention: TitleMention) => void): void {
  const isNew = newTitles();
  forEachLawCitation(citations, (entry, path, citation, law) => {
    if (isNew(entry, path, citation)) visit(mention(entry, path, citation, law));
  });
}

export interface Provision {
  article: number;
  articleSuffix?: number;
  paragraph?: number;
  item?: number;
}

/** Chinese numerals as laws write them; Arabic digits past what they cover (a typo such as 第12345条). */
function numeral(n: number): string {
  return n <= 9999 ? toChineseNumeral(n) : String(n);
}

/** 第三十三条第一款第（二）项 */
export function provisionZh(p: Provision): string {
  let out = `第${numeral(p.article)}条`;
  if (p.articleSuffix !== undefined) out += `之${numeral(p.articleSuffix)}`;
  if (p.paragraph !== undefined) out += `第${numeral(p.paragraph)}款`;
  if (p.item !== undefined) out += `第（${numeral(p.item)}）项`;
  return out;
}

/** Article 33(1)(2) */
export function provisionEn(p: Provision): string {
  let out = `Article ${p.article}`;
  if (p.articleSuffix !== undefined) out += `-${p.articleSuffix}`;
  if (p.paragraph !== undefined) out += `(${p.paragraph})`;
  if (p.item !== undefined) out += `(${p.item})`;
  return out;
}
