/**
 * The 修订对照表 as rows: 序号, 清单, 事项, 修订前, 修订后, 修订类型. The
 * workbook and the HTML page are written from the same rows. Values read as
 * in the published workbooks (是/否, items joined with 、 or one per line).
 */
import { valueToText } from '../import/cells.js';
import type { Kind } from '../kinds/registry.js';
import type { ChangeType, DiffResult, EntryChange, FieldChange } from './index.js';

export const REVISION_COLUMNS = ['序号', '清单', '事项', '修订前', '修订后', '修订类型'] as const;

export const CHANGE_WORDS: Record<ChangeType, { zh: string; en: string }> = {
  added: { zh: '新增', en: 'added' },
  removed: { zh: '删除', en: 'removed' },
  changed: { zh: '修改', en: 'changed' },
  renumbered: { zh: '重新编号', en: 'renumbered' },
};

export interface RevisionRow {
  serial: number;
  list: string;
  item: string;
  before: string;
  after: string;
  type: string;
}

export function revisionRows(result: DiffResult): RevisionRow[] {
  return result.changes.map((change, i) => {
    const { before, after } = sidesText(change);
    return { serial: i + 1, list: change.kind.title, item: itemText(change), before, after, type: CHANGE_WORDS[change.type].zh };
  });
}

/** "对餐饮服务提供者的监督检查（SCJG-SX-001）": the entry's name and its key. */
function itemText(change: EntryChange): string {
  const key = change.newKey ?? change.oldKey;
  return key === undefined || key === change.label ? change.label : `${change.label}（${key}）`;
}

function sidesText(change: EntryChange): { before: string; after: string } {
  const { kind } = change;
  if (change.type === 'added') return { before: '', after: entryText(kind, change.after ?? {}) };
  if (change.type === 'removed') return { before: entryText(kind, change.before ?? {}), after: '' };
  return {
    before: change.fields.map((f) => fieldLine(kind, f.title, f.field, f.before)).join('\n'),
    after: change.fields.map((f) => fieldLine(kind, f.title, f.field, f.after)).join('\n'),
  };
}

/** An added or removed entry: the fields of its published columns. */
function entryText(kind: Kind, data: Record<string, unknown>): string {
  const key = kind.key.map((k) => ({ field: k, header: kind.fieldTitle(k) }));
  const columns = [...key, ...kind.columns.filter((c) => !kind.key.includes(c.field))];
  return columns
    .map((c) => ({ c, value: valueAt(data, c.field) }))
    .filter(({ value }) => value !== undefined && value !== '')
    .map(({ c, value }) => fieldLine(kind, c.header, c.field, value))
    .join('\n');
}

function fieldLine(kind: Kind, title: string, field: string, value: unknown): string {
  const text = valueToText(value, kind.fieldSchema(field));
  return `【${title}】${text === '' ? '（无）' : text}`;
}

export function fieldText(kind: Kind, change: FieldChange, side: 'before' | 'after'): string {
  return valueToText(change[side], kind.fieldSchema(change.field));
}

function valueAt(data: Record<string, unknown>, field: string): unknown {
  let value: unknown = data;
  for (const part of field.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
