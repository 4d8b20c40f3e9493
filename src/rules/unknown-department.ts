/**
 * unknown-department: a department reference (an id, a name, or a name in free
 * text) that the department registry does not know, with the closest known
 * name as a suggestion (区域指中心 → 区城指中心).
 */
import { closest } from '../core/suggest.js';
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'unknown-department',
    category: 'references',
    description: { zh: '引用了部门名录中不存在的部门', en: 'A department that the department registry does not know' },
    defaultSeverity: 'error',
    messages: {
      unknown: { zh: '部门“{name}”不在部门名录中。{suggestion}', en: 'Department "{name}" is not in the department registry.{suggestion}' },
    },
  },
  check({ catalog, report }) {
    const names = catalog.departments.names();
    for (const kind of catalog.kinds.all()) {
      for (const entry of catalog.valid(kind.name)) {
        for (const ref of catalog.references(entry)) {
          if (ref.definition.to !== 'departments') continue;
          if (catalog.departments.resolve(ref.value)) continue;
          const guess = closest(ref.value, names, 0.34);
          const canonical = guess ? catalog.departments.resolve(guess)?.canonical : undefined;
          report({
            entry,
            field: ref.path,
            start: ref.start,
            end: ref.end,
            messageId: 'unknown',
            data: {
              name: ref.value,
              suggestion: canonical ? `是否为“${canonical}”？` : '',
              suggestion_en: canonical ? ` Did you mean "${canonical}"?` : '',
            },
          });
        }
      }
    }
  },
};
