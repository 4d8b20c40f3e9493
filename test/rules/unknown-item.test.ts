import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/unknown-item.js';
import { brief, DEPARTMENTS, runRule } from '../helpers/tree.js';

const ITEMS = `kind: items
entries:
  - code: '12345678901234'
    main_name: 食品经营监督
    name: 对食品经营者的监督检查
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: market
  - code: '12345678901235'
    main_name: 食品经营监督
    name: 对食品经营者违法行为的行政处罚
    action: 行政处罚
    basis: 《中华人民共和国食品安全法》第一百二十六条
    level: 区级
    department: market
`;

const inspection = (item: string) => `kind: inspections
entries:
  - code: '1111011576543210001001'
    name: 食品经营者日常监督检查
    item: '${item}'
    category: 日常检查
    methods: [现场检查]
    objects: 食品经营者
    basis: 《中华人民共和国食品安全法》第一百一十条
    department: market
`;

const KEY_SUPERVISION = `kind: key-supervision
entries:
  - code: ZD-001
    field: 食品
    name: 食品经营重点监管
    items: ['12345678901234', '99999999999999']
    reason: 直接涉及公共安全和人民群众生命健康
    measures: [跟踪监管]
    departments: [market]
`;

const LENIENCY = `kind: leniency
entries:
  - code: SCJG-RC-001
    category: 食品经营
    violation: 未按规定公示食品经营许可证
    violated: 《中华人民共和国食品安全法》第三十五条
    penalty_basis: 《中华人民共和国食品安全法》第一百二十六条
    treatment: 不予处罚
    conditions: [首次违法, 及时改正]
    ground: 《中华人民共和国行政处罚法》第三十三条第一款
    item: '12345678901236'
    department: market
`;

describe('unknown-item', () => {
  it('passes references to existing item codes', () => {
    const { diagnostics } = runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': ITEMS, 'inspections.yaml': inspection('12345678901234') }, rule);
    expect(diagnostics).toEqual([]);
  });

  it('reports an unknown code at the value, in every list that refers to items', () => {
    const { diagnostics } = runRule(
      {
        'departments.yaml': DEPARTMENTS,
        'items.yaml': ITEMS,
        'inspections.yaml': inspection('12345678909999'),
        'key-supervision.yaml': KEY_SUPERVISION,
        'leniency.yaml': LENIENCY,
      },
      rule,
    );
    expect(brief(diagnostics).sort()).toEqual([
      'unknown-item/unknown inspections.yaml:5:11',
      'unknown-item/unknown key-supervision.yaml:6:31',
      'unknown-item/unknown leniency.yaml:11:11',
    ]);
    expect(diagnostics.find((d) => d.location!.file === 'key-supervision.yaml')!.location!.pointer).toBe('/entries/0/items/1');
    expect(diagnostics.every((d) => d.severity === 'error' && d.data.suggestion === '')).toBe(true);
  });

  it("suggests the code when the value is an item's name or a code in full-width digits", () => {
    for (const [value, code] of [
      ['对食品经营者的监督检查', '12345678901234'],
      ['１２３４５６７８９０１２３５', '12345678901235'],
    ]) {
      const { diagnostics } = runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': ITEMS, 'inspections.yaml': inspection(value!) }, rule);
      expect(brief(diagnostics), value).toEqual(['unknown-item/unknown inspections.yaml:5:11']);
      expect(diagnostics[0]!.data.suggestion).toBe(`，是否为“${code}”？`);
      expect(diagnostics[0]!.data.suggestion_en).toBe(`; did you mean "${code}"?`);
    }
  });
});
