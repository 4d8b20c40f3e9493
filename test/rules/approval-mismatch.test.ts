import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/approval-mismatch.js';
import { brief, DEPARTMENTS, runRule } from '../helpers/tree.js';

/** One item, supervised by `department` at `level`, following the given approval (a YAML flow mapping). */
const item = (department: string, level: string, approval: string) => `kind: items
entries:
  - code: '12345678901234'
    main_name: 对食品经营活动的监督检查
    name: 对餐饮服务提供者的监督检查
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: ${level}
    department: ${department}
    approval: ${approval}
`;
const run = (list: string) => runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': list }, rule);

describe('approval-mismatch', () => {
  it('passes an item supervised by its approving department at the approval’s level, by any of its names', () => {
    expect(run(item('market', '区级', '{ type: 审批, name: 食品经营许可, department: 区市场监督管理局, level: 区级 }')).diagnostics).toEqual([]);
    expect(run(item('区市场监管局', '区级', '{ type: 告知承诺, department: market }')).diagnostics).toEqual([]);
  });

  it('passes items with no approval to follow, and another department when a law says so', () => {
    expect(run(item('health', '市级', '{ type: 无审批, department: market, level: 区级 }')).diagnostics).toEqual([]);
    expect(run(item('health', '区级', '{ type: 取消审批, department: market }')).diagnostics).toEqual([]);
    expect(run(item('health', '区级', '{ type: 审批, department: market, basis: 《中华人民共和国食品安全法》第六条 }')).diagnostics).toEqual([]);
  });

  it('reports another department than the approving one (谁审批、谁监管), with the approval as related', () => {
    const { diagnostics } = run(item('区卫健委', '区级', '{ type: 备案, department: market, level: 区级 }'));
    expect(brief(diagnostics)).toEqual(['approval-mismatch/department items.yaml:9:17']);
    expect(diagnostics[0]!.data).toMatchObject({ department: '区卫生健康委', approver: '区市场监管局', type: '备案' });
    expect(diagnostics[0]!.related).toMatchObject([{ file: 'items.yaml', line: 10, column: 39, messageId: 'approver' }]);
  });

  it('reports another level than the approval’s (层级对应)', () => {
    const { diagnostics } = run(item('market', '区级', '{ type: 审批, department: market, level: 市级 }'));
    expect(brief(diagnostics)).toEqual(['approval-mismatch/level items.yaml:8:12']);
    expect(diagnostics[0]!.data).toMatchObject({ level: '区级', approval_level: '市级', approval_level_en: 'municipal' });
    expect(diagnostics[0]!.related).toMatchObject([{ line: 10, column: 54, messageId: 'approval-level' }]);
  });
});
