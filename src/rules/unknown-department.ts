/**
 * unknown-department: a department reference (an id, a name, or a name in free
 * text) that the department registry does not know, with the closest known
 * name as a suggestion (区域指中心 → 区城指中心).
 */
import { closest } from '../core/suggest.js';
import { departmentReferences } from './_citations.js';
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'unknown-department',
    category: 'references',
    description: { zh: '引用了部门名录中不存在的部门', en: 'A department that the department registry does not know' },
    defaultSeverity: 'error',
    scope: 'file',
    messages: {
      unknown: { zh: '部门“{name}”不在部门名录中。{suggestion}', en: 'Department "{name}" is not in the department registry.{suggestion}' },
    },
  },
  shares: [departmentReferences],
  check({ catalog, report, shared }) {
    const names = catalog.departments.names();
    // One search of the registry per distinct unknown name.
    const suggestions = new Map<string, string | undefined>();
    const suggest = (name: string): string | undefined => {
      if (!suggestions.has(name)) {
        const guess = closest(name, names, 0.34);
        suggestions.set(name, guess ? catalog.departments.resolve(guess)?.canonical : undefined);
      }
      return suggestions.get(name);
    };
    for (const ref of shared(departmentReferences)) {
      if (catalog.departments.resolve(ref.value)) continue;
      const canonical = suggest(ref.value);
      report({
        entry: ref.entry,
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
  },
};
