/**
 * article-out-of-range: a citation of an article past the last article of the
 * law's current text (`articles` in the law registry): 《行政处罚法》第九十条
 * when the law has 86 articles.
 */
import { lawCitations, provisionEn, provisionZh } from './_citations.js';
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'article-out-of-range',
    category: 'references',
    description: { zh: '引用的条文序号超出法规的条文数', en: 'A cited article beyond the last article of the law' },
    defaultSeverity: 'error',
    messages: {
      'out-of-range': {
        zh: '《{title}》只有 {articles} 条，没有{article}。',
        en: '《{title}》 has {articles} articles; there is no {article_en}.',
      },
    },
  },
  check({ catalog, report }) {
    for (const { entry, ref, citation, law } of lawCitations(catalog)) {
      const articles = law?.entry.valid ? law.entry.get('articles') : undefined;
      if (typeof articles !== 'number') continue;
      const beyond = [citation.article, citation.articleTo].find((n) => n !== undefined && n > articles);
      if (beyond === undefined) continue;
      report({
        entry,
        field: ref.path,
        start: ref.start,
        end: ref.end,
        messageId: 'out-of-range',
        data: { title: citation.title, articles, article: provisionZh({ article: beyond }), article_en: provisionEn({ article: beyond }) },
      });
    }
  },
};
