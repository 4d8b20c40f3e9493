/**
 * stray-whitespace: whitespace that text copied from Word, PDF or web pages
 * brings along and that a reader cannot see: leading and trailing blanks,
 * doubled spaces, spaces between Chinese characters (区市场监管局 区卫生健康委),
 * full-width (U+3000) and no-break spaces, and invisible characters (zero-width
 * spaces, BOM, bidirectional controls) that break search, sorting and
 * de-duplication. Each is reported at its characters, named by code point.
 */
import { charBefore, codePointLabel, isCjkAt, textFilter, textHits } from './_strings.js';
import type { Rule } from './types.js';

/** Horizontal whitespace (line breaks in block text are not stray). */
const SPACES = /[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;
/** Characters that take no room on screen: soft hyphen, zero-width characters, word joiner, BOM, bidi controls. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069]/g;

const NAMES: ReadonlyMap<string, { zh: string; en: string }> = new Map([
  [' ', { zh: '空格', en: 'space' }],
  ['\t', { zh: '制表符', en: 'tab' }],
  ['\u00a0', { zh: '不换行空格', en: 'no-break space' }],
  ['\u3000', { zh: '全角空格', en: 'full-width space' }],
  ['\u00ad', { zh: '软连字符', en: 'soft hyphen' }],
  ['\u200b', { zh: '零宽空格', en: 'zero-width space' }],
  ['\u200c', { zh: '零宽非连接符', en: 'zero-width non-joiner' }],
  ['\u200d', { zh: '零宽连接符', en: 'zero-width joiner' }],
  ['\u200e', { zh: '从左至右标记', en: 'left-to-right mark' }],
  ['\u200f', { zh: '从右至左标记', en: 'right-to-left mark' }],
  ['\u2060', { zh: '词连接符', en: 'word joiner' }],
  ['\ufeff', { zh: '字节顺序标记（BOM）', en: 'byte order mark' }],
]);
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

function nameOf(ch: string): { zh: string; en: string } {
  return NAMES.get(ch) ?? (BIDI.test(ch) ? { zh: '双向文本控制符', en: 'bidirectional control' } : { zh: '空白', en: 'whitespace' });
}

/** "U+0020 空格 ×2、U+3000 全角空格" and its English form. */
function describe(run: string): { chars: string; chars_en: string } {
  const counts = new Map<string, number>();
  for (const ch of run) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const parts = [...counts].map(([ch, n]) => ({ label: codePointLabel(ch), name: nameOf(ch), times: n > 1 ? ` ×${n}` : '' }));
  return {
    chars: parts.map((p) => `${p.label} ${p.name.zh}${p.times}`).join('、'),
    chars_en: parts.map((p) => `${p.label} ${p.name.en}${p.times}`).join(', '),
  };
}

const isLineBreak = (ch: string | undefined) => ch === '\n' || ch === '\r';

interface Finding {
  start: number;
  end: number;
  messageId: 'leading' | 'trailing' | 'between-cjk' | 'doubled' | 'unusual' | 'invisible';
}

function findings(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(SPACES)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start === 0 || isLineBreak(text[start - 1])) out.push({ start, end, messageId: 'leading' });
    else if (end === text.length || isLineBreak(text[end])) out.push({ start, end, messageId: 'trailing' });
    else if (isCjkAt(text, charBefore(text, start)) && isCjkAt(text, end)) out.push({ start, end, messageId: 'between-cjk' });
    else if (end - start >= 2) out.push({ start, end, messageId: 'doubled' });
    else if (m[0] !== ' ') out.push({ start, end, messageId: 'unusual' });
  }
  for (const m of text.matchAll(INVISIBLE)) out.push({ start: m.index, end: m.index + 1, messageId: 'invisible' });
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Strings with a character of SPACES or INVISIBLE (the same characters: keep
 * them in step; nearly every string has none) that makes a finding. Codes
 * too: a blank in a code breaks every reference to it.
 */
const FILTER = textFilter({
  codes: true,
  units: ' \t\u00a0\u00ad\u1680\u202f\u205f\u2060\u3000\ufeff',
  ranges: [
    [0x2000, 0x200f],
    [0x202a, 0x202e],
    [0x2066, 0x2069],
  ],
  refine: (text) => findings(text).length > 0,
});

export const rule: Rule = {
  meta: {
    id: 'stray-whitespace',
    category: 'text',
    description: { zh: '多余、非常规或不可见的空白字符', en: 'Stray, unusual or invisible whitespace' },
    defaultSeverity: 'warning',
    scope: 'file',
    messages: {
      leading: { zh: '开头有多余的空白：{chars}。', en: 'Leading whitespace: {chars_en}.' },
      trailing: { zh: '结尾有多余的空白：{chars}。', en: 'Trailing whitespace: {chars_en}.' },
      'between-cjk': {
        zh: '中文字符之间有空白：{chars}，应删除或改用标点（如“、”）。',
        en: 'Whitespace between Chinese characters: {chars_en}; remove it or use punctuation (such as 、).',
      },
      doubled: { zh: '连续的空白：{chars}，应只留一个空格。', en: 'Repeated whitespace: {chars_en}; keep one space.' },
      unusual: { zh: '非常规的空白字符：{chars}，应改为普通空格或删除。', en: 'Unusual whitespace: {chars_en}; use a plain space or remove it.' },
      invisible: { zh: '不可见字符：{chars}，应删除。', en: 'Invisible character: {chars_en}; remove it.' },
    },
  },
  shares: [textHits],
  check({ report, shared }) {
    for (const { entry, path, value } of shared(textHits).get(FILTER)!) {
      for (const f of findings(value)) {
        report({ entry, field: path, start: f.start, end: f.end, messageId: f.messageId, data: describe(value.slice(f.start, f.end)) });
      }
    }
  },
};
