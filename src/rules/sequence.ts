/**
 * sequence: an explicit 序号 field (a kind's `sequence:`) numbered 1, 2, 3 …
 * in file order within each file. Reports repeats (21 twice), small gaps (22
 * missing, with the missing numbers), jumps (27 → 38), numbers out of order
 * and a first number other than 1, each at the offending entry's number.
 * Invalid entries still count toward the numbering (so one bad entry does not
 * make a gap), but only valid entries are reported.
 */
import type { Entry } from '../core/entry.js';
import type { Rule } from './types.js';

/** A gap of more missing numbers than this is a jump. */
const DEFAULT_MAX_GAP = 3;

export const rule: Rule = {
  meta: {
    id: 'sequence',
    category: 'identity',
    description: { zh: '序号重复、缺号或跳号', en: 'A 序号 (sequence number) repeated, missing or jumping' },
    defaultSeverity: 'error',
    scope: 'file',
    messages: {
      start: { zh: '序号应从 1 开始，此处为 {seq}。', en: 'Numbering should start at 1, not {seq}.' },
      repeat: { zh: '序号 {seq} 重复。', en: 'Number {seq} is repeated.' },
      gap: { zh: '序号 {seq} 之前缺少 {missing}。', en: 'Number(s) {missing_en} missing before {seq}.' },
      jump: {
        zh: '序号从 {previous} 跳到 {seq}，缺少 {from}–{to}，共 {count} 个。',
        en: 'Numbering jumps from {previous} to {seq}: {count} numbers ({from}–{to}) are missing.',
      },
      order: { zh: '序号 {seq} 排在 {previous} 之后，顺序颠倒。', en: 'Number {seq} comes after {previous}, out of order.' },
      first: { zh: '首次使用该序号', en: 'first use of this number' },
    },
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxGap: { description: '缺号超过此数目时报告为跳号（jump），默认 3。', type: 'integer', minimum: 1 },
      },
    },
  },
  check({ catalog, options, report }) {
    // The configuration's options were checked against meta.options when it was read (src/config/rules.ts);
    // this guard is for options given otherwise (tests, the API).
    const maxGap = typeof options.maxGap === 'number' && options.maxGap >= 1 ? Math.floor(options.maxGap) : DEFAULT_MAX_GAP;
    for (const kind of catalog.kinds.all()) {
      const field = kind.sequence;
      if (!field) continue;
      const byFile = new Map<Entry['file'], Entry[]>();
      for (const entry of catalog.entries(kind.name)) {
        const list = byFile.get(entry.file);
        if (list) list.push(entry);
        else byFile.set(entry.file, [entry]);
      }
      for (const entries of byFile.values()) {
        const seen = new Map<number, Entry>();
        let highest = 0;
        let previous: number | undefined;
        for (const entry of [...entries].sort((a, b) => a.index - b.index)) {
          const seq = entry.get(field);
          if (typeof seq !== 'number' || !Number.isInteger(seq)) continue;
          const at = (messageId: string, data: Record<string, string | number>, first?: Entry) => {
            if (!entry.valid) return;
            report({ entry, field: [field], messageId, data: { seq, ...data }, related: first ? [{ entry: first, field: [field], messageId: 'first' }] : [] });
          };
          const first = seen.get(seq);
          if (first) at('repeat', {}, first);
          else if (previous === undefined && seq !== 1) at('start', {});
          else if (seq > highest + 1) {
            const count = seq - highest - 1;
            if (count > maxGap) at('jump', { previous: previous ?? highest, from: highest + 1, to: seq - 1, count });
            else {
              const missing = Array.from({ length: count }, (_, i) => highest + 1 + i);
              at('gap', { missing: missing.join('、'), missing_en: missing.join(', ') });
            }
          } else if (seq <= highest) at('order', { previous: previous ?? highest });
          if (!first) seen.set(seq, entry);
          highest = Math.max(highest, seq);
          previous = seq;
        }
      }
    }
  },
};
