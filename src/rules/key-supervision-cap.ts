/**
 * key-supervision-cap: 严格控制重点监管事项数量 (附件1 第9项). More key-supervision
 * entries than the configured cap (`key_supervision_cap`) are reported once, at
 * the first entry beyond it.
 */
import type { Rule } from './types.js';
import { readsOf } from './_reads.js';

export const rule: Rule = {
  meta: {
    id: 'key-supervision-cap',
    category: 'methods',
    description: { zh: '重点监管事项数量超过上限', en: 'More key-supervision entries than the configured cap' },
    defaultSeverity: 'warning',
    scope: { reads: readsOf({ 'key-supervision': [] }) },
    messages: {
      'over-cap': {
        zh: '重点监管清单共 {count} 项，超过上限 {cap} 项；应严格控制重点监管事项数量。',
        en: 'The key-supervision list has {count} entries, more than the cap of {cap}; keep the number of key items under strict control.',
      },
    },
  },
  check({ catalog, report }) {
    const entries = catalog.valid('key-supervision');
    const cap = catalog.config.key_supervision_cap;
    const first = entries[cap];
    if (!first) return;
    report({ entry: first, messageId: 'over-cap', data: { count: entries.length, cap } });
  },
};
