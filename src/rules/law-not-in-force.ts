/**
 * law-not-in-force: a citation of a law that is not in force on the edition's
 * date: repealed on or before it (named with the law that replaced it, if the
 * registry says), or not yet in effect (no text of it in force by then).
 * Real lists keep citing repealed law: 《环境噪声污染防治法》 after 2022-06-05.
 */
import type { MessageData } from '../core/diagnostics.js';
import type { Entry } from '../core/entry.js';
import type { Catalog } from '../link/index.js';
import { forEachTitleMention, lawCitations } from './_citations.js';
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
    scope: 'file',
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
  shares: [lawCitations],
  check({ catalog, report, shared }) {
    // What is wrong with each law on the date, worked out once per law (null: in force).
    const problems = new Map<Entry, Problem | null>();
    forEachTitleMention(shared(lawCitations), (mention) => {
      const law = mention.law?.entry;
      if (!law?.valid) return; // a law that failed its schema is reported there
      let problem = problems.get(law);
      if (problem === undefined) {
        problem = problemOf(catalog, law);
        problems.set(law, problem);
      }
      if (problem === null) return;
      report({
        entry: mention.entry,
        field: mention.path,
        start: mention.start,
        end: mention.end,
        messageId: problem.messageId,
        data: { title: mention.citation.title, ...problem.data },
      });
    });
  },
};

interface Problem {
  messageId: 'repealed' | 'not-yet';
  /** The message's data but the title (which is as each citation writes it). */
  data: MessageData;
}

/** Repealed on or before the edition's date, or not yet in force by then; null when in force. */
function problemOf(catalog: Catalog, law: Entry): Problem | null {
  const date = catalog.date;
  const repealed = law.getString('repealed');
  if (repealed !== undefined && repealed <= date) {
    const replacedBy = law.getString('replaced_by');
    const successor = replacedBy === undefined ? undefined : catalog.get('laws', replacedBy)?.getString('title');
    return {
      messageId: 'repealed',
      data: {
        repealed,
        date,
        replacement: successor ? `，已由《${successor}》替代` : '',
        replacement_en: successor ? `; it was replaced by 《${successor}》` : '',
      },
    };
  }
  if (!inForceBy(law, date)) return { messageId: 'not-yet', data: { effective: law.getString('effective'), date } };
  return null;
}
