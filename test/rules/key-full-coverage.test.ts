import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/key-full-coverage.js';
import { brief, DEPARTMENTS, runRule } from '../helpers/tree.js';

const item = (code: string, name: string, action: string) => `  - code: '${code}'
    main_name: 特种设备安全监督
    name: ${name}
    action: ${action}
    basis: 《中华人民共和国特种设备安全法》第五十七条
    level: 区级
    department: market
`;
const ITEMS = `kind: items
entries:
${item('11000000000001', '对餐饮服务提供者的监督检查', '行政检查')}${item('11000000000002', '对电梯使用单位的监督检查', '行政检查')}${item('11000000000003', '对电梯使用单位违法行为的处罚', '行政处罚')}`;

// The penalty item and the unknown code are not inspected: only 11000000000002 needs full coverage.
const KEY = `kind: key-supervision
entries:
  - code: ZD-001
    field: 特种设备
    name: 电梯安全
    items: ['11000000000002', '11000000000003', '11000000000009']
    reason: 直接涉及公共安全
    measures: [跟踪监管]
    traceability: 电梯使用标志二维码追溯
    departments: [market]
`;

/** One inspection: 8 lines, then `extra`. */
const inspection = (serial: string, item: string, extra: string) => `  - code: '11110115000000000X1${serial}'
    name: 检查${serial}
    item: '${item}'
    category: 日常检查
    methods: [现场检查]
    objects: 电梯使用单位
    basis: 《中华人民共和国特种设备安全法》第五十七条
    department: market
${extra}`;

const run = (...entries: string[]) =>
  runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': ITEMS, 'key.yaml': KEY, 'inspections.yaml': `kind: inspections\nentries:\n${entries.join('')}` }, rule);

describe('key-full-coverage', () => {
  it('passes key items inspected with full coverage, and sampling of items that are not key', () => {
    const { diagnostics, catalog } = run(
      inspection('01', '11000000000002', '    random: false\n    full_coverage: true\n'),
      inspection('02', '11000000000002', '    random: true\n    full_coverage: true\n'),
      inspection('03', '11000000000001', '    random: true\n'),
    );
    expect(catalog.valid('inspections')).toHaveLength(3);
    expect(diagnostics).toEqual([]);
  });

  it('reports random sampling only of a key item, and the key item without full coverage', () => {
    const { diagnostics } = run(inspection('01', '11000000000002', '    random: true\n    full_coverage: false\n'));
    expect(brief(diagnostics).sort()).toEqual([
      'key-full-coverage/no-full-coverage key.yaml:6:13',
      'key-full-coverage/sampling-only inspections.yaml:11:13',
    ]);
    const sampling = diagnostics.find((d) => d.messageId === 'sampling-only')!;
    expect(sampling.severity).toBe('error');
    expect(sampling.data).toMatchObject({ item: '11000000000002', key: '电梯安全' });
    expect(sampling.related.map((r) => `${r.messageId} ${r.file}:${r.line}:${r.column}`)).toEqual(['key-entry key.yaml:6:13']);
    const uncovered = diagnostics.find((d) => d.messageId === 'no-full-coverage')!;
    expect(uncovered.related.map((r) => `${r.messageId} ${r.file}:${r.line}:${r.column}`)).toEqual(['inspection inspections.yaml:12:20']);
  });

  it('reports a key item that has no inspection at all, with no related locations', () => {
    const { diagnostics } = run(inspection('01', '11000000000001', '    random: true\n'));
    expect(brief(diagnostics)).toEqual(['key-full-coverage/no-full-coverage key.yaml:6:13']);
    expect(diagnostics[0]!.related).toEqual([]);
  });

  it('leaves an inspection that is neither random nor full coverage to the key-item side', () => {
    const { diagnostics } = run(inspection('01', '11000000000002', '    random: false\n'));
    expect(brief(diagnostics)).toEqual(['key-full-coverage/no-full-coverage key.yaml:6:13']);
    expect(diagnostics[0]!.related.map((r) => `${r.file}:${r.line}:${r.column}`)).toEqual(['inspections.yaml:3:5']);
  });
});
