/**
 * article-out-of-range: a citation of an article past the last article of the
 * law's current text (`articles` in the law registry): 《行政处罚法》第九十条
 * when the law has 86 articles.
 */
import type { Entry } from '../core/entry.js';
import { forEachLawCitation, lawCitations, provisionEn, provisionZh } from './_citations.js';
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'article-out-of-range',
    category: 'references',
    description: { zh: '引用的条文序号超出法规的条文数', en: 'A cited article beyond the last article of the law' },
    defaultSeverity: 'error',
    scope: 'file',
    messages: {
      'out-of-range': {
        zh: '《{title}》只有 {articles} 条，没有{article}。',
        en: '《{title}》 has {articles} articles; there is no {article_en}.',
      },
    },
  },
  shares: [lawCitations],
  check({ report, shared }) {
    // Each law's number of articles, read once (undefined: not known, nothing to check).
    const articlesByLaw = new Map<Entry, number | undefined>();
    const articlesOf = (law: Entry): number | undefined => {
      if (!articlesByLaw.has(law)) {
        const articles = law.get('articles');
        articlesByLaw.set(law, typeof articles === 'number' ? articles : undefined);
      }
      return articlesByLaw.get(law);
    };
    forEachLawCitation(shared(lawCitations), (entry, path, citation, law) => {
      const articles = law?.entry.valid ? articlesOf(law.entry) : undefined;
      if (articles === undefined) return;
      const { article, articleTo } = citation;
      const beyond = article !== undefined && article > articles ? article : articleTo !== undefined && articleTo > articles ? articleTo : undefined;
      if (beyond === undefined) return;
      report({
        entry,
        field: path,
        start: citation.start,
        end: citation.end,
        messageId: 'out-of-range',
        data: { title: citation.title, articles, article: provisionZh({ article: beyond }), article_en: provisionEn({ article: beyond }) },
      });
    });
  },
};
