/**
 * renumbered-article: a citation of an article (or paragraph) number that a
 * revision in force on the edition's date moved elsewhere, as the law registry
 * records under `renumberings` (from: 27.2, to: 33.1). 《行政处罚法》第二十七条第二款
 * cited after 2021-07-15 is now 第三十三条第一款; 第二十七条 without a paragraph
 * moved to two places, and both are named. Several revisions chain in order.
 */
import type { Entry } from '../core/entry.js';
import { forEachLawCitation, lawCitations, provisionEn, provisionZh, type Provision } from './_citations.js';
import type { Rule } from './types.js';

interface Renumbering {
  effective: string;
  from: { article: number; paragraph?: number };
  to: { article: number; paragraph?: number };
}

function parsePosition(text: string): { article: number; paragraph?: number } {
  const [article, paragraph] = text.split('.').map(Number);
  return paragraph === undefined ? { article: article! } : { article: article!, paragraph };
}

/** The law's renumberings in force on the date, grouped by revision (effective date), oldest first. */
function revisionsInForce(value: unknown, date: string): Renumbering[][] {
  if (!Array.isArray(value)) return [];
  const byDate = new Map<string, Renumbering[]>();
  for (const r of value as { effective: string; from: string; to: string }[]) {
    if (r.effective > date) continue;
    const list = byDate.get(r.effective) ?? [];
    list.push({ effective: r.effective, from: parsePosition(r.from), to: parsePosition(r.to) });
    byDate.set(r.effective, list);
  }
  return [...byDate.keys()].sort().map((d) => byDate.get(d)!);
}

/** Where one revision put a provision: itself if untouched, else every place its parts went. */
function move(p: Provision, revision: readonly Renumbering[]): Provision[] {
  const matches = revision.filter(
    (r) => r.from.article === p.article && (r.from.paragraph === undefined || p.paragraph === undefined || r.from.paragraph === p.paragraph),
  );
  if (matches.length === 0) return [p];
  return matches.map((r) => {
    const moved: Provision = { article: r.to.article };
    // A whole article moved keeps its paragraphs; a paragraph moved to an article or paragraph takes the new place.
    const paragraph = r.from.paragraph === undefined ? (r.to.paragraph ?? p.paragraph) : r.to.paragraph;
    if (paragraph !== undefined) moved.paragraph = paragraph;
    if (p.item !== undefined && (p.paragraph !== undefined || r.from.paragraph === undefined)) moved.item = p.item;
    return moved;
  });
}

export const rule: Rule = {
  meta: {
    id: 'renumbered-article',
    category: 'references',
    description: { zh: '引用了修订后已调整序号的条款', en: 'A cited article that a revision renumbered' },
    defaultSeverity: 'error',
    scope: 'file',
    messages: {
      renumbered: {
        zh: '《{title}》{old}自 {effective} 起已调整为{new}。',
        en: '《{title}》 {old_en} became {new_en} on {effective}.',
      },
    },
  },
  shares: [lawCitations],
  check({ catalog, report, shared }) {
    const revisionsByLaw = new Map<Entry, Renumbering[][]>();
    forEachLawCitation(shared(lawCitations), (entry, path, citation, law) => {
      // 第二十七条之一 is another article, and a range (第十条至第十二条) has no single new place.
      if (!law?.entry.valid || citation.article === undefined || citation.articleSuffix !== undefined || citation.articleTo !== undefined) return;
      let revisions = revisionsByLaw.get(law.entry);
      if (!revisions) {
        revisions = revisionsInForce(law.entry.get('renumberings'), catalog.date);
        revisionsByLaw.set(law.entry, revisions);
      }
      if (revisions.length === 0) return; // most laws: nothing renumbered
      const cited: Provision = { article: citation.article };
      if (citation.paragraph !== undefined) cited.paragraph = citation.paragraph;
      if (citation.item !== undefined) cited.item = citation.item;
      let now = [cited];
      let effective: string | undefined;
      for (const revision of revisions) {
        const next = now.flatMap((p) => move(p, revision));
        if (next.length !== now.length || next.some((p, i) => p !== now[i])) effective = revision[0]!.effective;
        now = next;
      }
      if (effective === undefined) return;
      const places = [...new Map(now.map((p) => [provisionZh(p), p])).values()];
      report({
        entry,
        field: path,
        start: citation.start,
        end: citation.end,
        messageId: 'renumbered',
        data: {
          title: citation.title,
          old: provisionZh(cited),
          old_en: provisionEn(cited),
          new: places.map(provisionZh).join('或'),
          new_en: places.map(provisionEn).join(' or '),
          effective,
        },
      });
    });
  },
};
