/**
 * unknown-item: a reference to a supervision item code (检查实施清单的监管事项编码,
 * 重点监管清单的监管事项, 容错纠错清单的对应处罚事项) that no entry of the
 * 监管事项目录清单 has. When the value is an item's name, or a code written with
 * full-width digits or spaces, the item's code is suggested.
 */
import { foldKey } from '../core/text.js';
import type { Rule } from './types.js';
import { referenceFields } from './_reads.js';

export const rule: Rule = {
  meta: {
    id: 'unknown-item',
    category: 'references',
    description: { zh: '引用了监管事项目录清单中不存在的事项编码', en: 'A supervision item code that no item has' },
    defaultSeverity: 'error',
    scope: {
      reads: (kind) => {
        const fields = referenceFields(kind, 'items');
        return kind.name === 'items' ? ['name', ...fields] : fields.length > 0 ? fields : undefined;
      },
    },
    messages: {
      unknown: {
        zh: '监管事项编码“{code}”不在监管事项目录清单中{suggestion}。',
        en: 'Supervision item code "{code}" is not in the supervision item list{suggestion_en}.',
      },
    },
  },
  check({ catalog, report }) {
    // Folded codes and item names → code, built once, for suggestions.
    const hints = new Map<string, string>();
    for (const [code, items] of catalog.keys('items')) {
      hints.set(foldKey(code), code);
      for (const item of items) {
        const name = item.getString('name');
        if (name && !hints.has(foldKey(name))) hints.set(foldKey(name), code);
      }
    }
    for (const kind of catalog.kinds.all()) {
      for (const entry of catalog.valid(kind.name)) {
        for (const ref of catalog.references(entry, 'items')) {
          if (catalog.byKey('items', ref.value).length > 0) continue;
          const hint = hints.get(foldKey(ref.value));
          report({
            entry,
            field: ref.path,
            messageId: 'unknown',
            data: {
              code: ref.value,
              suggestion: hint ? `，是否为“${hint}”？` : '',
              suggestion_en: hint ? `; did you mean "${hint}"?` : '',
            },
          });
        }
      }
    }
  },
};
