import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/commitment-check.js';
import { brief, DEPARTMENTS, runRule } from '../helpers/tree.js';

const item = (code: string, approval: string) => `  - code: '${code}'
    main_name: 对食品经营活动的监督检查
    name: 对仅销售预包装食品经营者的监督检查
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第三十五条
    level: 区级
    department: market
    approval: { type: ${approval}, department: market }
`;
const inspection = (item: string, commitmentCheck: boolean) => `  - code: '91110115MA01ABCDE3100${item.slice(-1)}'
    name: 告知承诺核查
    item: '${item}'
    category: 日常检查
    methods: [书面检查]
    objects: 食品经营者
    basis: 《中华人民共和国食品安全法》第一百一十条
    department: market
    commitment_check: ${commitmentCheck}
`;
const run = (items: string[], inspections: string[]) =>
  runRule(
    { 'departments.yaml': DEPARTMENTS, 'items.yaml': `kind: items\nentries:\n${items.join('')}`, 'inspections.yaml': `kind: inspections\nentries:\n${inspections.join('')}` },
    rule,
  );

describe('commitment-check', () => {
  it('passes an item approved by 告知承诺 with an inspection that checks the commitments, and items approved otherwise', () => {
    const { diagnostics } = run([item('12345678901234', '告知承诺'), item('12345678901235', '审批')], [inspection('12345678901234', true)]);
    expect(diagnostics).toEqual([]);
  });

  it('reports an item approved by 告知承诺 whose inspections do not check the commitments, or that has none', () => {
    const { diagnostics } = run([item('12345678901234', '告知承诺'), item('12345678901235', '告知承诺')], [inspection('12345678901234', false)]);
    expect(brief(diagnostics)).toEqual(['commitment-check/missing items.yaml:10:23', 'commitment-check/missing items.yaml:18:23']);
    expect(diagnostics[0]!.data).toMatchObject({ code: '12345678901234' });
  });
});
