/**
 * key-traceability: food, drugs, medical devices and special equipment need a
 * traceability system built on product codes (附件1 第9项). A key-supervision
 * entry in one of the configured fields (`traceability_fields`) must say how.
 */
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'key-traceability',
    category: 'methods',
    description: { zh: '需要追溯的重点领域未写明追溯措施', en: 'A key field that needs traceability without traceability measures' },
    defaultSeverity: 'error',
    scope: 'file',
    messages: {
      missing: {
        zh: '重点监管事项“{name}”属于{field}领域，应写明以产品编码管理为手段的追溯措施（traceability）。',
        en: 'Key-supervision entry "{name}" is in the field {field}, which needs product-code traceability; fill in traceability.',
      },
    },
  },
  check({ catalog, report }) {
    const fields = new Set(catalog.config.traceability_fields);
    for (const entry of catalog.valid('key-supervision')) {
      const field = entry.getString('field');
      if (field === undefined || !fields.has(field)) continue;
      const traceability = entry.getString('traceability');
      if (traceability !== undefined && traceability.trim() !== '') continue;
      report({
        entry,
        // A blank value is pointed at; a missing one at the field that calls for it.
        field: traceability === undefined ? ['field'] : ['traceability'],
        messageId: 'missing',
        data: { name: entry.label, field },
      });
    }
  },
};
