import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../src/check/index.js';
import { rule } from '../../src/rules/article-out-of-range.js';
import { rule as renumberedArticle } from '../../src/rules/renumbered-article.js';
import { rule as unknownLaw } from '../../src/rules/unknown-law.js';
import { brief, catalogOf, DEPARTMENTS, LAWS, runRule } from '../helpers/tree.js';

const item = (basis: string) => `kind: items
entries:
  - code: '12345678901234'
    main_name: 食品经营监督
    name: 对食品经营者的行政处罚
    action: 行政处罚
    basis: ${basis}
    level: 区级
    department: market
`;

const LAW_WITHOUT_COUNT = `  - id: some-regulation
    title: 某某条例
    level: 行政法规
`;

const run = (basis: string) => runRule({ 'departments.yaml': DEPARTMENTS, 'laws.yaml': LAWS + LAW_WITHOUT_COUNT, 'items.yaml': item(basis) }, rule).diagnostics;

describe('article-out-of-range', () => {
  it('passes articles within the law, and laws whose article count is not recorded', () => {
    expect(run('《中华人民共和国行政处罚法》第八十六条、第一条、《食品安全法》第一百五十四条、《某某条例》第九百条')).toEqual([]);
  });

  it('reports an article past the last one, at the citation', () => {
    const diagnostics = run('《中华人民共和国行政处罚法》第三十三条、第九十条');
    expect(brief(diagnostics)).toEqual(['article-out-of-range/out-of-range items.yaml:7:32']);
    expect(diagnostics[0]!.location!.endColumn).toBe(32 + '第九十条'.length);
    expect(diagnostics[0]!.data).toMatchObject({ title: '中华人民共和国行政处罚法', articles: 86, article: '第九十条', article_en: 'Article 90' });
  });

  it('reports the end of a range past the last article', () => {
    const diagnostics = run('《食品安全法》第一百五十条至第一百六十条');
    expect(brief(diagnostics)).toEqual(['article-out-of-range/out-of-range items.yaml:7:12']);
    expect(diagnostics[0]!.data).toMatchObject({ articles: 154, article: '第一百六十条' });
  });

  it('reads Arabic article numbers too', () => {
    expect(brief(run('《行政处罚法》第87条'))).toEqual(['article-out-of-range/out-of-range items.yaml:7:12']);
  });

  it('finds the same when the other law rules have looked at the catalog first', () => {
    const files = {
      'departments.yaml': DEPARTMENTS,
      'laws.yaml': LAWS + LAW_WITHOUT_COUNT,
      'items.yaml': item('《某某法》第二条、《行政处罚法》第二十七条第二款、第九十条、《食品安全法》第一百六十条'),
    };
    const alone = checkCatalog(catalogOf(files), { rules: [rule] });
    expect(brief(alone)).toEqual(['article-out-of-range/out-of-range items.yaml:7:37', 'article-out-of-range/out-of-range items.yaml:7:42']);
    const catalog = catalogOf(files);
    checkCatalog(catalog, { rules: [unknownLaw, renumberedArticle] });
    expect(checkCatalog(catalog, { rules: [rule] })).toEqual(alone);
  });
});
