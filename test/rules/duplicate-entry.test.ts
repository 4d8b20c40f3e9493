import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/duplicate-entry.js';
import { brief, DEPARTMENTS, runRule } from '../helpers/tree.js';

const item = (code: string, name: string, department = 'market', mainName = '对食品经营活动的监督检查') => `  - code: '${code}'
    main_name: ${mainName}
    name: ${name}
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: ${department}
`;
const items = (...entries: string[]) => `kind: items\nentries:\n${entries.join('')}`;

describe('duplicate-entry', () => {
  it('passes entries that differ in name, main item or department', () => {
    const list = items(
      item('12345678901234', checkOf('餐饮服务提供者')),
      item('12345678901235', checkOf('食品销售经营者')),
      item('12345678901236', checkOf('餐饮服务提供者'), 'health'),
      item('12345678901237', checkOf('餐饮服务提供者'), 'market', '对食品生产活动的监督检查'),
    );
    expect(runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': list }, rule).diagnostics).toEqual([]);
  });

  it('reports the same item under another code, written with other width, spaces and punctuation, and the department by another name', () => {
    const list = items(
      item('12345678901234', '对餐饮服务提供者的监督检查'),
      item('12345678901235', '对食品销售经营者的监督检查'),
      item('12345678901236', '"对餐饮服务提供者的 监督检查。"', '区市场监管局'),
      item('12345678901237', '对餐饮服务提供者的监督检查（ＡＢ）'),
      item('12345678901238', '对餐饮服务提供者的监督检查(AB)', '北京市大兴区市场监督管理局'),
    );
    const { diagnostics } = runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': list }, rule);
    expect(brief(diagnostics)).toEqual(['duplicate-entry/duplicate items.yaml:17:5', 'duplicate-entry/duplicate items.yaml:31:5']);
    expect(diagnostics.every((d) => d.ruleId === 'duplicate-entry')).toBe(true);
    expect(diagnostics.map((d) => d.related.map((r) => `${r.messageId} ${r.file}:${r.line}:${r.column}`))).toEqual([
      ['original items.yaml:3:5'],
      ['original items.yaml:24:5'],
    ]);
    expect(diagnostics[0]!.data).toMatchObject({ kind: '监管事项目录清单', fields: '主项名称、子项名称、实施部门' });
  });

  it('finds duplicates across files', () => {
    const a = items(item('12345678901234', '对餐饮服务提供者的监督检查'));
    const b = items(item('12345678901235', '对餐饮服务提供者的监督检查'));
    const { diagnostics } = runRule({ 'departments.yaml': DEPARTMENTS, 'a/items.yaml': a, 'b/items.yaml': b }, rule);
    expect(brief(diagnostics)).toEqual(['duplicate-entry/duplicate b/items.yaml:3:5']);
    expect(diagnostics[0]!.related[0]).toMatchObject({ file: 'a/items.yaml', line: 3, column: 5 });
  });

  it('compares leniency entries by violation and department', () => {
    const entry = (code: string, violation: string, treatment: string) => `  - code: ${code}
    category: 食品安全
    violation: ${violation}
    violated: 《中华人民共和国食品安全法》第三十三条
    penalty_basis: 《中华人民共和国食品安全法》第一百二十六条
    treatment: ${treatment}
    conditions: [首次违法]
    ground: 《中华人民共和国行政处罚法》第三十三条第一款
    department: market
`;
    const list = `kind: leniency\nentries:\n${entry('RC-1', '未按规定公示食品经营许可证', '不予处罚')}${entry('RC-2', '未按规定公示食品经营许可证。', '从轻处罚')}`;
    const { diagnostics } = runRule({ 'departments.yaml': DEPARTMENTS, 'leniency.yaml': list }, rule);
    expect(brief(diagnostics)).toEqual(['duplicate-entry/duplicate leniency.yaml:12:5']);
  });

  it('compares a configured kind by all its text fields except the 序号', () => {
    const config = `kinds:
  - name: tasks
    title: 任务分工
    sequence: seq
    layout: { columns: [{ field: seq }] }
    schema:
      type: object
      properties: { seq: { type: integer }, task: { type: string }, content: { type: string }, departments: { type: string } }
`;
    const tasks = `kind: tasks
entries:
  - { seq: 1, task: 夯实监管责任, content: 明确监管职责, departments: 各相关单位 }
  - { seq: 2, task: 夯实监管责任, content: 厘清监管事权, departments: 各相关单位 }
  - { seq: 3, task: 夯实监管责任, content: 明确监管职责。, departments: 各相关单位 }
`;
    const { diagnostics } = runRule({ 'qingdan.config.yaml': config, 'departments.yaml': DEPARTMENTS, 'tasks.yaml': tasks }, rule);
    expect(brief(diagnostics)).toEqual(['duplicate-entry/duplicate tasks.yaml:5:5']);
    expect(diagnostics[0]!.data).toMatchObject({ fields_en: 'content, departments, task' });
  });
});

function checkOf(object: string): string {
  return `对${object}的监督检查`;
}
