/**
 * multi-head (多头监管): one item (the same 主项名称 and 子项名称 after folding)
 * claimed by several departments, with no department marked as lead
 * (`lead: true`), or with more than one department marked as lead.
 */
import type { Entry } from '../core/entry.js';
import { foldKey } from '../core/text.js';
import type { Catalog } from '../link/index.js';
import type { Rule } from './types.js';
import { LABEL_FIELDS } from '../core/entry.js';
import { readsOf } from './_reads.js';

export const rule: Rule = {
  meta: {
    id: 'multi-head',
    category: 'responsibility',
    description: { zh: '多头监管：同一事项由多个部门监管而未明确牵头部门', en: 'One item supervised by several departments with no single lead' },
    defaultSeverity: 'warning',
    scope: { reads: readsOf({ items: ['main_name', 'name', 'department', 'lead', ...LABEL_FIELDS] }) },
    messages: {
      'no-lead': {
        zh: '监管事项“{name}”由 {count} 个部门（{departments}）监管，但未明确牵头部门（lead: true），存在多头监管。',
        en: 'Item "{name}" is supervised by {count} departments ({departments_en}) with none marked as lead (lead: true): multi-headed supervision.',
      },
      'several-leads': {
        zh: '监管事项“{name}”有 {count} 个牵头部门（{departments}），应只有一个。',
        en: 'Item "{name}" has {count} lead departments ({departments_en}); there should be one.',
      },
      other: { zh: '{department}的同一事项', en: 'the same item of {department}' },
    },
  },
  check({ catalog, report }) {
    const groups = new Map<string, Entry[]>();
    for (const entry of catalog.valid('items')) {
      const key = `${foldKey(entry.getString('main_name') ?? '')}\u0001${foldKey(entry.getString('name') ?? '')}`;
      const group = groups.get(key);
      if (group) group.push(entry);
      else groups.set(key, [entry]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const byDepartment = new Map<string, Entry[]>();
      for (const entry of group) {
        const department = catalog.departmentKey(entry.getString('department'));
        if (department === undefined) continue;
        const list = byDepartment.get(department);
        if (list) list.push(entry);
        else byDepartment.set(department, [entry]);
      }
      if (byDepartment.size < 2) continue;
      const leadDepartments = [...byDepartment].filter(([, entries]) => entries.some((e) => e.get('lead') === true));
      const name = group[0]!.getString('name') ?? group[0]!.label;
      const relate = (entries: readonly Entry[], field: string) =>
        entries.map((e) => ({ entry: e, field: [field], messageId: 'other', data: { department: departmentName(catalog, e) } }));
      if (leadDepartments.length === 0) {
        const names = [...byDepartment.values()].map((entries) => departmentName(catalog, entries[0]!));
        const data = { name, count: names.length, departments: names.join('、'), departments_en: names.join(', ') };
        for (const [department, entries] of byDepartment) {
          const others = [...byDepartment].filter(([d]) => d !== department).flatMap(([, list]) => list);
          for (const entry of entries) report({ entry, field: ['department'], messageId: 'no-lead', data, related: relate(others, 'department') });
        }
      } else if (leadDepartments.length > 1) {
        const leads = leadDepartments.flatMap(([, entries]) => entries.filter((e) => e.get('lead') === true));
        const names = leadDepartments.map(([, entries]) => departmentName(catalog, entries[0]!));
        const data = { name, count: names.length, departments: names.join('、'), departments_en: names.join(', ') };
        for (const entry of leads) report({ entry, field: ['lead'], messageId: 'several-leads', data, related: relate(leads.filter((e) => e !== entry), 'lead') });
      }
    }
  },
};


function departmentName(catalog: Catalog, entry: Entry): string {
  const name = entry.getString('department') ?? '';
  return catalog.departments.resolve(name)?.canonical ?? name;
}
