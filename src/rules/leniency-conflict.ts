/**
 * leniency-conflict: one violation must not carry two treatments or two sets of
 * conditions (附件1 第26项). Entries are the same violation when their violation
 * text is the same after folding and they violate the same articles (however
 * the law's title is written); the order of conditions does not matter.
 */
import type { Entry } from '../core/entry.js';
import { foldKey } from '../core/text.js';
import type { Catalog } from '../link/index.js';
import type { Rule } from './types.js';
import { LABEL_FIELDS } from '../core/entry.js';
import { referenceFields } from './_reads.js';

const TREATMENT_EN: Record<string, string> = { 不予处罚: 'no penalty', 从轻处罚: 'a lighter penalty', 减轻处罚: 'a reduced penalty' };

export const rule: Rule = {
  meta: {
    id: 'leniency-conflict',
    category: 'leniency',
    description: {
      zh: '同一违法行为的处理方式或适用条件不一致',
      en: 'One violation listed with different treatments or conditions',
    },
    defaultSeverity: 'error',
    scope: { reads: (kind) => (kind.name === 'leniency' ? ['violation', 'treatment', 'conditions', 'violated', ...referenceFields(kind, 'laws'), ...LABEL_FIELDS] : undefined) },
    messages: {
      treatment: {
        zh: '违法行为“{violation}”在此为“{treatment}”，另一处为“{other}”。',
        en: 'Violation "{violation}" is treated here as {treatment} and elsewhere as {other}.',
      },
      conditions: {
        zh: '违法行为“{violation}”的适用条件与另一处不一致。',
        en: 'Violation "{violation}" has different conditions elsewhere.',
      },
      other: { zh: '另一处', en: 'listed differently here' },
    },
  },
  check({ catalog, report }) {
    const groups = new Map<string, Entry[]>();
    for (const entry of catalog.valid('leniency')) {
      const key = `${foldKey(entry.getString('violation') ?? '')}\u0000${violatedKey(catalog, entry)}`;
      const group = groups.get(key);
      if (group) group.push(entry);
      else groups.set(key, [entry]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const signatures = group.map(signature);
      const firstKey = signatures[0]!.key;
      const firstDifferent = signatures.findIndex((s) => s.key !== firstKey);
      if (firstDifferent < 0) continue; // repeated rows that agree are not a conflict
      group.forEach((entry, i) => {
        // Compared with the first entry that reads differently.
        const j = signatures[i]!.key === firstKey ? firstDifferent : 0;
        const other = group[j]!;
        const treatment = signatures[i]!.treatment;
        const otherTreatment = signatures[j]!.treatment;
        const differs = treatment !== otherTreatment ? 'treatment' : 'conditions';
        report({
          entry,
          field: [differs],
          messageId: differs,
          data: {
            violation: entry.label,
            treatment,
            treatment_en: TREATMENT_EN[treatment] ?? treatment,
            other: otherTreatment,
            other_en: TREATMENT_EN[otherTreatment] ?? otherTreatment,
          },
          related: [{ entry: other, field: [differs], messageId: 'other' }],
        });
      });
    }
  },
};

/** The articles an entry violates, as a sorted set of (law, article), whatever the title form. */
function violatedKey(catalog: Catalog, entry: Entry): string {
  const articles = new Set<string>();
  for (const ref of catalog.references(entry, 'laws')) {
    if (ref.path[0] !== 'violated' || !ref.citation) continue;
    const law = catalog.laws.resolve(ref.citation.title)?.canonical ?? ref.citation.title;
    articles.add(`${foldKey(law).replace(/^中华人民共和国/, '')}#${ref.citation.article ?? ''}`);
  }
  // Text without a readable citation: compare the text itself.
  return articles.size > 0 ? [...articles].sort().join('|') : foldKey(entry.getString('violated') ?? '');
}

function signature(entry: Entry): { key: string; treatment: string } {
  const treatment = entry.getString('treatment') ?? '';
  const conditions = entry.get('conditions');
  const folded = Array.isArray(conditions) ? conditions.map((c) => foldKey(String(c))).sort() : [];
  return { key: JSON.stringify([treatment, folded]), treatment };
}
