/**
 * key-full-coverage: key fields are supervised with full coverage (全覆盖), not
 * by sampling (二(三)4, 附件1 第9项). Reported from both sides: an inspection of
 * a key item that is random sampling only, and a key item that no inspection
 * covers in full.
 */
import type { Entry } from '../core/entry.js';
import type { Rule } from './types.js';
import { readsOf } from './_reads.js';

export const rule: Rule = {
  meta: {
    id: 'key-full-coverage',
    category: 'methods',
    description: { zh: '重点监管事项未实行全覆盖检查', en: 'A key-supervision item without full-coverage inspection' },
    defaultSeverity: 'error',
    scope: {
      reads: readsOf({
        inspections: ['item', 'full_coverage', 'random'],
        items: ['action'],
        'key-supervision': ['items'],
      }),
    },
    messages: {
      'sampling-only': {
        zh: '检查“{name}”所查事项“{item}”属重点监管（{key}），应全覆盖检查，不能只随机抽查。',
        en: 'Inspection "{name}" covers key-supervision item "{item}" ({key}); key items need full coverage, not random sampling only.',
      },
      'no-full-coverage': {
        zh: '重点监管事项“{item}”（{name}）没有全覆盖的检查（full_coverage: true）。',
        en: 'Key-supervision item "{item}" ({name}) has no inspection with full coverage (full_coverage: true).',
      },
      'key-entry': { zh: '列入重点监管清单处', en: 'listed as key supervision here' },
      inspection: { zh: '该事项的检查', en: 'an inspection of this item' },
    },
  },
  check({ catalog, report }) {
    const inspectionsByItem = new Map<string, Entry[]>();
    for (const inspection of catalog.valid('inspections')) {
      const item = inspection.getString('item');
      if (item === undefined) continue;
      const list = inspectionsByItem.get(item);
      if (list) list.push(inspection);
      else inspectionsByItem.set(item, [inspection]);
    }

    // Every listing of an item without a full-coverage inspection.
    for (const key of catalog.valid('key-supervision')) {
      const items = key.get('items');
      if (!Array.isArray(items)) continue;
      items.forEach((code: unknown, index) => {
        if (typeof code !== 'string') return;
        const item = catalog.byKey('items', code).find((e) => e.valid);
        // Unknown codes are unknown-item's; only inspection items are inspected.
        if (!item || item.get('action') !== '行政检查') return;
        const inspections = inspectionsByItem.get(code) ?? [];
        if (inspections.some((i) => i.get('full_coverage') === true)) return;
        report({
          entry: key,
          field: ['items', index],
          messageId: 'no-full-coverage',
          data: { item: code, name: item.label },
          labels: { name: item },
          related: inspections.map((i) => ({ entry: i, field: ['full_coverage'], messageId: 'inspection' })),
        });
      });
    }

    for (const [code, listed] of catalog.keyItems()) {
      for (const inspection of inspectionsByItem.get(code) ?? []) {
        if (inspection.get('random') !== true || inspection.get('full_coverage') === true) continue;
        report({
          entry: inspection,
          field: ['random'],
          messageId: 'sampling-only',
          data: { name: inspection.label, item: code, key: listed.entry.label },
          labels: { name: inspection, key: listed.entry },
          related: [{ entry: listed.entry, field: ['items', listed.index], messageId: 'key-entry' }],
        });
      }
    }
  },
};
