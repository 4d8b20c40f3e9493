/**
 * duplicate-entry: the same entry twice within a kind, even under different
 * codes. Entries are compared by their identifying content after folding
 * width, case, spaces and punctuation (foldKey), with department names
 * resolved through the department registry (market = 区市场监管局).
 */
import type { Entry } from '../core/entry.js';
import { foldKey } from '../core/text.js';
import type { Kind } from '../kinds/registry.js';
import type { Catalog } from '../link/index.js';
import type { Rule } from './types.js';

/** What identifies an entry, by kind; a kind not listed here is identified by all its string fields but its code and 序号. */
const IDENTITY: Record<string, readonly string[]> = {
  departments: ['name'],
  laws: ['title'],
  items: ['main_name', 'name', 'department'],
  inspections: ['name', 'item', 'department'],
  leniency: ['violation', 'department'],
  'key-supervision': ['name'],
};

/** Fields that name a department: compared as the department they resolve to. */
const DEPARTMENT_FIELDS = new Set(['department']);

export const rule: Rule = {
  meta: {
    id: 'duplicate-entry',
    category: 'identity',
    description: { zh: '同一清单中重复的条目（编码不同也算）', en: 'The same entry twice within a list (even under different codes)' },
    defaultSeverity: 'error',
    scope: {
      reads: (kind) => {
        const fields = identityFields(kind);
        return fields.length > 0 ? fields : undefined;
      },
      // Entries the same are of one kind and (when it is compared) one department.
      partition: (entry, catalog) => {
        const fields = identityFields(entry.kind);
        if (fields.length === 0) return undefined;
        return fields.includes('department') ? `${entry.kind.name}\u0001${departmentPart(catalog, entry.get('department'))}` : entry.kind.name;
      },
    },
    messages: {
      duplicate: {
        zh: '{kind}中的条目“{label}”重复（按{fields}比较，不计全半角、空格和标点）。',
        en: 'Entry "{label}" appears more than once in {kind_en} (compared by {fields_en}, ignoring width, spaces and punctuation).',
      },
      original: { zh: '首次出现', en: 'first occurrence' },
    },
  },
  check({ catalog, report }) {
    for (const kind of catalog.kinds.all()) {
      const fields = identityFields(kind);
      if (fields.length === 0) continue;
      const groups = new Map<string, Entry[]>();
      for (const entry of catalog.valid(kind.name)) {
        const key = identityKey(catalog, entry, fields);
        if (key === undefined) continue;
        const group = groups.get(key);
        if (group) group.push(entry);
        else groups.set(key, [entry]);
      }
      const data = {
        kind: kind.title,
        kind_en: kind.titleEn,
        fields: fields.map((f) => kind.fieldTitle(f)).join('、'),
        fields_en: fields.join(', '),
      };
      for (const [first, ...others] of groups.values()) {
        for (const entry of others) {
          report({ entry, messageId: 'duplicate', data: { ...data, label: entry.label }, labels: { label: entry }, related: [{ entry: first!, messageId: 'original' }] });
        }
      }
    }
  },
};

function identityFields(kind: Kind): readonly string[] {
  const known = IDENTITY[kind.name];
  if (known) return known;
  const skip = new Set([kind.codeField, kind.sequence]);
  return kind.fieldNames.filter((f) => !skip.has(f) && kind.fieldSchema(f)?.type === 'string').sort();
}

/** The folded identifying content, or undefined when the entry has none of it. */
function identityKey(catalog: Catalog, entry: Entry, fields: readonly string[]): string | undefined {
  let any = false;
  const parts = fields.map((field) => {
    const value = entry.get(field);
    if (typeof value !== 'string' && typeof value !== 'number') return '';
    const folded = DEPARTMENT_FIELDS.has(field) ? departmentPart(catalog, value) : foldKey(String(value));
    if (folded !== '') any = true;
    return folded;
  });
  // U+0001 survives foldKey's folding, so it cannot occur inside a part.
  return any ? parts.join('\u0001') : undefined;
}


/** A department field as the identity compares it: the department it resolves to, else nothing. */
function departmentPart(catalog: Catalog, value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? (catalog.departmentKey(String(value)) ?? '') : '';
}
