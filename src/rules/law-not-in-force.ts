/**
 * law-not-in-force: a citation of a law that is not in force on the edition's
 * date: repealed on or before it (named with the law that replaced it, if the
 * registry says), or not yet in effect (no text of it in force by then).
 * Real lists keep citing repealed law: 《环境噪声污染防治法》 after 2022-06-05.
 */
import type { Entry } from '../core/entry.js';
import { titleMentions } from './_citations.js';
import type { Rule } from './types.js';

/** Did some text of the law take effect on or before the date (an earlier version counts)? */
function inForceBy(law: Entry, date: string): boolean {
  const effective = law.getString('effective');
  if (effective === undefined || effective <= date) return true;
  const revisions = law.get('revisions');
  if (!Array.isArray(revisions)) return false;
  return revisions.some((r: { date?: unknown; effective?: unknown }) => {
    const from = typeof r?.effective === 'string' ? r.effective : r?.date;
    return typeof from === 'string' && from <= date;
  });
}

export const rule: Rule = {
  meta: {
    id: 'law-not-in-force',
    category: 'references',
    description: { zh: '引用的法规在版本日期已废止或尚未施行', en: 'A cited law that is repealed or not yet in force on the edition date' },
    defaultSeverity: 'error',
    messages: {
      repealed: {
        zh: '《{title}》已于 {repealed} 废止（版本日期 {date}）{replacement}。',
        en: '《{title}》 was repealed on {repealed} (edition date {date}){replacement_en}.',
      },
      'not-yet': {
        zh: '《{title}》自 {effective} 起施行，版本日期 {date} 时尚未施行。',
        en: '《{title}》 takes effect on {effective}, after the edition date {date}.',
      },
    },
  },
  check({ catalog, report }) {
    const date = catalog.date;
    for (const mention of titleMentions(catalog)) {
      const law = mention.law?.entry;
      if (!law?.valid) continue; // a law that failed its schema is reported there
      const where = { entry: mention.entry, field: mention.ref.path, start: mention.start, end: mention.end };
      const title = mention.citation.title;
      const repealed = law.getString('repealed');
      if (repealed !== undefined && repealed <= date) {
        const replacedBy = law.getString('replaced_by');
        const successor = replacedBy === undefined ? undefined : catalog.get('laws', replacedBy)?.getString('title');
        report({
          ...where,
          messageId: 'repealed',
          data: {
            title,
            repealed,
            date,
            replacement: successor ? `，已由《${successor}》替代` : '',
            replacement_en: successor ? `; it was replaced by 《${successor}》` : '',
          },
        });
      } else if (!inForceBy(law, date)) {
        report({ ...where, messageId: 'not-yet', data: { title, effective: law.getString('effective'), date } });
      }
    }
  },
};
