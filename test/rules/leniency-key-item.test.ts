import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/leniency-key-item.js';
import { brief, runRule } from '../helpers/tree.js';

const KEY = `kind: key-supervision
entries:
  - code: ZD-001
    field: 特种设备
    name: 电梯安全
    items: ['11000000000002', '11000000000003']
    reason: 直接涉及公共安全
    measures: [跟踪监管]
    traceability: 电梯使用标志二维码追溯
    departments: [market]
`;

/** One leniency entry: 9 lines, then `extra`. */
const entry = (code: string, extra: string) => `  - code: ${code}
    category: 特种设备
    violation: 违法行为${code}
    violated: 《中华人民共和国特种设备安全法》第四十条
    penalty_basis: 《中华人民共和国特种设备安全法》第八十四条
    treatment: 从轻处罚
    ground: 《中华人民共和国行政处罚法》第三十二条
    department: market
    conditions: [主动消除或者减轻违法行为危害后果]
${extra}`;

const run = (...entries: string[]) => runRule({ 'key.yaml': KEY, 'leniency.yaml': `kind: leniency\nentries:\n${entries.join('')}` }, rule);

describe('leniency-key-item', () => {
  it('passes leniency for items that are not key, and entries without an item', () => {
    const { diagnostics, catalog } = run(entry('RC-01', "    item: '11000000000004'\n"), entry('RC-02', ''));
    expect(catalog.valid('leniency')).toHaveLength(2);
    expect(diagnostics).toEqual([]);
  });

  it('reports leniency for a key item, with the key-supervision entry related', () => {
    const { diagnostics } = run(entry('RC-01', "    item: '11000000000004'\n"), entry('RC-02', "    item: '11000000000003'\n"));
    expect(brief(diagnostics)).toEqual(['leniency-key-item/key leniency.yaml:22:11']);
    expect(diagnostics[0]!.severity).toBe('warning');
    expect(diagnostics[0]!.data).toMatchObject({ item: '11000000000003', key: '电梯安全', treatment: '从轻处罚', treatment_en: 'a lighter penalty' });
    expect(diagnostics[0]!.related.map((r) => `${r.messageId} ${r.file}:${r.line}:${r.column}`)).toEqual(['key-entry key.yaml:6:31']);
  });
});
