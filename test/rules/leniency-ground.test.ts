import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/leniency-ground.js';
import { brief, LAWS, runRule } from '../helpers/tree.js';

/** One leniency entry: ground on line +6, conditions from line +11, then `extra`. */
const entry = (code: string, treatment: string, ground: string, conditions = ['违法行为轻微', '及时改正'], extra = '') => `  - code: ${code}
    category: 食品经营
    violation: 违法行为${code}
    violated: 《中华人民共和国食品安全法》第三十五条
    penalty_basis: 《中华人民共和国食品安全法》第一百二十二条
    treatment: ${treatment}
    ground: ${ground}
    department: market
    valid_from: 2024-01-01
    valid_to: 2026-12-31
    conditions:
${conditions.map((c) => `      - ${c}\n`).join('')}${extra}`;

const run = (entries: string[], laws: string | undefined = LAWS) =>
  runRule({ ...(laws ? { 'laws.yaml': laws } : {}), 'leniency.yaml': `kind: leniency\nentries:\n${entries.join('')}` }, rule);

describe('leniency-ground', () => {
  it('passes treatments resting on their article, by full or short title', () => {
    const { diagnostics, catalog } = run([
      entry('RC-01', '不予处罚', '《行政处罚法》第三十三条第一款'),
      entry('RC-02', '从轻处罚', '《中华人民共和国行政处罚法》第三十二条第（五）项'),
      entry('RC-03', '减轻处罚', '依据《中华人民共和国食品安全法》第一百二十二条、《行政处罚法》第三十二条'),
      entry('RC-04', '不予处罚', '《中华人民共和国行政处罚法》第33条第2款'),
      entry('RC-05', '不予处罚', '《行政处罚法》第三十三条第一款', ['首次违法', '危害后果轻微', '及时改正'], '    remarks: 可以不予行政处罚\n'),
    ]);
    expect(catalog.valid('leniency')).toHaveLength(5);
    expect(diagnostics).toEqual([]);
  });

  it('leaves a renumbered article (old 第二十七条) to renumbered-article', () => {
    const { diagnostics } = run([
      entry('RC-01', '不予处罚', '《中华人民共和国行政处罚法》第二十七条第二款'),
      entry('RC-02', '从轻处罚', '《行政处罚法》第二十七条'),
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('reports the wrong article at the citation, and a ground without an article of the law', () => {
    const { diagnostics } = run([
      entry('RC-01', '不予处罚', '《中华人民共和国行政处罚法》第三十二条'),
      entry('RC-02', '从轻处罚', '依据《行政处罚法》第三十三条第一款'),
      entry('RC-03', '不予处罚', '《中华人民共和国食品安全法》第一百二十二条'),
      entry('RC-04', '减轻处罚', '《行政处罚法》'),
    ]);
    expect(brief(diagnostics)).toEqual([
      'leniency-ground/wrong-article leniency.yaml:9:13',
      'leniency-ground/wrong-article leniency.yaml:22:15',
      'leniency-ground/no-ground leniency.yaml:35:13',
      'leniency-ground/no-ground leniency.yaml:48:13',
    ]);
    expect(diagnostics[0]!.severity).toBe('error');
    expect(diagnostics[0]!.location!.endColumn).toBe(32);
    expect(diagnostics[0]!.data).toMatchObject({ treatment: '不予处罚', expected: '第三十三条', cited: '第三十二条', expected_en: 'Article 33' });
    expect(diagnostics[1]!.data).toMatchObject({ treatment: '从轻处罚', expected: '第三十二条', cited: '第三十三条第一款', cited_en: 'Article 33(1)' });
    expect(diagnostics[3]!.data).toMatchObject({ treatment: '减轻处罚', expected: '第三十二条' });
  });

  it('reports 应当/一律不予 for a first violation, which the law only allows (可以)', () => {
    const { diagnostics } = run([
      entry(
        'RC-01',
        '不予处罚',
        '《行政处罚法》第三十三条第一款',
        ['首次违法且及时改正的应当不予处罚', '危害后果轻微'],
        '    remarks: 符合条件的，一律不予处罚\n',
      ),
      entry('RC-02', '不予处罚', '《行政处罚法》第三十三条第一款', ['违法行为轻微并及时改正', '没有造成危害后果'], '    remarks: 应当不予行政处罚\n'),
    ]);
    expect(brief(diagnostics)).toEqual(['leniency-ground/first-violation-may leniency.yaml:14:19', 'leniency-ground/first-violation-may leniency.yaml:16:20']);
    expect(diagnostics.map((d) => d.data.phrase)).toEqual(['应当不予', '一律不予']);
  });

  it('recognises the law by its title when the registry does not hold it', () => {
    const { diagnostics } = run([entry('RC-01', '不予处罚', '《行政处罚法》第三十二条'), entry('RC-02', '从轻处罚', '《行政处罚法》第三十二条')], undefined);
    expect(brief(diagnostics)).toEqual(['leniency-ground/wrong-article leniency.yaml:9:13']);
  });
});
