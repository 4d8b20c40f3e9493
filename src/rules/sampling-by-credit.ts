/**
 * sampling-by-credit: sampling ratio and frequency follow credit grade, more
 * for poor credit and less for good (二(三)2, 附件1 第8项). Going from the best
 * grade to the worst (configuration `credit_grades`), neither the ratio nor the
 * yearly frequency may fall; a grade the configuration does not know cannot be
 * placed and is reported too, as is a grade given twice.
 */
import { foldKey } from '../core/text.js';
import type { DataPath } from '../load/source.js';
import type { Rule } from './types.js';

type Measure = 'ratio' | 'per_year';

const MEASURE_NAMES: Record<Measure, { zh: string; en: string }> = {
  ratio: { zh: '抽查比例', en: 'sampling ratio' },
  per_year: { zh: '每年频次', en: 'yearly frequency' },
};

interface Row {
  index: number;
  grade: string;
  rank: number;
  ratio: number | undefined;
  per_year: number | undefined;
}

export const rule: Rule = {
  meta: {
    id: 'sampling-by-credit',
    category: 'methods',
    description: {
      zh: '抽查比例和频次未随信用等级变差而提高',
      en: 'Sampling ratio or frequency that does not rise as credit worsens',
    },
    defaultSeverity: 'warning',
    scope: 'file',
    messages: {
      falls: {
        zh: '信用等级 {grade} 的{measure}（{value}）低于信用更好的等级 {better}（{better_value}）；信用越差，抽查应越多。',
        en: 'The {measure} for credit grade {grade} ({value}) is lower than for the better grade {better} ({better_value}); poorer credit should be sampled more.',
      },
      'unknown-grade': {
        zh: '信用等级“{grade}”不在配置的信用等级（{grades}）中。',
        en: 'Credit grade "{grade}" is not one of the configured grades ({grades}).',
      },
      'duplicate-grade': {
        zh: '信用等级“{grade}”重复出现。',
        en: 'Credit grade "{grade}" appears more than once.',
      },
      better: { zh: '信用更好的等级 {grade}', en: 'the better grade {grade}' },
      first: { zh: '首次出现处', en: 'first given here' },
    },
  },
  check({ catalog, report }) {
    const grades = catalog.config.credit_grades;
    const rankOf = new Map(grades.map((g, i) => [foldKey(g), i] as const));
    for (const entry of catalog.valid('inspections')) {
      const sampling = entry.get('sampling');
      if (!Array.isArray(sampling)) continue;
      const rows: Row[] = [];
      const byRank = new Map<number, Row>();
      sampling.forEach((s: { grade: string; ratio: number; per_year?: number }, index) => {
        const grade: DataPath = ['sampling', index, 'grade'];
        const rank = rankOf.get(foldKey(s.grade));
        if (rank === undefined) {
          const data = { grade: s.grade, grades: grades.join('、'), grades_en: grades.join(', ') };
          report({ entry, field: grade, messageId: 'unknown-grade', data });
          return;
        }
        const earlier = byRank.get(rank);
        if (earlier) {
          const related = [{ entry, field: ['sampling', earlier.index, 'grade'], messageId: 'first' }];
          report({ entry, field: grade, messageId: 'duplicate-grade', data: { grade: s.grade }, related });
          return;
        }
        const row = { index, grade: s.grade, rank, ratio: s.ratio, per_year: s.per_year };
        byRank.set(rank, row);
        rows.push(row);
      });
      // Best grade first.
      rows.sort((a, b) => a.rank - b.rank);
      for (const measure of ['ratio', 'per_year'] as const) {
        let better: Row | undefined;
        for (const row of rows) {
          const value = row[measure];
          if (value === undefined) continue;
          if (better && value < better[measure]!) {
            report({
              entry,
              field: ['sampling', row.index, measure],
              messageId: 'falls',
              data: {
                grade: row.grade,
                better: better.grade,
                value,
                better_value: better[measure],
                measure: MEASURE_NAMES[measure].zh,
                measure_en: MEASURE_NAMES[measure].en,
              },
              related: [{ entry, field: ['sampling', better.index, measure], messageId: 'better', data: { grade: better.grade } }],
            });
          }
          better = row;
        }
      }
    }
  },
};
