/**
 * supervision-vacuum (监管真空): an item of action 行政检查 that no inspection
 * checklist implements, or an item with no department. Inspections that fail
 * their schema still count as implementing their item: their own errors are
 * reported elsewhere, and a vacuum reported here would be false.
 */
import type { Rule } from './types.js';
import { LABEL_FIELDS } from '../core/entry.js';
import { readsOf } from './_reads.js';

export const rule: Rule = {
  meta: {
    id: 'supervision-vacuum',
    category: 'responsibility',
    description: { zh: '监管真空：行政检查事项没有检查实施清单，或事项没有实施部门', en: 'A supervision vacuum: an inspection item with no checklist, or an item with no department' },
    defaultSeverity: 'error',
    scope: { reads: readsOf({ inspections: ['item'], items: ['name', 'department', 'code', 'action', ...LABEL_FIELDS] }) },
    messages: {
      'no-inspection': {
        zh: '监管事项“{name}”（{code}）为行政检查，但没有检查实施清单条目实施它（item: {code}），存在监管真空。',
        en: 'Item "{name}" ({code}) is an inspection (行政检查), but no inspection checklist implements it (item: {code}): a supervision vacuum.',
      },
      'no-department': {
        zh: '监管事项“{name}”没有实施部门，存在监管真空。',
        en: 'Item "{name}" has no department: a supervision vacuum.',
      },
    },
  },
  check({ catalog, report }) {
    const inspected = new Set<string>();
    for (const inspection of catalog.entries('inspections')) {
      const item = inspection.getString('item')?.trim();
      if (item) inspected.add(item);
    }
    for (const entry of catalog.valid('items')) {
      const name = entry.getString('name') ?? entry.label;
      if ((entry.getString('department') ?? '').trim() === '') {
        report({ entry, field: ['department'], messageId: 'no-department', data: { name } });
      }
      const code = entry.getString('code')?.trim();
      if (entry.get('action') === '行政检查' && code && !inspected.has(code)) {
        report({ entry, field: ['code'], messageId: 'no-inspection', data: { name, code } });
      }
    }
  },
};
