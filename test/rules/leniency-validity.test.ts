import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/leniency-validity.js';
import { brief, runRule } from '../helpers/tree.js';

const CONFIG = 'edition:\n  date: 2025-06-30\n';

/** One leniency entry: 9 lines, then `extra`. */
const entry = (code: string, extra = '') => `  - code: ${code}
    category: 食品经营
    violation: 违法行为${code}
    violated: 《中华人民共和国食品安全法》第三十五条
    penalty_basis: 《中华人民共和国食品安全法》第一百二十二条
    treatment: 不予处罚
    ground: 《中华人民共和国行政处罚法》第三十三条第一款
    department: market
    conditions: [违法行为轻微, 及时改正]
${extra}`;

/** A leniency file: `head` (file-level defaults) after `kind:`, then `entries:`. */
const run = (head: string, ...entries: string[]) =>
  runRule({ 'qingdan.config.yaml': CONFIG, 'leniency.yaml': `kind: leniency\n${head}entries:\n${entries.join('')}` }, rule);

describe('leniency-validity', () => {
  it('passes a window that holds the edition date, given at file level or on the entry, ends included', () => {
    const { diagnostics, catalog } = run(
      'valid_from: 2024-01-01\nvalid_to: 2026-12-31\n',
      entry('RC-01'),
      entry('RC-02', '    valid_from: 2025-06-30\n    valid_to: 2025-06-30\n'),
    );
    expect(catalog.valid('leniency')).toHaveLength(2);
    expect(diagnostics).toEqual([]);
  });

  it('reports a missing window once per entry, at the entry', () => {
    const { diagnostics } = run('valid_from: 2024-01-01\n', entry('RC-01'));
    expect(brief(diagnostics)).toEqual(['leniency-validity/no-window leniency.yaml:4:5']);
    expect(diagnostics[0]!.severity).toBe('error');
    expect(diagnostics[0]!.data).toMatchObject({ missing: '有效期至（valid_to）', missing_en: 'valid_to' });
    const none = run('', entry('RC-01'));
    expect(brief(none.diagnostics)).toEqual(['leniency-validity/no-window leniency.yaml:3:5']);
    expect(none.diagnostics[0]!.data.missing_en).toBe('valid_from and valid_to');
  });

  it('reports an expired window and one not yet in force, at the date', () => {
    const { diagnostics } = run(
      'valid_from: 2024-01-01\n',
      entry('RC-01', '    valid_to: 2025-06-29\n'),
      entry('RC-02', '    valid_to: 2026-12-31\n    valid_from: 2025-07-01\n'),
    );
    expect(brief(diagnostics)).toEqual(['leniency-validity/expired leniency.yaml:13:15', 'leniency-validity/not-yet leniency.yaml:24:17']);
    expect(diagnostics[0]!.data).toEqual({ valid_to: '2025-06-29', date: '2025-06-30' });
    expect(diagnostics[1]!.data).toEqual({ valid_from: '2025-07-01', date: '2025-06-30' });
  });

  it('reports a window given at file level once, at its line', () => {
    const { diagnostics } = run('valid_from: 2020-01-01\nvalid_to: 2022-12-31\n', entry('RC-01'), entry('RC-02'));
    expect(brief(diagnostics)).toEqual(['leniency-validity/expired leniency.yaml:3:11']);
  });
});
