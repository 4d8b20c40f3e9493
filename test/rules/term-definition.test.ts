import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/term-definition.js';
import { brief, runRule } from '../helpers/tree.js';

/** One leniency entry with one term: 11 lines, the definition on the last. */
const entry = (code: string, term: string, definition: string) => `  - code: ${code}
    category: 食品经营
    violation: 违法行为${code}
    violated: 《中华人民共和国食品安全法》第三十五条
    penalty_basis: 《中华人民共和国食品安全法》第一百二十二条
    treatment: 不予处罚
    ground: 《中华人民共和国行政处罚法》第三十三条第一款
    department: market
    conditions: [首次违法, 及时改正]
    terms:
      - { term: ${term}, definition: ${definition} }
`;

const ONE_YEAR = '当事人在一年内第一次实施同一违法行为';
const run = (...entries: string[]) => runRule({ 'leniency.yaml': `kind: leniency\nentries:\n${entries.join('')}` }, rule);

describe('term-definition', () => {
  it('passes a term defined the same way everywhere (after folding punctuation and width)', () => {
    const { diagnostics, catalog } = run(
      entry('RC-01', '首次违法', ONE_YEAR),
      entry('RC-02', '首次违法', `${ONE_YEAR}。`),
      entry('RC-03', '危害后果轻微', '未造成人身伤害或者财产损失'),
    );
    expect(catalog.valid('leniency')).toHaveLength(3);
    expect(diagnostics).toEqual([]);
  });

  it('reports every definition that differs from the most common one, with a common one related', () => {
    const { diagnostics } = run(
      entry('RC-01', '首次违法', ONE_YEAR),
      entry('RC-02', '首次违法', ONE_YEAR),
      entry('RC-03', '首次违法', '当事人在两年内第一次实施同一违法行为'),
      entry('RC-04', '危害后果轻微', '未造成人身伤害或者财产损失'),
      entry('RC-05', '首次违法', '此前未因同一违法行为受过行政处罚'),
    );
    expect(brief(diagnostics)).toEqual(['term-definition/differs leniency.yaml:35:35', 'term-definition/differs leniency.yaml:57:35']);
    expect(diagnostics.map((d) => d.related.map((r) => `${r.messageId} ${r.file}:${r.line}:${r.column}`))).toEqual([
      ['common leniency.yaml:13:35'],
      ['common leniency.yaml:13:35'],
    ]);
    expect(diagnostics[0]!.data).toMatchObject({ term: '首次违法', count: 2, common: ONE_YEAR });
    expect(diagnostics[0]!.severity).toBe('warning');
  });

  it('takes the first definition written when no definition is more common', () => {
    const { diagnostics } = run(entry('RC-01', '首次违法', ONE_YEAR), entry('RC-02', '首次违法', '此前未因同一违法行为受过行政处罚'));
    expect(brief(diagnostics)).toEqual(['term-definition/differs leniency.yaml:24:35']);
  });
});
