/**
 * mixed-punctuation: half-width punctuation in Chinese text, where GB/T 15834
 * and every published list use the full-width forms: "食品,药品" → "食品，药品",
 * "第一百二十六条(三)" → "第一百二十六条（三）". Numbers (1,000, 3.5, 12:30),
 * URLs and text without Chinese are left alone: a mark counts only when Chinese
 * stands on both sides of it (for ? ! : ; , also at the end of the text), and a
 * pair of parentheses when it encloses Chinese or stands between Chinese.
 */
import { charBefore, isCjkAt, textFilter, textHits } from './_strings.js';
import type { Rule } from './types.js';

const FULL_WIDTH: Readonly<Record<string, string>> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
const MARKS = /[,;:?!()]/g;
const URL = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s，。；、“”《》（）]+/gi;
const HAN = /\p{Script=Han}/u;

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

/** Is the nearest character before `at` (past spaces) Chinese? */
function cjkBefore(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && isSpace(text[i - 1])) i--;
  return i > 0 && isCjkAt(text, charBefore(text, i));
}

/** Is the nearest character after `at` (past spaces) Chinese, or `undefined` at the end of the text? */
function cjkAfter(text: string, at: number): boolean | undefined {
  let i = at + 1;
  while (i < text.length && isSpace(text[i])) i++;
  return i < text.length ? isCjkAt(text, i) : undefined;
}

/** Offsets of the half-width marks that stand in Chinese text. */
function halfWidthMarks(text: string): number[] {
  if (!/[^\x00-\x7f]/.test(text)) return [];
  const inUrl = new Set<number>();
  for (const m of text.matchAll(URL)) for (let i = m.index; i < m.index + m[0].length; i++) inUrl.add(i);

  const found: number[] = [];
  const open: number[] = [];
  const lone = (at: number) => cjkBefore(text, at) && cjkAfter(text, at) === true;
  for (const m of text.matchAll(MARKS)) {
    const at = m.index;
    if (inUrl.has(at)) continue;
    const mark = m[0];
    if (mark === '(') open.push(at);
    else if (mark === ')') {
      const from = open.pop();
      if (from === undefined) {
        if (lone(at)) found.push(at);
      } else if (HAN.test(text.slice(from + 1, at)) || (cjkBefore(text, from) && cjkAfter(text, at) === true)) {
        found.push(from, at);
      }
    } else if (cjkBefore(text, at) && cjkAfter(text, at) !== false) {
      found.push(at);
    }
  }
  for (const at of open) if (lone(at)) found.push(at);
  return found.sort((a, b) => a - b);
}

/** Strings with a half-width mark (Chinese text nearly never has one) that stands in Chinese text. */
const FILTER = textFilter({ units: ',;:?!()', refine: (text) => halfWidthMarks(text).length > 0 });

export const rule: Rule = {
  meta: {
    id: 'mixed-punctuation',
    category: 'text',
    description: { zh: '中文文本中使用了半角标点', en: 'Half-width punctuation in Chinese text' },
    defaultSeverity: 'warning',
    scope: 'file',
    messages: {
      'half-width': {
        zh: '中文文本中的半角标点“{char}”应为全角“{suggestion}”。',
        en: 'Half-width "{char}" in Chinese text; write the full-width "{suggestion}".',
      },
    },
  },
  shares: [textHits],
  check({ report, shared }) {
    for (const { entry, path, value } of shared(textHits).get(FILTER)!) {
      for (const at of halfWidthMarks(value)) {
        const char = value[at]!;
        report({ entry, field: path, start: at, end: at + 1, messageId: 'half-width', data: { char, suggestion: FULL_WIDTH[char] } });
      }
    }
  },
};
