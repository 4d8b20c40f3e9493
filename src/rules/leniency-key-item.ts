/**
 * leniency-key-item: leniency for an item on the key-supervision list. Key
 * fields touch public safety and health; leniency there is not forbidden, but
 * it needs the legal review (法制审核) to have looked at it.
 */
import type { Rule } from './types.js';
import { LABEL_FIELDS } from '../core/entry.js';
import { readsOf } from './_reads.js';

export const rule: Rule = {
  meta: {
    id: 'leniency-key-item',
    category: 'leniency',
    description: { zh: '对重点监管事项适用容错纠错', en: 'Leniency for an item on the key-supervision list' },
    defaultSeverity: 'warning',
    scope: { reads: readsOf({ leniency: ['item', 'treatment'], 'key-supervision': ['items', ...LABEL_FIELDS] }) },
    messages: {
      key: {
        zh: '事项“{item}”列入重点监管清单（{key}），对其“{treatment}”须经法制审核确认。',
        en: 'Item "{item}" is on the key-supervision list ({key}); {treatment} for it needs legal review (法制审核).',
      },
      'key-entry': { zh: '列入重点监管清单处', en: 'listed as key supervision here' },
    },
  },
  check({ catalog, report }) {
    const keyItems = catalog.keyItems();
    for (const entry of catalog.valid('leniency')) {
      const item = entry.getString('item');
      const listed = item === undefined ? undefined : keyItems.get(item);
      if (!listed) continue;
      const treatment = entry.getString('treatment') ?? '';
      report({
        entry,
        field: ['item'],
        messageId: 'key',
        data: { item: item!, key: listed.entry.label, treatment, treatment_en: TREATMENT_EN[treatment] ?? treatment },
        related: [{ entry: listed.entry, field: ['items', listed.index], messageId: 'key-entry' }],
      });
    }
  },
};

const TREATMENT_EN: Record<string, string> = { 不予处罚: 'no penalty', 从轻处罚: 'a lighter penalty', 减轻处罚: 'a reduced penalty' };
