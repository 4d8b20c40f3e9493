import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/supervision-vacuum.js';
import { brief, DEPARTMENTS, runRule } from '../helpers/tree.js';

const item = (code: string, action: string, department = 'market') =>
  `  - { code: '${code}', main_name: 食品经营监督, name: 事项${code.slice(-1)}, action: ${action}, basis: 《食品安全法》第一百一十条, level: 区级, department: '${department}' }\n`;
const inspection = (item: string) => `kind: inspections
entries:
  - code: '91110115MA01ABCDE31001'
    name: 对餐饮服务提供者的日常监督检查
    item: '${item}'
    category: 日常检查
    methods: [现场检查]
    objects: 餐饮服务提供者
    basis: 《食品安全法》第一百一十条
    department: market
`;
const run = (items: string[], inspectedItem: string) =>
  runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': `kind: items\nentries:\n${items.join('')}`, 'inspections.yaml': inspection(inspectedItem) }, rule);

describe('supervision-vacuum', () => {
  it('passes an inspection item with an inspection, and items of other actions without one', () => {
    const { diagnostics } = run([item('12345678901234', '行政检查'), item('12345678901235', '行政处罚')], '12345678901234');
    expect(diagnostics).toEqual([]);
  });

  it('reports an inspection item (行政检查) that no inspection implements, at its code', () => {
    const { diagnostics } = run([item('12345678901234', '行政检查'), item('12345678901235', '行政检查')], '12345678901234');
    expect(brief(diagnostics)).toEqual(['supervision-vacuum/no-inspection items.yaml:4:13']);
    expect(diagnostics[0]!.data).toMatchObject({ code: '12345678901235', name: '事项5' });
  });

  it('reports an item with an empty department', () => {
    const { diagnostics } = run([item('12345678901234', '行政处罚', ' ')], '12345678901234');
    expect(brief(diagnostics)).toEqual(['supervision-vacuum/no-department items.yaml:3:120']);
  });
});
