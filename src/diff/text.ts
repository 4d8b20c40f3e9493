/** The diff for a terminal: per list, each entry added (+), removed (-), changed (~) or renumbered (↻), changed fields with their values before and after. */
import { terminalText } from '../core/codeframe.js';
import { ui, type Lang } from '../core/messages.js';
import { palette } from '../report/color.js';
import { CHANGE_TYPES, type DiffResult, type EntryChange } from './index.js';
import { CHANGE_WORDS, fieldText } from './table.js';

const MARKS = { added: '+', removed: '-', changed: '~', renumbered: '↻' } as const;

const T = {
  none: { zh: '没有差异：{before} 与 {after} 的清单内容相同。', en: 'No differences: {before} and {after} hold the same lists.' },
  summary: { zh: '{total} 处修订（{before} → {after}）：{counts}', en: '{total} revision(s) ({before} → {after}): {counts}' },
  empty: { zh: '（无）', en: '(none)' },
};

export function diffText(result: DiffResult, labels: { before: string; after: string }, options: { lang: Lang; color: boolean }): string {
  const { lang } = options;
  const c = palette(options.color);
  const out: string[] = [];
  let kind: string | undefined;
  for (const change of result.changes) {
    if (change.kind.name !== kind) {
      if (kind !== undefined) out.push('');
      kind = change.kind.name;
      out.push(c.bold(lang === 'en' ? `${change.kind.titleEn} (${change.kind.title})` : change.kind.title));
    }
    const colour = change.type === 'added' ? c.blue : change.type === 'removed' ? c.red : c.yellow;
    out.push(`  ${colour(`${MARKS[change.type]} ${CHANGE_WORDS[change.type][lang]}`)}  ${terminalText(keyText(change))}  ${terminalText(change.label)}`);
    if (change.type === 'added' || change.type === 'removed') continue;
    for (const f of change.fields) {
      out.push(`      ${lang === 'en' ? `${f.field} (${f.title})` : f.title}`);
      out.push(...lines(fieldText(change.kind, f, 'before'), lang).map((l) => `        ${c.red('- ' + l)}`));
      out.push(...lines(fieldText(change.kind, f, 'after'), lang).map((l) => `        ${c.blue('+ ' + l)}`));
    }
  }
  const total = result.changes.length;
  if (total === 0) return terminalText(ui(lang, T.none, labels)) + '\n';
  const counts = CHANGE_TYPES.map((t) => `${CHANGE_WORDS[t][lang]} ${result.counts[t]}`).join(lang === 'en' ? ', ' : '，');
  out.push('', c.bold(terminalText(ui(lang, T.summary, { total, ...labels, counts }))));
  return out.join('\n') + '\n';
}

function keyText(change: EntryChange): string {
  if (change.type === 'renumbered') return `${change.oldKey ?? ''} → ${change.newKey ?? ''}`;
  return change.newKey ?? change.oldKey ?? '';
}

function lines(text: string, lang: Lang): string[] {
  // Each line of a value, with what a terminal would act on shown as "·" (terminalText).
  return text === '' ? [ui(lang, T.empty)] : text.split('\n').map(terminalText);
}
