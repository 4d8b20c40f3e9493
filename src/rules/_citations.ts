/**
 * What the law rules (unknown-law, law-not-in-force, renumbered-article,
 * article-out-of-range) share: every legal citation of every valid entry with
 * the law it names, each 《title》 as written, and citations in words; and,
 * with the department rules, the references to one kind, gathered once.
 */
import type { Entry } from '../core/entry.js';
import type { Citation } from '../link/citation.js';
import type { Resolved } from '../link/directory.js';
import type { Catalog, Reference } from '../link/index.js';
import type { DataPath } from '../load/source.js';
import { toChineseNumeral } from '../link/numerals.js';

export interface LawCitation {
  entry: Entry;
  ref: Reference;
  citation: Citation;
  /** The law the title names, if the registry knows it. */
  law: Resolved | undefined;
}

const referencesByCatalog = new WeakMap<Catalog, Map<string, Reference[]>>();

/**
 * The references to one kind (`laws`, `departments` …) in the valid entries
 * of every kind, in order (kinds, entries, each entry's references): gathered
 * once per catalog for every rule that asks.
 */
export function referencesTo(catalog: Catalog, to: string): readonly Reference[] {
  let byKind = referencesByCatalog.get(catalog);
  if (!byKind) {
    byKind = new Map();
    referencesByCatalog.set(catalog, byKind);
  }
  let refs = byKind.get(to);
  if (!refs) {
    refs = [];
    for (const kind of catalog.kinds.all()) {
      // Only reference definitions make references: a kind without one to `to` has none.
      if (!kind.references.some((d) => d.to === to)) continue;
      for (const entry of catalog.valid(kind.name)) {
        for (const ref of catalog.references(entry)) if (ref.definition.to === to) refs.push(ref);
      }
    }
    byKind.set(to, refs);
  }
  return refs;
}

/** Every citation of a law, with the law it names (LawCitation in two arrays). */
interface LawCitations {
  refs: Reference[];
  laws: (Resolved | undefined)[];
}

const citationsByCatalog = new WeakMap<Catalog, LawCitations>();

function citationsOf(catalog: Catalog): LawCitations {
  let found = citationsByCatalog.get(catalog);
  if (!found) {
    found = { refs: [], laws: [] };
    // A title resolves the same wherever it is written: looked up once (a title not written exactly as registered is folded to find it).
    const byTitle = new Map<string, Resolved | undefined>();
    for (const ref of referencesTo(catalog, 'laws')) {
      if (!ref.citation) continue;
      let law = byTitle.get(ref.value);
      if (law === undefined && !byTitle.has(ref.value)) {
        law = catalog.laws.resolve(ref.value);
        byTitle.set(ref.value, law);
      }
      found.refs.push(ref);
      found.laws.push(law);
    }
    citationsByCatalog.set(catalog, found);
  }
  return found;
}

export type LawCitationVisitor = (entry: Entry, ref: Reference, citation: Citation, law: Resolved | undefined) => void;

/**
 * Every citation of a law in the valid entries of every kind, in order: the
 * without an object per citation (the citations and the laws they name are
 * gathered once per catalog for all the law rules).
 */
export function forEachLawCitation(catalog: Catalog, visit: LawCitationVisitor): void {
  const { refs, laws } = citationsOf(catalog);
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i]!;
    visit(ref.entry, ref, ref.citation!, laws[i]);
  }
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
function newTitles(): (ref: Reference, citation: Citation) => boolean {
  let last: Reference | undefined;
  let lastStart = -1;
  return (ref, citation) => {
    if (citation.raw.charCodeAt(0) !== 0x300a /* 《 */) return false;
    const samePlace = last !== undefined && last.entry === ref.entry && lastStart === citation.start && samePath(last.path, ref.path);
    last = ref;
    lastStart = citation.start;
    return !samePlace;
  };
}

function mention(entry: Entry, ref: Reference, citation: Citation, law: Resolved | undefined): TitleMention {
  return { entry, ref, citation, law, start: citation.start, end: citation.start + citation.raw.indexOf('》') + 1 };
}

/**
 * Each 《title》 as written, once: a problem with the law itself is reported at
 * its title, not at every article cited after it (references that inherit the
 * title, and the several citations of one list such as 第十二、十三条, share it).
 */
export function forEachTitleMention(catalog: Catalog, visit: (mention: TitleMention) => void): void {
  const isNew = newTitles();
  forEachLawCitation(catalog, (entry, ref, citation, law) => {
    if (isNew(ref, citation)) visit(mention(entry, ref, citation, law));
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
