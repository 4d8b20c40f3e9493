import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/leniency-penalty-item.js';
import { brief, runRule } from '../helpers/tree.js';

const item = (code: string, action: string) => `  - code: '${code}'
    main_name: 食品经营监督
    name: 事项${code.slice(-2)}
    action: ${action}
    basis: 《中华人民共和国食品安全法》第一百二十六条
    level: 区级
    department: market
`;
const ITEMS = `kind: items\nentries:\n${item('11000000000001', '行政处罚')}${item('11000000000002', '行政检查')}`;

/** One leniency entry: 9 lines, then `extra`. */
const entry = (code: string, extra: string) => `  - code: ${code}
    category: 食品经营
    violation: 违法行为${code}
    violated: 《中华人民共和国食品安全法》第三十五条
    penalty_basis: 《中华人民共和国食品安全法》第一百二十六条
    treatment: 不予处罚
    ground: 《中华人民共和国行政处罚法》第三十三条第一款
    department: market
    conditions: [违法行为轻微, 及时改正]
${extra}`;

const run = (...entries: string[]) => runRule({ 'items.yaml': ITEMS, 'leniency.yaml': `kind: leniency\nentries:\n${entries.join('')}` }, rule);

describe('leniency-penalty-item', () => {
  it('passes a penalty item, and leaves unknown codes to unknown-item', () => {
    const { diagnostics, catalog } = run(entry('RC-01', "    item: '11000000000001'\n"), entry('RC-02', "    item: '11000000000009'\n"));
    expect(catalog.valid('leniency')).toHaveLength(2);
    expect(diagnostics).toEqual([]);
  });

  it('reports a missing item at the entry, and a blank one at its value', () => {
    const { diagnostics } = run(entry('RC-01', ''), entry('RC-02', "    item: ' '\n"));
    expect(brief(diagnostics)).toEqual(['leniency-penalty-item/missing leniency.yaml:3:5', 'leniency-penalty-item/missing leniency.yaml:21:11']);
    expect(diagnostics[0]!.severity).toBe('error');
    expect(diagnostics[0]!.data).toEqual({ violation: '违法行为RC-01' });
  });

  it('reports an item that is not a penalty, with its action related', () => {
    const { diagnostics } = run(entry('RC-01', "    item: '11000000000002'\n"));
    expect(brief(diagnostics)).toEqual(['leniency-penalty-item/not-penalty leniency.yaml:12:11']);
    expect(diagnostics[0]!.data).toMatchObject({ item: '11000000000002', name: '事项02', action: '行政检查' });
    expect(diagnostics[0]!.related.map((r) => `${r.messageId} ${r.file}:${r.line}:${r.column}`)).toEqual(['item items.yaml:13:13']);
  });
});
