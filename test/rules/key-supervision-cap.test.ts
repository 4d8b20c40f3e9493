import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/key-supervision-cap.js';
import { brief, runRule } from '../helpers/tree.js';

/** One key-supervision entry: 7 lines. */
const key = (n: number) => `  - code: ZD-00${n}
    field: 安全生产
    name: 重点监管事项${n}
    items: ['1100000000000${n}']
    reason: 直接涉及公共安全
    measures: [跟踪监管]
    departments: [market]
`;

const run = (count: number, cap?: number) =>
  runRule(
    {
      ...(cap ? { 'qingdan.config.yaml': `key_supervision_cap: ${cap}\n` } : {}),
      'key.yaml': `kind: key-supervision\nentries:\n${Array.from({ length: count }, (_, i) => key(i + 1)).join('')}`,
    },
    rule,
  );

describe('key-supervision-cap', () => {
  it('passes a list at the cap', () => {
    const { diagnostics, catalog } = run(3, 3);
    expect(catalog.valid('key-supervision')).toHaveLength(3);
    expect(diagnostics).toEqual([]);
  });

  it('reports once, at the first entry beyond the cap, with the count and the cap', () => {
    const { diagnostics } = run(5, 3);
    expect(brief(diagnostics)).toEqual(['key-supervision-cap/over-cap key.yaml:24:5']);
    expect(diagnostics[0]!.severity).toBe('warning');
    expect(diagnostics[0]!.data).toEqual({ count: 5, cap: 3 });
  });

  it('defaults to a cap of 30', () => {
    expect(run(30).diagnostics).toEqual([]);
    expect(brief(run(31).diagnostics)).toEqual(['key-supervision-cap/over-cap key.yaml:213:5']);
  });
});
