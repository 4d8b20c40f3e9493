/** The diff for programs: every change with its fields before and after, and the counts. */
import type { DiffResult } from './index.js';

export function diffJson(result: DiffResult, labels: { before: string; after: string }): string {
  const report = {
    tool: 'qingdan',
    command: 'diff',
    before: labels.before,
    after: labels.after,
    counts: result.counts,
    changes: result.changes.map((c) => ({
      type: c.type,
      kind: c.kind.name,
      kindTitle: c.kind.title,
      ...(c.oldKey !== undefined ? { oldKey: c.oldKey } : {}),
      ...(c.newKey !== undefined ? { newKey: c.newKey } : {}),
      label: c.label,
      fields: c.fields.map((f) => ({ field: f.field, title: f.title, before: f.before ?? null, after: f.after ?? null })),
      ...(c.before ? { before: c.before } : {}),
      ...(c.after ? { after: c.after } : {}),
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
