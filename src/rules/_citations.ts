/**
 * What the law rules (unknown-law, law-not-in-force, renumbered-article,
 * article-out-of-range) share: every legal citation of every valid entry with
 * the law it names, each 《title》 as written, and citations in words.
 */
import type { Entry } from '../core/entry.js';
import type { Citation } from '../link/citation.js';
import type { Resolved } from '../link/directory.js';
import type { Catalog, Reference } from '../link/index.js';
import { toChineseNumeral } from '../link/numerals.js';

export interface LawCitation {
  entry: Entry;
  ref: Reference;
  citation: Citation;
  /** The law the title names, if the registry knows it. */
  law: Resolved | undefined;
}

/** Every citation of a law in the valid entries of every kind. */
export function* lawCitations(catalog: Catalog): Generator<LawCitation> {
  for (const kind of catalog.kinds.all()) {
    for (const entry of catalog.valid(kind.name)) {
      for (const ref of catalog.references(entry)) {
        if (ref.definition.to !== 'laws' || !ref.citation) continue;
        yield { entry, ref, citation: ref.citation, law: catalog.laws.resolve(ref.value) };
      }
    }
  }
}

export interface TitleMention extends LawCitation {
  /** The characters of 《title》 in the field's string. */
  start: number;
  end: number;
}

/**
 * Each 《title》 as written, once: a problem with the law itself is reported at
 * its title, not at every article cited after it (references that inherit the
 * title, and the several citations of one list such as 第十二、十三条, share it).
 */
export function* titleMentions(catalog: Catalog): Generator<TitleMention> {
  let last: Reference | undefined;
  let lastStart = -1;
  for (const cited of lawCitations(catalog)) {
    const { citation, ref } = cited;
    if (!citation.raw.startsWith('《')) continue;
    const samePlace = last !== undefined && last.entry === ref.entry && last.path.join('\0') === ref.path.join('\0') && lastStart === citation.start;
    last = ref;
    lastStart = citation.start;
    if (samePlace) continue;
    yield { ...cited, start: citation.start, end: citation.start + citation.raw.indexOf('》') + 1 };
  }
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
