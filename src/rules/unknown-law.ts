/**
 * unknown-law: a citation of a law that the law registry (法律法规依据库) does not
 * know, by its title or a short title, with the closest registered title as a
 * suggestion. Reported once per 《title》 as written.
 */
import { closest } from '../core/suggest.js';
import { forEachTitleMention, lawCitations } from './_citations.js';
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'unknown-law',
    category: 'references',
    description: { zh: '引用了法律法规依据库中不存在的法规', en: 'A cited law that the law registry does not know' },
    defaultSeverity: 'error',
    scope: 'file',
    messages: {
      unknown: {
        zh: '《{title}》不在法律法规依据库中{suggestion}。',
        en: '《{title}》 is not in the law registry{suggestion_en}.',
      },
    },
  },
  shares: [lawCitations],
  check({ catalog, report, shared }) {
    const names = catalog.laws.names();
    // One search of the registry per distinct unknown title.
    const suggestions = new Map<string, string | undefined>();
    const suggest = (title: string): string | undefined => {
      if (!suggestions.has(title)) {
        const guess = closest(title, names, 0.34);
        suggestions.set(title, guess ? catalog.laws.resolve(guess)?.canonical : undefined);
      }
      return suggestions.get(title);
    };
    forEachTitleMention(shared(lawCitations), (mention) => {
      if (mention.law) return;
      const title = mention.citation.title;
      const known = suggest(title);
      report({
        entry: mention.entry,
        field: mention.path,
        start: mention.start,
        end: mention.end,
        messageId: 'unknown',
        data: {
          title,
          suggestion: known ? `，是否为《${known}》？` : '',
          suggestion_en: known ? `; did you mean 《${known}》?` : '',
        },
      });
    });
  },
};
