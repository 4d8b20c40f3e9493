/** duplicate-code: one code used by two entries of the same kind. */
import type { Entry } from '../core/entry.js';
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'duplicate-code',
    category: 'identity',
    description: { zh: '同一编码被多个条目使用', en: 'A code used by more than one entry' },
    defaultSeverity: 'error',
    scope: { reads: (kind) => (kind.codeField ? [kind.codeField] : undefined) },
    messages: {
      duplicate: { zh: '{kind}编码“{code}”重复（共 {count} 处）。', en: '{kind_en} code "{code}" is used {count} times.' },
      other: { zh: '另一处使用', en: 'also used here' },
    },
  },
  check({ catalog, report }) {
    for (const kind of catalog.kinds.all()) {
      const field = kind.codeField;
      if (!field) continue;
      const byCode = new Map<string, Entry[]>();
      const entries = catalog.entries(kind.name);
      for (const entry of entries) {
        const code = entry.get(field);
        if (typeof code !== 'string' && typeof code !== 'number') continue;
        const key = String(code).trim();
        const list = byCode.get(key);
        if (list) list.push(entry);
        else byCode.set(key, [entry]);
      }
      for (const [code, list] of byCode) {
        if (list.length < 2) continue;
        for (const entry of list) {
          if (!entry.valid) continue;
          report({
            entry,
            field: [field],
            messageId: 'duplicate',
            data: { kind: kind.title, kind_en: kind.titleEn, code, count: list.length },
            related: list.filter((e) => e !== entry).map((e) => ({ entry: e, field: [field], messageId: 'other' })),
          });
        }
      }
    }
  },
};
