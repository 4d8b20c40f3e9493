/**
 * commitment-check: an item approved by 告知承诺 with no inspection that checks
 * the commitments made (方案 二(一)1: 实施告知承诺的事项，相关部门要加强对当事人
 * 履行告知承诺情况的核查).
 */
import type { Rule } from './types.js';
import { LABEL_FIELDS } from '../core/entry.js';
import { readsOf } from './_reads.js';

export const rule: Rule = {
  meta: {
    id: 'commitment-check',
    category: 'responsibility',
    description: { zh: '告知承诺事项没有核查承诺履行情况的检查', en: 'An item approved by notification and commitment with no check of the commitments' },
    defaultSeverity: 'error',
    scope: { reads: readsOf({ inspections: ['item', 'commitment_check'], items: ['approval', 'code', ...LABEL_FIELDS] }) },
    messages: {
      missing: {
        zh: '监管事项“{name}”（{code}）以告知承诺方式审批，但没有核查承诺履行情况的检查（检查实施清单中 item: {code} 且 commitment_check: true）。',
        en: 'Item "{name}" ({code}) is approved by notification and commitment (告知承诺), but no inspection checks the commitments (an inspection with item: {code} and commitment_check: true).',
      },
    },
  },
  check({ catalog, report }) {
    const checked = new Set<string>();
    for (const inspection of catalog.entries('inspections')) {
      const item = inspection.getString('item')?.trim();
      if (item && inspection.get('commitment_check') === true) checked.add(item);
    }
    for (const entry of catalog.valid('items')) {
      if (entry.get('approval.type') !== '告知承诺') continue;
      const code = entry.getString('code')?.trim() ?? '';
      if (checked.has(code)) continue;
      report({ entry, field: ['approval', 'type'], messageId: 'missing', data: { name: entry.getString('name') ?? entry.label, code } });
    }
  },
};
