/**
 * leniency-ground: a leniency treatment must rest on the article of the
 * Administrative Penalty Law (2021) that provides for it (附件1 第26项, "依法"):
 * 不予处罚 on 第三十三条, 从轻处罚 and 减轻处罚 on 第三十二条. The first-violation
 * clause of 第三十三条第一款 is permissive (可以不予): conditions that rest on
 * 首次违法 must not claim 应当/一律不予.
 *
 * Citations of an article that the law registry lists as renumbered (old
 * 第二十七条) are renumbered-article's to report; they are not judged here.
 */
import type { Entry } from '../core/entry.js';
import { foldKey } from '../core/text.js';
import type { Citation } from '../link/citation.js';
import type { DataPath } from '../load/source.js';
import { provisionEn, provisionZh, type Provision } from './_citations.js';
import type { Rule, RuleContext } from './types.js';

const PRC = '中华人民共和国';
const PENALTY_LAW_KEY = '行政处罚法';

/** The article each treatment rests on. */
const EXPECTED_ARTICLE: Record<string, number> = { 不予处罚: 33, 从轻处罚: 32, 减轻处罚: 32 };
const TREATMENT_EN: Record<string, string> = { 不予处罚: 'no penalty', 从轻处罚: 'a lighter penalty', 减轻处罚: 'a reduced penalty' };

const FIRST_VIOLATION = /首次违法|初次违法/;
const SHALL_NOT_PUNISH = /(?:应当|一律|必须|应)不予/;

export const rule: Rule = {
  meta: {
    id: 'leniency-ground',
    category: 'leniency',
    description: {
      zh: '处理方式与其法律依据（行政处罚法第三十二条、第三十三条）不符',
      en: 'A leniency treatment that does not match its legal ground (Administrative Penalty Law, Articles 32 and 33)',
    },
    defaultSeverity: 'error',
    scope: 'file',
    messages: {
      'no-ground': {
        zh: '“{treatment}”的法律依据未引用《中华人民共和国行政处罚法》的具体条款，应为{expected}。',
        en: 'The ground for {treatment} cites no article of the Administrative Penalty Law; it should be {expected}.',
      },
      'wrong-article': {
        zh: '“{treatment}”应依据《中华人民共和国行政处罚法》{expected}，而不是{cited}。',
        en: 'A treatment of {treatment} rests on {expected} of the Administrative Penalty Law, not on {cited}.',
      },
      'first-violation-may': {
        zh: '初次违法的，《中华人民共和国行政处罚法》第三十三条第一款规定的是“可以不予行政处罚”，不能写作“{phrase}”。',
        en: 'For a first violation, Article 33(1) of the Administrative Penalty Law says the authority "may" waive the penalty; "{phrase}" claims it must.',
      },
    },
  },
  check({ catalog, report }) {
    // Per title as written: null when it does not name the Administrative Penalty Law, else
    // the provisions the registry lists as renumbered (none when the registry lacks the law).
    const penaltyLaws = new Map<string, readonly RenumberedProvision[] | null>();
    const penaltyLaw = (title: string): readonly RenumberedProvision[] | null => {
      let found = penaltyLaws.get(title);
      if (found === undefined) {
        const law = catalog.laws.resolve(title)?.entry;
        found = namesPenaltyLaw(law?.getString('title') ?? title) ? (law ? renumberedProvisions(law) : []) : null;
        penaltyLaws.set(title, found);
      }
      return found;
    };

    for (const entry of catalog.valid('leniency')) {
      const treatment = entry.getString('treatment') ?? '';
      const expected = EXPECTED_ARTICLE[treatment];
      if (expected === undefined) continue;
      const treatmentData = { treatment, treatment_en: TREATMENT_EN[treatment] };

      const cited: Citation[] = [];
      let renumbered = false;
      for (const ref of catalog.references(entry)) {
        const citation = ref.citation;
        if (ref.path[0] !== 'ground' || !citation || citation.article === undefined) continue;
        const moved = penaltyLaw(citation.title);
        if (!moved) continue;
        if (isRenumbered(moved, citation)) renumbered = true;
        else cited.push(citation);
      }

      if (cited.length === 0) {
        if (!renumbered) {
          report({ entry, field: ['ground'], messageId: 'no-ground', data: { ...treatmentData, ...articleData('expected', expected) } });
        }
      } else if (!cited.some((c) => c.article === expected)) {
        const first = cited[0]!;
        report({
          entry,
          field: ['ground'],
          start: first.start,
          end: first.end,
          messageId: 'wrong-article',
          data: { ...treatmentData, ...articleData('expected', expected), ...articleData('cited', first.article!, first.paragraph) },
        });
      }

      if (treatment === '不予处罚') checkFirstViolation(entry, report);
    }
  },
};

/** Conditions on 首次违法 make the entry permissive: no 应当不予 / 一律不予 in conditions or remarks. */
function checkFirstViolation(entry: Entry, report: RuleContext['report']): void {
  const conditions = entry.get('conditions');
  if (!Array.isArray(conditions) || !conditions.some((c) => typeof c === 'string' && FIRST_VIOLATION.test(c))) return;
  const fields: [DataPath, unknown][] = conditions.map((c, i) => [['conditions', i], c]);
  fields.push([['remarks'], entry.get('remarks')]);
  for (const [field, text] of fields) {
    if (typeof text !== 'string') continue;
    const match = SHALL_NOT_PUNISH.exec(text);
    if (!match) continue;
    report({
      entry,
      field,
      start: match.index,
      end: match.index + match[0].length,
      messageId: 'first-violation-may',
      data: { phrase: match[0] },
    });
  }
}

/** A law registry title, or a title as written when the registry lacks it, with or without 中华人民共和国. */
function namesPenaltyLaw(title: string): boolean {
  return foldKey(title).replace(PRC, '') === PENALTY_LAW_KEY;
}

/** The article (and paragraph) a renumbering moved away: its `from`, 27.2 or 27. */
interface RenumberedProvision {
  article: number;
  paragraph: number | undefined;
}

/** The provisions the law registry lists as renumbered for a law. */
function renumberedProvisions(law: Entry): RenumberedProvision[] {
  const renumberings = law.get('renumberings');
  if (!Array.isArray(renumberings)) return [];
  const out: RenumberedProvision[] = [];
  for (const r of renumberings as { from?: unknown }[]) {
    if (typeof r?.from !== 'string') continue;
    const [article, paragraph] = r.from.split('.').map(Number);
    out.push({ article: article!, paragraph });
  }
  return out;
}

/** Does the law registry list the cited article (and paragraph) as renumbered? */
function isRenumbered(renumbered: readonly RenumberedProvision[], citation: Citation): boolean {
  return renumbered.some(({ article, paragraph }) => {
    if (article !== citation.article) return false;
    return paragraph === undefined || citation.paragraph === undefined || paragraph === citation.paragraph;
  });
}

function articleData(key: string, article: number, paragraph?: number): Record<string, string> {
  const provision: Provision = paragraph === undefined ? { article } : { article, paragraph };
  return { [key]: provisionZh(provision), [`${key}_en`]: provisionEn(provision) };
}
