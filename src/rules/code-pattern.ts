/**
 * code-pattern: an entry's code that does not match its kind's code pattern
 * (configured under `codes:`, else the national one: 监管事项编码 14 位数字;
 * 检查实施清单编码 = 统一社会信用代码 + 检查类别数字 1–5 + 序号).
 */
import type { Kind } from '../kinds/registry.js';
import type { Rule } from './types.js';

/** The national patterns in words, for the kinds that have one. */
const NATIONAL_FORMATS: Record<string, { label: string; label_en: string; format: string; format_en: string }> = {
  items: { label: '监管事项编码', label_en: 'Supervision item code', format: '14 位数字', format_en: '14 digits' },
  inspections: {
    label: '检查实施清单编码',
    label_en: 'Inspection checklist code',
    format: '实施机构的 18 位统一社会信用代码，加 1 位检查类别数字（1–5），再加序号',
    format_en: "the implementing body's 18-character unified social credit code, a category digit 1–5, then a serial number",
  },
};

export const rule: Rule = {
  meta: {
    id: 'code-pattern',
    category: 'identity',
    description: { zh: '编码不符合编码规则', en: 'A code that does not match the code pattern' },
    defaultSeverity: 'error',
    scope: 'file',
    messages: {
      national: { zh: '{label}“{code}”应为{format}。', en: '{label_en} "{code}" should be {format_en}.' },
      pattern: {
        zh: '{kind}编码“{code}”不符合配置的编码规则 {pattern}。',
        en: '{kind_en} code "{code}" does not match the configured pattern {pattern}.',
      },
    },
  },
  check({ catalog, report }) {
    for (const kind of catalog.kinds.all()) {
      const field = kind.codeField;
      const regex = field ? compile(kind) : undefined;
      if (!field || !regex) continue;
      const national = kind.builtin && kind.codePattern === kind.definition.code_pattern ? NATIONAL_FORMATS[kind.name] : undefined;
      for (const entry of catalog.valid(kind.name)) {
        const value = entry.get(field);
        if (typeof value !== 'string' && typeof value !== 'number') continue;
        const code = String(value);
        if (regex.test(code)) continue;
        if (national) report({ entry, field: [field], messageId: 'national', data: { code, ...national } });
        else report({ entry, field: [field], messageId: 'pattern', data: { code, kind: kind.title, kind_en: kind.titleEn, pattern: `/${kind.codePattern}/` } });
      }
    }
  },
};

/** The kind's pattern as a regular expression (the configuration checks it compiles; a bad one is skipped here). */
function compile(kind: Kind): RegExp | undefined {
  if (!kind.codePattern) return undefined;
  try {
    return new RegExp(kind.codePattern, 'u');
  } catch {
    return undefined;
  }
}
