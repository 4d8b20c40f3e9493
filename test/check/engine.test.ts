/** The rule engine: severities from the configuration, waivers in the data, crashes contained. */
import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../src/check/index.js';
import { rule as unknownDepartment } from '../../src/rules/unknown-department.js';
import type { Rule } from '../../src/rules/types.js';
import { brief, catalogOf, DEPARTMENTS } from '../helpers/tree.js';

const item = (code: string, department: string, extra = '') => `  - code: '${code}'
    main_name: 食品经营监督
    name: 对食品经营者的监督检查${code.slice(-1)}
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: ${department}
${extra}`;

const WAIVER = `    waivers:
      - rule: unknown-department
        reason: 照录原文，不擅自更正
        approved_by: 联席会议办公室
`;

describe('check engine', () => {
  it('marks a waived finding, keeps it in the report, and counts it apart', () => {
    const catalog = catalogOf({ 'departments.yaml': DEPARTMENTS, 'items.yaml': `kind: items\nentries:\n${item('12345678901231', '区域指中心', WAIVER)}` });
    const [d, ...rest] = checkCatalog(catalog, { rules: [unknownDepartment] });
    expect(rest).toEqual([]);
    expect(d!.ruleId).toBe('unknown-department');
    expect(d!.waived).toEqual({ reason: '照录原文，不擅自更正', approvedBy: '联席会议办公室' });
  });

  it('reports a waiver that no longer matches anything, and one that names no rule', () => {
    const unknownRule = WAIVER.replace('rule: unknown-department', 'rule: no-such-rule');
    const catalog = catalogOf({
      'departments.yaml': DEPARTMENTS,
      'items.yaml': `kind: items\nentries:\n${item('12345678901231', 'market', WAIVER)}${item('12345678901232', 'market', unknownRule)}`,
    });
    const found = checkCatalog(catalog, { rules: [unknownDepartment] });
    expect(brief(found)).toEqual(['waiver/unused items.yaml:11:9', 'waiver/unknown-rule items.yaml:22:15']);
    expect(found[0]!.severity).toBe('warning');
  });

  it('takes a file-level waiver for every entry, reported once when unused', () => {
    const fileLevel = `kind: items\nwaivers:\n  - rule: unknown-department\n    reason: 整个文件照录原文\nentries:\n${item('12345678901231', '区域指中心')}${item('12345678901232', '区域指中心')}`;
    const found = checkCatalog(catalogOf({ 'departments.yaml': DEPARTMENTS, 'items.yaml': fileLevel }), { rules: [unknownDepartment] });
    expect(found.map((d) => Boolean(d.waived))).toEqual([true, true]);
    const unused = checkCatalog(catalogOf({ 'departments.yaml': DEPARTMENTS, 'items.yaml': fileLevel.replace(/区域指中心/g, 'market') }), { rules: [unknownDepartment] });
    expect(brief(unused)).toEqual(['waiver/unused items.yaml:3:5']);
  });

  it('applies configured severities: off silences, info lowers', () => {
    const tree = (rules: string) => ({
      'qingdan.config.yaml': `rules:\n${rules}`,
      'departments.yaml': DEPARTMENTS,
      'items.yaml': `kind: items\nentries:\n${item('12345678901231', '区域指中心')}`,
    });
    expect(checkCatalog(catalogOf(tree('  unknown-department: off\n')), { rules: [unknownDepartment] })).toEqual([]);
    const lowered = checkCatalog(catalogOf(tree('  unknown-department: { severity: info }\n')), { rules: [unknownDepartment] });
    expect(lowered.map((d) => d.severity)).toEqual(['info']);
  });

  it('contains a rule that throws: the others still report', () => {
    const broken: Rule = {
      meta: { id: 'broken', category: 'text', description: { zh: '坏规则', en: 'broken' }, defaultSeverity: 'error', messages: { x: { zh: '坏', en: 'x' } } },
      check() {
        throw new Error('boom');
      },
    };
    const catalog = catalogOf({ 'departments.yaml': DEPARTMENTS, 'items.yaml': `kind: items\nentries:\n${item('12345678901231', '区域指中心')}` });
    const found = checkCatalog(catalog, { rules: [broken, unknownDepartment] });
    expect(found.map((d) => `${d.ruleId}/${d.messageId}`)).toEqual(['rule/crashed', 'unknown-department/unknown']);
    expect(found[0]!.data.detail).toBe('boom');
  });
});
