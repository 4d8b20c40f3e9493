/**
 * leniency-validity: a leniency list is published with a validity window, and
 * an entry applies only inside it. Each entry needs valid_from and valid_to
 * (usually file-level defaults from the notice), and the edition date must
 * fall inside the window.
 */
import type { Rule } from './types.js';

const FIELD_NAMES = {
  valid_from: { zh: '施行日期（valid_from）', en: 'valid_from' },
  valid_to: { zh: '有效期至（valid_to）', en: 'valid_to' },
} as const;

export const rule: Rule = {
  meta: {
    id: 'leniency-validity',
    category: 'leniency',
    description: { zh: '容错纠错条目缺少有效期或不在有效期内', en: 'A leniency entry without a validity window, or outside it' },
    defaultSeverity: 'error',
    scope: 'file',
    messages: {
      'no-window': {
        zh: '容错纠错条目“{violation}”缺少{missing}。',
        en: 'Leniency entry "{violation}" has no {missing}.',
      },
      expired: {
        zh: '有效期至 {valid_to}，早于本版日期 {date}：该容错纠错条目已失效。',
        en: 'Valid until {valid_to}, before the edition date {date}: this leniency entry has expired.',
      },
      'not-yet': {
        zh: '自 {valid_from} 起施行，晚于本版日期 {date}：该容错纠错条目尚未生效。',
        en: 'Valid from {valid_from}, after the edition date {date}: this leniency entry is not yet in force.',
      },
    },
  },
  check({ catalog, report }) {
    const date = catalog.date;
    for (const entry of catalog.valid('leniency')) {
      const from = entry.getString('valid_from');
      const to = entry.getString('valid_to');
      if (from === undefined || to === undefined) {
        const missing = (['valid_from', 'valid_to'] as const).filter((f) => entry.getString(f) === undefined);
        report({
          entry,
          field: [missing[0]!],
          messageId: 'no-window',
          data: {
            violation: entry.label,
            missing: missing.map((f) => FIELD_NAMES[f].zh).join('和'),
            missing_en: missing.map((f) => FIELD_NAMES[f].en).join(' and '),
          },
        });
      }
      // ISO dates (the schema's format) compare as strings. No entry name in the data: a window
      // given once at file level is then reported once, at that line.
      if (to !== undefined && to < date) {
        report({ entry, field: ['valid_to'], messageId: 'expired', data: { valid_to: to, date } });
      }
      if (from !== undefined && from > date) {
        report({ entry, field: ['valid_from'], messageId: 'not-yet', data: { valid_from: from, date } });
      }
    }
  },
};
