import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/renumbered-article.js';
import { brief, DEPARTMENTS, LAWS, runRule } from '../helpers/tree.js';

const leniency = (ground: string) => `kind: leniency
entries:
  - code: SCJG-RC-001
    category: 食品经营
    violation: 未按规定公示食品经营许可证
    violated: 《中华人民共和国食品安全法》第三十五条
    penalty_basis: 《中华人民共和国食品安全法》第一百二十六条
    treatment: 不予处罚
    conditions: [首次违法, 危害后果轻微, 及时改正]
    ground: ${ground}
    department: market
`;

const run = (date: string, ground: string) =>
  runRule({ 'qingdan.config.yaml': `edition:\n  date: ${date}\n`, 'departments.yaml': DEPARTMENTS, 'laws.yaml': LAWS, 'leniency.yaml': leniency(ground) }, rule)
    .diagnostics;

describe('renumbered-article', () => {
  it('passes the new numbers, other paragraphs, and old numbers before the revision took effect', () => {
    expect(run('2022-01-01', '《中华人民共和国行政处罚法》第三十三条第一款、第三十二条、第二十七条第三款')).toEqual([]);
    expect(run('2021-07-14', '《中华人民共和国行政处罚法》第二十七条第二款')).toEqual([]);
  });

  it('names the new number of a renumbered paragraph, at the citation', () => {
    const diagnostics = run('2021-07-15', '《中华人民共和国行政处罚法》第二十七条第二款');
    expect(brief(diagnostics)).toEqual(['renumbered-article/renumbered leniency.yaml:10:13']);
    expect(diagnostics[0]!.location!.endColumn).toBe(13 + '《中华人民共和国行政处罚法》第二十七条第二款'.length);
    expect(diagnostics[0]!.data).toMatchObject({
      title: '中华人民共和国行政处罚法',
      old: '第二十七条第二款',
      old_en: 'Article 27(2)',
      new: '第三十三条第一款',
      new_en: 'Article 33(1)',
      effective: '2021-07-15',
    });
  });

  it('names both new places of an article cited without its paragraph, and keeps the item', () => {
    const diagnostics = run('2023-01-01', '《行政处罚法》第二十七条；《行政处罚法》第二十七条第一款第（一）项');
    expect(brief(diagnostics)).toEqual(['renumbered-article/renumbered leniency.yaml:10:13', 'renumbered-article/renumbered leniency.yaml:10:26']);
    expect(diagnostics.map((d) => [d.data.old, d.data.new, d.data.new_en])).toEqual([
      ['第二十七条', '第三十二条或第三十三条第一款', 'Article 32 or Article 33(1)'],
      ['第二十七条第一款第（一）项', '第三十二条第（一）项', 'Article 32(1)'],
    ]);
  });

  it('follows renumberings of successive revisions in order', () => {
    const laws = LAWS + `  - id: some-regulation
    title: 某某条例
    level: 行政法规
    effective: 2020-01-01
    renumberings:
      - { effective: 2015-01-01, from: '10', to: '12' }
      - { effective: 2020-01-01, from: '12.2', to: '15' }
`;
    const files = (ground: string) => ({ 'qingdan.config.yaml': 'edition:\n  date: 2021-01-01\n', 'departments.yaml': DEPARTMENTS, 'laws.yaml': laws, 'leniency.yaml': leniency(ground) });
    const { diagnostics } = runRule(files('《某某条例》第十条第二款、第十条第一款'), rule);
    expect(diagnostics.map((d) => [d.data.old, d.data.new, d.data.effective])).toEqual([
      ['第十条第二款', '第十五条', '2020-01-01'],
      ['第十条第一款', '第十二条第一款', '2015-01-01'],
    ]);
  });
});
