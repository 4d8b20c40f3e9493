import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/joint-inspection.js';
import { brief, DEPARTMENTS, runRule } from '../helpers/tree.js';

const ITEMS = `kind: items
entries:
  - { code: '12345678901234', main_name: 对餐饮服务的监督检查, name: 对餐饮服务提供者食品安全的监督检查, action: 行政检查, basis: 《食品安全法》第一百一十条, level: 区级, department: market }
  - { code: '12345678901235', main_name: 对公共场所的卫生监督, name: 对餐饮场所卫生的监督检查, action: 行政检查, basis: 《食品安全法》第一百一十条, level: 区级, department: health }
  - { code: '12345678901236', main_name: 对餐饮服务的监督检查, name: 对餐饮服务提供者卫生条件的监督检查, action: 行政检查, basis: 《食品安全法》第一百一十条, level: 区级, department: health }
`;

interface Options {
  department?: string;
  item?: string;
  objects?: string;
  category?: string;
  contents?: string;
  joint?: string;
}
const inspection = (code: string, o: Options = {}) => `  - code: '91110115MA01ABCDE3100${code}'
    name: 检查${code}
    item: '${o.item ?? '12345678901234'}'
    category: ${o.category ?? '日常检查'}
    methods: [现场检查]
    objects: ${o.objects ?? '餐饮服务提供者'}
    contents: [${o.contents ?? '从业人员健康管理'}]
    basis: 《食品安全法》第一百一十条
    department: ${o.department ?? 'market'}
${o.joint ? `    joint_departments: [${o.joint}]\n` : ''}`;
const run = (...inspections: string[]) =>
  runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': ITEMS, 'inspections.yaml': `kind: inspections\nentries:\n${inspections.join('')}` }, rule);

describe('joint-inspection', () => {
  it('passes inspections of one department, of other targets, special ones, and ones that do not overlap', () => {
    expect(run(inspection('1'), inspection('2')).diagnostics).toEqual([]);
    expect(run(inspection('1'), inspection('2', { department: 'health', objects: '公共场所经营者' })).diagnostics).toEqual([]);
    expect(run(inspection('1'), inspection('2', { department: 'health', category: '专项检查' })).diagnostics).toEqual([]);
    expect(run(inspection('1'), inspection('2', { department: 'health', item: '12345678901235', contents: '卫生许可证' })).diagnostics).toEqual([]);
  });

  it('passes inspections that list each other as joint departments', () => {
    const { diagnostics } = run(inspection('1', { joint: '区卫健委' }), inspection('2', { department: 'health', item: '12345678901235', joint: 'market' }));
    expect(diagnostics).toEqual([]);
  });

  it('reports both sides of a shared content on the same targets (objects folded), each with the other related', () => {
    const { diagnostics } = run(
      inspection('1'),
      inspection('2', { department: '区卫生健康委', item: '12345678901235', objects: '餐饮服务提供者。', contents: '卫生许可证, 从业人员 健康管理' }),
    );
    expect(brief(diagnostics)).toEqual(['joint-inspection/overlap inspections.yaml:8:14', 'joint-inspection/overlap inspections.yaml:17:14']);
    expect(diagnostics.every((d) => d.severity === 'info')).toBe(true);
    expect(diagnostics.map((d) => d.related.map((r) => `${r.messageId} ${r.file}:${r.line}:${r.column}`))).toEqual([
      ['other inspections.yaml:17:14'],
      ['other inspections.yaml:8:14'],
    ]);
    expect(diagnostics[0]!.data).toMatchObject({ departments: '区卫生健康委', objects: '餐饮服务提供者' });
  });

  it('reports inspections in the same item domain (main item), even when only one lists the other', () => {
    const { diagnostics } = run(inspection('1', { joint: 'health' }), inspection('2', { department: 'health', item: '12345678901236', contents: '卫生许可证' }));
    expect(brief(diagnostics)).toEqual(['joint-inspection/overlap inspections.yaml:8:14', 'joint-inspection/overlap inspections.yaml:18:14']);
  });

  it('names every other department, and relates each overlapping inspection', () => {
    const { diagnostics } = run(
      inspection('1'),
      inspection('2', { department: 'health', item: '12345678901235' }),
      inspection('3', { department: 'city-command', item: '12345678901235' }),
    );
    expect(brief(diagnostics)).toEqual([
      'joint-inspection/overlap inspections.yaml:8:14',
      'joint-inspection/overlap inspections.yaml:17:14',
      'joint-inspection/overlap inspections.yaml:26:14',
    ]);
    expect(diagnostics[0]!.data.departments).toBe('区卫生健康委、区城指中心');
    expect(diagnostics[0]!.related.map((r) => `${r.messageId} ${r.file}:${r.line}:${r.column}`)).toEqual(['other inspections.yaml:17:14', 'other inspections.yaml:26:14']);
    // health and city-command share an item domain as well as the content; they are each other's overlap too.
    expect(diagnostics[1]!.related.map((r) => r.line)).toEqual([8, 26]);
  });
});
