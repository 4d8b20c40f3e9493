import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/random-inspection.js';
import { brief, DEPARTMENTS, runRule } from '../helpers/tree.js';

const ITEMS = `kind: items
entries:
  - code: '11000000000001'
    main_name: 食品经营监督
    name: 对餐饮服务提供者的监督检查
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: market
  - code: '11000000000002'
    main_name: 特种设备安全监督
    name: 对电梯使用单位的监督检查
    action: 行政检查
    basis: 《中华人民共和国特种设备安全法》第五十七条
    level: 区级
    department: market
`;

const KEY = `kind: key-supervision
entries:
  - code: ZD-001
    field: 特种设备
    name: 电梯安全
    items: ['11000000000002']
    reason: 直接涉及公共安全
    measures: [跟踪监管]
    traceability: 电梯使用标志二维码追溯
    departments: [market]
`;

/** One inspection: 7 lines, then `extra`. */
const inspection = (serial: string, item: string, extra: string) => `  - code: '11110115000000000X1${serial}'
    name: 检查${serial}
    item: '${item}'
    methods: [现场检查]
    objects: 经营者
    basis: 《中华人民共和国食品安全法》第一百一十条
    department: market
${extra}`;

const run = (...entries: string[]) =>
  runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': ITEMS, 'key.yaml': KEY, 'inspections.yaml': `kind: inspections\nentries:\n${entries.join('')}` }, rule);

describe('random-inspection', () => {
  it('passes random routine inspections, special inspections, key items and inspections of individuals', () => {
    const { diagnostics, catalog } = run(
      inspection('01', '11000000000001', '    category: 日常检查\n    random: true\n'),
      inspection('02', '11000000000001', '    category: 专项检查\n    random: false\n'),
      inspection('03', '11000000000002', '    category: 日常检查\n    random: false\n    full_coverage: true\n'),
      inspection('04', '11000000000001', '    category: 日常检查\n    random: false\n    targets: 自然人\n'),
      inspection('05', '11000000000001', '    category: 日常检查\n    subject_types: [公民]\n'),
    );
    expect(catalog.valid('inspections')).toHaveLength(5);
    expect(diagnostics).toEqual([]);
  });

  it('reports a routine inspection of businesses that is not random, at random or at the entry', () => {
    const { diagnostics } = run(
      inspection('01', '11000000000001', '    category: 日常检查\n    random: false\n    targets: 企业\n'),
      inspection('02', '11000000000001', '    category: 日常检查\n    subject_types: [公民, 法人]\n'),
    );
    expect(brief(diagnostics)).toEqual(['random-inspection/not-random inspections.yaml:11:13', 'random-inspection/not-random inspections.yaml:13:5']);
    expect(diagnostics[0]!.severity).toBe('warning');
    expect(diagnostics[0]!.data).toMatchObject({ name: '检查01', item: '11000000000001' });
  });

  it('does not treat an item as key when no key-supervision entry lists it', () => {
    const { diagnostics } = runRule(
      {
        'items.yaml': ITEMS,
        'inspections.yaml': `kind: inspections\nentries:\n${inspection('01', '11000000000002', '    category: 日常检查\n    random: false\n')}`,
      },
      rule,
    );
    expect(brief(diagnostics)).toEqual(['random-inspection/not-random inspections.yaml:11:13']);
  });
});
