import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/non-canonical-department.js';
import { brief, DEPARTMENTS, runRule } from '../helpers/tree.js';

const item = (department: string, extra = '') => `kind: items
entries:
  - code: '12345678901234'
    main_name: 食品经营监督
    name: 对食品经营者的监督检查
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: ${department}
${extra}`;

const TASKS_CONFIG = `kinds:
  - name: tasks
    title: 任务分工
    sequence: seq
    references: [{ field: departments, to: departments, form: text }]
    layout: { columns: [{ field: seq }] }
    schema:
      type: object
      properties: { seq: { type: integer }, content: { type: string }, departments: { type: string } }
`;

describe('non-canonical-department', () => {
  it('accepts the id and the short name', () => {
    for (const name of ['market', '区市场监管局', 'health', '区卫生健康委']) {
      const { diagnostics } = runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': item(name) }, rule);
      expect(diagnostics, name).toEqual([]);
    }
  });

  it('reports a full name and an alias at the value, with the short name', () => {
    const full = runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': item('北京市大兴区市场监督管理局') }, rule).diagnostics;
    expect(brief(full)).toEqual(['non-canonical-department/non-canonical items.yaml:9:17']);
    expect(full[0]!.severity).toBe('warning');
    expect(full[0]!.data).toMatchObject({ name: '北京市大兴区市场监督管理局', canonical: '区市场监管局', form: '全称', form_en: 'full name' });

    const alias = runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': item('区卫健委') }, rule).diagnostics;
    expect(brief(alias)).toEqual(['non-canonical-department/non-canonical items.yaml:9:17']);
    expect(alias[0]!.data).toMatchObject({ name: '区卫健委', canonical: '区卫生健康委', form: '别称' });
  });

  it('calls a name that matches only after folding spaces a variant spelling', () => {
    const { diagnostics } = runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': item('区市场 监管局') }, rule);
    expect(brief(diagnostics)).toEqual(['non-canonical-department/non-canonical items.yaml:9:17']);
    expect(diagnostics[0]!.data).toMatchObject({ canonical: '区市场监管局', form: '异写', form_en: 'variant spelling' });
  });

  it('leaves unknown names to unknown-department', () => {
    expect(runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': item('区民政局') }, rule).diagnostics).toEqual([]);
  });

  it('reports each alias mentioned in free text at its characters', () => {
    const tasks = `kind: tasks
entries:
  - seq: 5
    content: 加强标准体系建设
    departments: 区市场监管局、区城指中心、区卫健委、区市场监督管理局等各相关单位依职责负责
`;
    const { diagnostics } = runRule({ 'qingdan.config.yaml': TASKS_CONFIG, 'departments.yaml': DEPARTMENTS, 'tasks.yaml': tasks }, rule);
    expect(brief(diagnostics)).toEqual([
      'non-canonical-department/non-canonical tasks.yaml:5:31',
      'non-canonical-department/non-canonical tasks.yaml:5:36',
    ]);
    expect(diagnostics.map((d) => [d.data.name, d.data.canonical])).toEqual([
      ['区卫健委', '区卫生健康委'],
      ['区市场监督管理局', '区市场监管局'],
    ]);
    expect(diagnostics[0]!.location!.endColumn).toBe(35);
  });

  it('keeps a waived finding, marked waived', () => {
    const waiver = `    waivers:
      - { rule: non-canonical-department, reason: 照录附件1原文的单位简称 }
`;
    const { diagnostics } = runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': item('区卫健委', waiver) }, rule);
    expect(brief(diagnostics)).toEqual(['non-canonical-department/non-canonical items.yaml:9:17']);
    expect(diagnostics[0]!.waived?.reason).toBe('照录附件1原文的单位简称');
  });
});
