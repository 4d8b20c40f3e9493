/**
 * term-definition: a term used in leniency conditions (首次违法, 危害后果轻微 …)
 * means one thing across the lists. Definitions are compared after folding
 * width, spaces and punctuation; the most common one (the first written, on a
 * tie) is taken as the list's, and every other is reported.
 */
import type { Entry } from '../core/entry.js';
import { foldKey } from '../core/text.js';
import type { Rule } from './types.js';
import { readsOf } from './_reads.js';

interface Definition {
  entry: Entry;
  index: number;
  term: string;
  definition: string;
}

export const rule: Rule = {
  meta: {
    id: 'term-definition',
    category: 'leniency',
    description: { zh: '同一用语在不同条目中的释义不一致', en: 'One term defined in different ways' },
    defaultSeverity: 'warning',
    scope: { reads: readsOf({ leniency: ['terms'] }) },
    messages: {
      differs: {
        zh: '用语“{term}”在此的释义与最常见的释义“{common}”不同。',
        en: 'Term "{term}" is defined here differently from its most common definition, "{common}".',
      },
      common: { zh: '最常见的释义（共 {count} 处）', en: 'the most common definition ({count} in all)' },
    },
  },
  check({ catalog, report }) {
    /** term key → definition key → definitions, in file order. */
    const byTerm = new Map<string, Map<string, Definition[]>>();
    for (const entry of catalog.valid('leniency')) {
      const terms = entry.get('terms');
      if (!Array.isArray(terms)) continue;
      terms.forEach((t: { term: string; definition: string }, index) => {
        const termKey = foldKey(t.term);
        let variants = byTerm.get(termKey);
        if (!variants) byTerm.set(termKey, (variants = new Map()));
        const definitionKey = foldKey(t.definition);
        const list = variants.get(definitionKey);
        const definition = { entry, index, term: t.term, definition: t.definition };
        if (list) list.push(definition);
        else variants.set(definitionKey, [definition]);
      });
    }
    for (const variants of byTerm.values()) {
      if (variants.size < 2) continue;
      let common: Definition[] = [];
      for (const list of variants.values()) if (list.length > common.length) common = list;
      const model = common[0]!;
      for (const list of variants.values()) {
        if (list === common) continue;
        for (const d of list) {
          report({
            entry: d.entry,
            field: ['terms', d.index, 'definition'],
            messageId: 'differs',
            data: { term: d.term, count: common.length, common: model.definition },
            related: [{ entry: model.entry, field: ['terms', model.index, 'definition'], messageId: 'common', data: { count: common.length } }],
          });
        }
      }
    }
  },
};
