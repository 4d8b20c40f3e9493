import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/law-not-in-force.js';
import { brief, DEPARTMENTS, runRule } from '../helpers/tree.js';

const LAWS = `kind: laws
entries:
  - id: environmental-noise-law
    title: 中华人民共和国环境噪声污染防治法
    short_titles: [环境噪声污染防治法]
    level: 法律
    effective: 1997-03-01
    repealed: 2022-06-05
    replaced_by: noise-law
  - id: noise-law
    title: 中华人民共和国噪声污染防治法
    short_titles: [噪声污染防治法]
    level: 法律
    effective: 2022-06-05
  - id: old-regulation
    title: 某某管理办法
    level: 部门规章
    effective: 2005-01-01
    repealed: 2019-01-01
  - id: administrative-penalty-law
    title: 中华人民共和国行政处罚法
    short_titles: [行政处罚法]
    level: 法律
    effective: 2021-07-15
    revisions:
      - { date: 2017-09-01, effective: 2018-01-01, note: 第二次修正 }
      - { date: 2021-01-22, effective: 2021-07-15, note: 修订 }
`;

const item = (basis: string) => `kind: items
entries:
  - code: '12345678901234'
    main_name: 噪声污染监督
    name: 对噪声污染的监督检查
    action: 行政检查
    basis: ${basis}
    level: 区级
    department: market
`;

const run = (date: string, basis: string) =>
  runRule({ 'qingdan.config.yaml': `edition:\n  date: ${date}\n`, 'departments.yaml': DEPARTMENTS, 'laws.yaml': LAWS, 'items.yaml': item(basis) }, rule)
    .diagnostics;

describe('law-not-in-force', () => {
  it('passes laws in force on the edition date', () => {
    expect(run('2021-01-01', '《中华人民共和国环境噪声污染防治法》第二十九条')).toEqual([]);
    expect(run('2023-01-01', '《噪声污染防治法》第二条')).toEqual([]);
  });

  it('reports a law repealed on or before the edition date at its title, with its replacement', () => {
    for (const date of ['2022-06-05', '2023-01-01']) {
      const diagnostics = run(date, '《中华人民共和国环境噪声污染防治法》第二十九条、第三十条');
      expect(brief(diagnostics), date).toEqual(['law-not-in-force/repealed items.yaml:7:12']);
      expect(diagnostics[0]!.location!.endColumn).toBe(12 + '《中华人民共和国环境噪声污染防治法》'.length);
      expect(diagnostics[0]!.data).toMatchObject({
        title: '中华人民共和国环境噪声污染防治法',
        repealed: '2022-06-05',
        date,
        replacement: '，已由《中华人民共和国噪声污染防治法》替代',
        replacement_en: '; it was replaced by 《中华人民共和国噪声污染防治法》',
      });
    }
  });

  it('reports a repealed law without a replacement', () => {
    const diagnostics = run('2023-01-01', '《中华人民共和国噪声污染防治法》第二条、《某某管理办法》第三条');
    expect(brief(diagnostics)).toEqual(['law-not-in-force/repealed items.yaml:7:32']);
    expect(diagnostics[0]!.data.replacement).toBe('');
  });

  it('reports a law not yet in force, unless an earlier text was', () => {
    const diagnostics = run('2022-01-01', '《噪声污染防治法》第二条');
    expect(brief(diagnostics)).toEqual(['law-not-in-force/not-yet items.yaml:7:12']);
    expect(diagnostics[0]!.data).toMatchObject({ title: '噪声污染防治法', effective: '2022-06-05', date: '2022-01-01' });
    expect(run('2020-01-01', '《行政处罚法》第二十七条')).toEqual([]);
    expect(brief(run('2017-01-01', '《行政处罚法》第二十七条'))).toEqual(['law-not-in-force/not-yet items.yaml:7:12']);
  });
});
