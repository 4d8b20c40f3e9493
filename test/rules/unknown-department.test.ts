import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/unknown-department.js';
import { brief, DEPARTMENTS, runRule } from '../helpers/tree.js';

const item = (department: string) => `kind: items
entries:
  - code: '12345678901234'
    main_name: 食品经营监督
    name: 对食品经营者的监督检查
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: ${department}
`;

describe('unknown-department', () => {
  it('accepts an id, a full name, a short name and an alias', () => {
    for (const name of ['market', '北京市大兴区市场监督管理局', '区市场监管局', '区市场监督管理局']) {
      const { diagnostics } = runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': item(name) }, rule);
      expect(diagnostics, name).toEqual([]);
    }
  });

  it('reports an unknown department at its value, with a suggestion', () => {
    const { diagnostics } = runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': item('区域指中心') }, rule);
    expect(brief(diagnostics)).toEqual(['unknown-department/unknown items.yaml:9:17']);
    expect(diagnostics[0]!.data.name).toBe('区域指中心');
    expect(diagnostics[0]!.data.suggestion).toContain('区城指中心');
  });

  it('finds names inside free text, at the character', () => {
    const tasks = `kind: tasks
entries:
  - seq: 1
    content: 畅通群众监督渠道
    departments: 区域指中心牵头，各相关单位依职责负责
`;
    const config = `kinds:
  - name: tasks
    title: 任务分工
    sequence: seq
    references: [{ field: departments, to: departments, form: text }]
    layout: { columns: [{ field: seq }] }
    schema:
      type: object
      properties: { seq: { type: integer }, content: { type: string }, departments: { type: string } }
`;
    const { diagnostics } = runRule({ 'qingdan.config.yaml': config, 'departments.yaml': DEPARTMENTS, 'tasks.yaml': tasks }, rule);
    expect(brief(diagnostics)).toEqual(['unknown-department/unknown tasks.yaml:5:18']);
    expect(diagnostics[0]!.location!.endColumn).toBe(23);
  });
});
