/**
 * random-inspection: a routine inspection of businesses that does not go
 * through 双随机、一公开 although its item is not on the key-supervision list
 * (附件1 第8项: apart from special and key fields, all routine inspections of
 * businesses are done by random sampling).
 */
import type { Rule } from './types.js';
import { readsOf } from './_reads.js';

/** 检查对象类型 that are not businesses. */
const NON_BUSINESS_TARGETS = new Set(['自然人', '其他']);

export const rule: Rule = {
  meta: {
    id: 'random-inspection',
    category: 'methods',
    description: {
      zh: '非重点领域的日常涉企检查未采用“双随机、一公开”方式',
      en: 'A routine inspection of businesses outside key fields that is not done by random sampling',
    },
    defaultSeverity: 'warning',
    scope: {
      reads: readsOf({
        inspections: ['category', 'random', 'targets', 'subject_types', 'item'],
        'key-supervision': ['items'],
      }),
    },
    messages: {
      'not-random': {
        zh: '日常检查“{name}”未采用“双随机、一公开”方式；所查事项“{item}”不在重点监管清单中，原则上应随机抽查。',
        en: 'Routine inspection "{name}" is not done by random sampling (双随机、一公开); its item "{item}" is not on the key-supervision list, so it should be sampled at random.',
      },
    },
  },
  check({ catalog, report }) {
    const keyItems = catalog.keyItems();
    for (const entry of catalog.valid('inspections')) {
      if (entry.get('category') !== '日常检查' || entry.get('random') === true) continue;
      if (!concernsBusinesses(entry.get('targets'), entry.get('subject_types'))) continue;
      const item = entry.getString('item') ?? '';
      if (keyItems.has(item)) continue;
      report({ entry, field: ['random'], messageId: 'not-random', data: { name: entry.label, item }, labels: { name: entry } });
    }
  },
};

/** 涉企: unless the inspection says it concerns individuals (自然人, or 公民 only) or others. */
function concernsBusinesses(targets: unknown, subjectTypes: unknown): boolean {
  if (typeof targets === 'string' && NON_BUSINESS_TARGETS.has(targets)) return false;
  if (Array.isArray(subjectTypes) && subjectTypes.length > 0 && subjectTypes.every((t) => t === '公民')) return false;
  return true;
}
