/**
 * non-canonical-department: a department named by its full name, an alias or a
 * variant spelling rather than its registered short name (or id): 区卫健委 →
 * 区卫生健康委. One department written several ways in one edition reads as
 * several departments, and the published lists no longer sort or count by it.
 */
import type { Entry } from '../core/entry.js';
import type { NameForm } from '../link/directory.js';
import { departmentReferences } from './_citations.js';
import type { Rule } from './types.js';

const FORM_WORDS: Partial<Record<NameForm, { zh: string; en: string }>> = {
  name: { zh: '全称', en: 'full name' },
  alias: { zh: '别称', en: 'alias' },
};
const VARIANT = { zh: '异写', en: 'variant spelling' };

/** Is the name spelled exactly as registered in that form (not only equal after folding width, spaces and punctuation)? */
function writtenAsIs(name: string, department: Entry, form: NameForm): boolean {
  if (form === 'alias') {
    const aliases = department.get('aliases');
    return Array.isArray(aliases) && aliases.includes(name);
  }
  return department.getString(form) === name;
}

export const rule: Rule = {
  meta: {
    id: 'non-canonical-department',
    category: 'references',
    description: { zh: '部门未使用部门名录中的规范简称', en: 'A department not named by its registered short name' },
    defaultSeverity: 'warning',
    scope: 'file',
    messages: {
      'non-canonical': {
        zh: '部门“{name}”是{form}，应写作规范简称“{canonical}”。',
        en: 'Department "{name}" ({form_en}): write its short name "{canonical}".',
      },
    },
  },
  shares: [departmentReferences],
  check({ catalog, report, shared }) {
    for (const ref of shared(departmentReferences)) {
      const resolved = catalog.departments.resolve(ref.value);
      if (!resolved) continue; // unknown-department's finding
      if (ref.value === resolved.canonical || ref.value === resolved.entry.getString('id')) continue;
      const words = (writtenAsIs(ref.value, resolved.entry, resolved.form) && FORM_WORDS[resolved.form]) || VARIANT;
      report({
        entry: ref.entry,
        field: ref.path,
        start: ref.start,
        end: ref.end,
        messageId: 'non-canonical',
        data: { name: ref.value, canonical: resolved.canonical, form: words.zh, form_en: words.en },
      });
    }
  },
};
