/**
 * The 修订对照表 as a workbook, written by the build's workbook writer so that
 * it has the look of the attachments it accompanies: title row, header in
 * 黑体, thin borders, wrapped text, landscape A4, header repeated on every
 * page, page numbers, a 备注 block, reproducible bytes.
 */
import type { Config } from '../config/index.js';
import { writeFileAtomicWith } from '../core/fs.js';
import { writeWorkbook } from '../emit/xlsx/workbook.js';
import type { Table, TableColumn } from '../emit/xlsx/table.js';
import type { DiffResult } from './index.js';
import { REVISION_COLUMNS, revisionRows, type RevisionRow } from './table.js';
import { revisionNotes, revisionTitle } from './heading.js';

const WIDTHS = [6, 18, 30, 44, 44, 12];
const CENTRED = new Set(['序号', '清单', '修订类型']);

/** Characters that XML 1.0 cannot hold (they would make the workbook unreadable). */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Written beside the target and renamed over it (writeFileAtomicWith), so a reader never sees half a workbook. */
export async function writeRevisionWorkbook(file: string, result: DiffResult, editions: { before: Config; after: Config }, timestamp: Date): Promise<void> {
  await writeFileAtomicWith(file, (tmp) => writeTo(tmp, result, editions, timestamp));
}

async function writeTo(file: string, result: DiffResult, editions: { before: Config; after: Config }, timestamp: Date): Promise<void> {
  const columns: TableColumn[] = REVISION_COLUMNS.map((header, i) => ({
    field: header,
    header,
    width: WIDTHS[i]!,
    merge: header === '清单',
    align: CENTRED.has(header) ? 'center' : 'left',
  }));
  const cells = (r: RevisionRow) => [r.serial, r.list, r.item, r.before, r.after, r.type].map((v) => (typeof v === 'string' ? v.replace(NOT_XML, '') : v));
  const table: Table = { columns, rows: revisionRows(result).map(cells) };
  const title = revisionTitle(editions.after);
  const issuer = editions.after.edition.issuer;
  await writeWorkbook(file, table, {
    title,
    sheetName: '修订对照表',
    notes: revisionNotes(result, editions),
    fonts: editions.after.fonts,
    timestamp,
    properties: { title, subject: editions.after.edition.title ?? title, creator: issuer, company: issuer, keywords: editions.after.edition.edition },
  });
}
