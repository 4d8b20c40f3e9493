import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/sampling-by-credit.js';
import { brief, runRule } from '../helpers/tree.js';

/** One inspection: 9 lines, then one line per sampling element. */
const inspection = (serial: string, sampling: string[]) => `  - code: '11110115000000000X1${serial}'
    name: 检查${serial}
    item: '11000000000001'
    category: 日常检查
    methods: [现场检查]
    objects: 经营者
    basis: 《中华人民共和国食品安全法》第一百一十条
    department: market
    sampling:
${sampling.map((s) => `      - { ${s} }\n`).join('')}`;

const run = (entries: string[], config?: string) =>
  runRule(
    {
      ...(config ? { 'qingdan.config.yaml': config } : {}),
      'inspections.yaml': `kind: inspections\nentries:\n${entries.join('')}`,
    },
    rule,
  );

describe('sampling-by-credit', () => {
  it('passes ratios and frequencies that rise as credit worsens, in any written order', () => {
    const { diagnostics, catalog } = run([
      inspection('01', ['grade: A, ratio: 3, per_year: 1', 'grade: B, ratio: 5, per_year: 1', 'grade: C, ratio: 10, per_year: 2', 'grade: D, ratio: 20, per_year: 2']),
      inspection('02', ['grade: D, ratio: 20', 'grade: b, ratio: 5', 'grade: A, ratio: 5']),
    ]);
    expect(catalog.valid('inspections')).toHaveLength(2);
    expect(diagnostics).toEqual([]);
  });

  it('reports a ratio or frequency that falls, at the element, with the better grade related', () => {
    const { diagnostics } = run([
      inspection('01', ['grade: A, ratio: 10, per_year: 1', 'grade: B, ratio: 5, per_year: 2', 'grade: C, ratio: 20, per_year: 1']),
    ]);
    expect(brief(diagnostics)).toEqual(['sampling-by-credit/falls inspections.yaml:13:28', 'sampling-by-credit/falls inspections.yaml:14:42']);
    expect(diagnostics[0]!.data).toMatchObject({ grade: 'B', better: 'A', value: 5, better_value: 10, measure: '抽查比例' });
    expect(diagnostics[1]!.data).toMatchObject({ grade: 'C', better: 'B', measure_en: 'yearly frequency' });
    expect(diagnostics.map((d) => d.related.map((r) => `${r.messageId} ${r.line}:${r.column}`))).toEqual([['better 12:28'], ['better 13:41']]);
  });

  it('reports a grade the configuration does not know', () => {
    const { diagnostics } = run([inspection('01', ['grade: A, ratio: 3', 'grade: E, ratio: 30'])]);
    expect(brief(diagnostics)).toEqual(['sampling-by-credit/unknown-grade inspections.yaml:13:18']);
    expect(diagnostics[0]!.data).toMatchObject({ grade: 'E', grades: 'A、B、C、D' });
  });

  it('reports a grade given twice, with the first related, and compares only the first', () => {
    const { diagnostics } = run([inspection('01', ['grade: A, ratio: 3', 'grade: B, ratio: 5', 'grade: a, ratio: 1'])]);
    expect(brief(diagnostics)).toEqual(['sampling-by-credit/duplicate-grade inspections.yaml:14:18']);
    expect(diagnostics[0]!.related.map((r) => `${r.messageId} ${r.line}:${r.column}`)).toEqual(['first 12:18']);
  });

  it('follows the configured grade order', () => {
    const config = 'credit_grades: [优, 良, 中, 差]\n';
    const ok = run([inspection('01', ['grade: 优, ratio: 2', 'grade: 差, ratio: 30'])], config);
    expect(ok.diagnostics).toEqual([]);
    const bad = run([inspection('01', ['grade: 良, ratio: 10', 'grade: 中, ratio: 8', 'grade: A, ratio: 1'])], config);
    expect(brief(bad.diagnostics)).toEqual(['sampling-by-credit/unknown-grade inspections.yaml:14:18', 'sampling-by-credit/falls inspections.yaml:13:28']);
  });
});
