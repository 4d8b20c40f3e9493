/** The title and notes of a 修订对照表, from the editions' configuration. */
import type { Config } from '../config/index.js';
import { CHANGE_TYPES, type DiffResult } from './index.js';
import { CHANGE_WORDS } from './table.js';

export function revisionTitle(after: Config): string {
  return `${after.edition.title ?? '清单'}修订对照表`;
}

/** "修订前：第一版；修订后：第二版。" and the count of each kind of revision. */
export function revisionNotes(result: DiffResult, editions: { before: Config; after: Config }): string[] {
  const notes: string[] = [];
  const before = editions.before.edition.edition;
  const after = editions.after.edition.edition;
  if (before && after && before !== after) notes.push(`修订前：${before}；修订后：${after}。`);
  const total = result.changes.length;
  notes.push(
    total === 0
      ? '本次修订没有变化。'
      : `共${total}处修订：${CHANGE_TYPES.filter((t) => result.counts[t] > 0).map((t) => `${CHANGE_WORDS[t].zh}${result.counts[t]}处`).join('，')}。`,
  );
  return notes;
}
