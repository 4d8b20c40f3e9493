import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../src/check/index.js';
import { rule as strayWhitespace } from '../../src/rules/stray-whitespace.js';
import { rule } from '../../src/rules/variant-character.js';
import { brief, catalogOf, DEPARTMENTS, runRule } from '../helpers/tree.js';

const item = (fields: string) => `kind: items
entries:
  - code: '12345678901234'
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: market
${fields}`;

const run = (fields: string) => runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': item(fields) }, rule).diagnostics;

describe('variant-character', () => {
  it('passes simplified text, including 当 and 与', () => {
    expect(run('    main_name: 食品经营监督\n    name: 对当事人与经营者的监督检查\n')).toEqual([]);
  });

  it('reports each Japanese or traditional form at its character, with the simplified one', () => {
    const diagnostics = run('    main_name: 食品経営監督\n    name: 对食品经营者的监督检查\n');
    expect(brief(diagnostics)).toEqual([
      'variant-character/variant items.yaml:8:18',
      'variant-character/variant items.yaml:8:19',
      'variant-character/variant items.yaml:8:20',
    ]);
    expect(diagnostics.map((d) => [d.data.char, d.data.suggestion])).toEqual([
      ['経', '经'],
      ['営', '营'],
      ['監', '监'],
    ]);
    expect(diagnostics[0]!.severity).toBe('warning');
    expect(diagnostics[0]!.location!.endColumn).toBe(19);
  });

  it('finds 実 → 实 in nested fields and lists, not in waivers', () => {
    const fields = `    main_name: 食品经营监督
    name: 对食品经营者的监督检查
    approval:
      type: 审批
      name: 食品経营许可
    remarks: 审批层级调整后同步调整実施层级
    waivers:
      - { rule: variant-character, field: remarks, reason: 照录附件1原文“実施”，不擅自更正 }
`;
    const diagnostics = run(fields);
    expect(brief(diagnostics)).toEqual(['variant-character/variant items.yaml:12:15', 'variant-character/variant items.yaml:13:25']);
    expect(diagnostics.map((d) => [d.location!.pointer, d.data.char, d.data.suggestion, Boolean(d.waived)])).toEqual([
      ['/entries/0/approval/name', '経', '经', false],
      ['/entries/0/remarks', '実', '实', true],
    ]);
  });

  it('checks every kind, array elements included', () => {
    const leniency = `kind: leniency
entries:
  - code: SCJG-RC-001
    category: 食品经营
    violation: 未按规定公示食品经营许可证
    violated: 《中华人民共和国食品安全法》第三十五条
    penalty_basis: 《中华人民共和国食品安全法》第一百二十六条
    treatment: 不予处罚
    conditions: [首次違法, 危害后果轻微]
    ground: 《中华人民共和国行政处罚法》第三十三条第一款
    department: market
`;
    const { diagnostics } = runRule({ 'departments.yaml': DEPARTMENTS, 'leniency.yaml': leniency }, rule);
    expect(brief(diagnostics)).toEqual(['variant-character/variant leniency.yaml:9:20']);
    expect(diagnostics[0]!.location!.pointer).toBe('/entries/0/conditions/0');
  });

  it('leaves codes alone, also when stray-whitespace (which reads codes) has looked at the catalog first', () => {
    const files = {
      'departments.yaml': DEPARTMENTS,
      'items.yaml': item("    main_name: 食品经営监督\n    name: '对食品经营者的监督检查 '\n").replace("'12345678901234'", "'実施12345678901234'"),
    };
    const alone = checkCatalog(catalogOf(files), { rules: [rule] });
    expect(brief(alone)).toEqual(['variant-character/variant items.yaml:8:19']);
    const catalog = catalogOf(files);
    expect(brief(checkCatalog(catalog, { rules: [strayWhitespace] }))).toEqual(['stray-whitespace/trailing items.yaml:9:23']);
    expect(checkCatalog(catalog, { rules: [rule] })).toEqual(alone);
  });
});
