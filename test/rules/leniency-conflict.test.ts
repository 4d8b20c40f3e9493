import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/leniency-conflict.js';
import { brief, LAWS, runRule } from '../helpers/tree.js';

/** One leniency entry: treatment on line +5, conditions from line +9 (11 lines with two conditions). */
const entry = (code: string, violation: string, violated: string, treatment: string, conditions: string[]) => `  - code: ${code}
    category: 食品经营
    violation: ${violation}
    violated: ${violated}
    penalty_basis: 《中华人民共和国食品安全法》第一百二十六条第一款第（十一）项
    treatment: ${treatment}
    ground: 《中华人民共和国行政处罚法》第三十三条第一款
    department: market
    conditions:
${conditions.map((c) => `      - ${c}\n`).join('')}`;

const PUBLISH = '食品经营者未按规定公示食品经营许可证';
const ARTICLE = '《中华人民共和国食品安全法》第三十五条';

const run = (...entries: string[]) => runRule({ 'laws.yaml': LAWS, 'leniency.yaml': `kind: leniency\nentries:\n${entries.join('')}` }, rule);
const related = (d: { related: { messageId?: string; file?: string; line?: number; column?: number }[] }) =>
  d.related.map((r) => `${r.messageId} ${r.file}:${r.line}:${r.column}`);

describe('leniency-conflict', () => {
  it('passes repeated rows that agree, and the same words under another article', () => {
    const { diagnostics, catalog } = run(
      entry('RC-01', PUBLISH, ARTICLE, '不予处罚', ['首次违法', '及时改正']),
      entry('RC-02', PUBLISH, '《食品安全法》第三十五条第一款', '不予处罚', ['及时改正', '首次违法']),
      entry('RC-03', PUBLISH, '《中华人民共和国食品安全法》第五十三条', '从轻处罚', ['及时改正', '首次违法']),
    );
    expect(catalog.valid('leniency')).toHaveLength(3);
    expect(diagnostics).toEqual([]);
  });

  it('reports both sides of a different treatment, however the violation and law title are written', () => {
    const { diagnostics } = run(
      entry('RC-01', PUBLISH, ARTICLE, '不予处罚', ['首次违法', '及时改正']),
      entry('RC-02', `${PUBLISH}。`, '《食品安全法》第三十五条第一款', '从轻处罚', ['首次违法', '及时改正']),
    );
    expect(brief(diagnostics)).toEqual(['leniency-conflict/treatment leniency.yaml:8:16', 'leniency-conflict/treatment leniency.yaml:19:16']);
    expect(diagnostics.map(related)).toEqual([['other leniency.yaml:19:16'], ['other leniency.yaml:8:16']]);
    expect(diagnostics[0]!.data).toMatchObject({ treatment: '不予处罚', other: '从轻处罚', other_en: 'a lighter penalty' });
    expect(diagnostics[0]!.severity).toBe('error');
  });

  it('reports different conditions under the same treatment', () => {
    const { diagnostics } = run(
      entry('RC-01', PUBLISH, ARTICLE, '不予处罚', ['首次违法', '及时改正']),
      entry('RC-02', PUBLISH, ARTICLE, '不予处罚', ['首次违法', '危害后果轻微']),
      entry('RC-03', PUBLISH, ARTICLE, '不予处罚', ['首次违法', '及时改正']),
    );
    expect(brief(diagnostics)).toEqual([
      'leniency-conflict/conditions leniency.yaml:12:7',
      'leniency-conflict/conditions leniency.yaml:23:7',
      'leniency-conflict/conditions leniency.yaml:34:7',
    ]);
    expect(diagnostics.map(related)).toEqual([['other leniency.yaml:23:7'], ['other leniency.yaml:12:7'], ['other leniency.yaml:23:7']]);
  });
});
