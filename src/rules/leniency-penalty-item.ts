/**
 * leniency-penalty-item: a leniency entry names the penalty item (行政处罚) it
 * softens. Without one, the list cannot be tied to the 行政处罚权力清单; an item
 * that is an inspection or a compulsory measure is not something leniency
 * applies to. Unknown codes are unknown-item's to report.
 */
import type { Rule } from './types.js';
import { LABEL_FIELDS } from '../core/entry.js';
import { readsOf } from './_reads.js';

export const rule: Rule = {
  meta: {
    id: 'leniency-penalty-item',
    category: 'leniency',
    description: { zh: '容错纠错条目未对应行政处罚事项', en: 'A leniency entry not tied to a penalty item' },
    defaultSeverity: 'error',
    scope: { reads: readsOf({ leniency: ['item', ...LABEL_FIELDS], items: ['action', ...LABEL_FIELDS] }) },
    messages: {
      missing: {
        zh: '容错纠错条目“{violation}”未填写对应的行政处罚事项编码（item）。',
        en: 'Leniency entry "{violation}" does not name its penalty item (item).',
      },
      'not-penalty': {
        zh: '对应事项“{item}”（{name}）的监管行为是“{action}”，不是行政处罚。',
        en: 'Item "{item}" ({name}) has the action {action}, not penalty (行政处罚).',
      },
      item: { zh: '该事项的监管行为', en: 'the item\'s action' },
    },
  },
  check({ catalog, report }) {
    for (const entry of catalog.valid('leniency')) {
      const code = entry.getString('item');
      if (code === undefined || code.trim() === '') {
        report({ entry, field: ['item'], messageId: 'missing', data: { violation: entry.label } });
        continue;
      }
      const item = catalog.byKey('items', code).find((e) => e.valid);
      const action = item?.getString('action');
      if (!item || action === '行政处罚') continue;
      report({
        entry,
        field: ['item'],
        messageId: 'not-penalty',
        data: { item: code, name: item.label, action, action_en: ACTION_EN[action ?? ''] ?? action },
        related: [{ entry: item, field: ['action'], messageId: 'item' }],
      });
    }
  },
};

const ACTION_EN: Record<string, string> = { 行政检查: 'inspection (行政检查)', 行政强制: 'compulsory measure (行政强制)', 其他: 'other (其他)' };
