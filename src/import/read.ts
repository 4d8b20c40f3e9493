/**
 * A spreadsheet as a plain grid: one sheet per worksheet (a CSV file is one
 * sheet named after the file), cells as text, numbers, booleans or dates.
 * Merged ranges are filled from their master cell, and such cells are marked,
 * so that a category merged over five rows reads as five equal cells.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type ExcelJS from 'exceljs';
import { decodeCsv, parseCsv, type CsvEncoding } from './csv.js';

export type CellValue = string | number | boolean | Date;

export interface GridCell {
  value: CellValue | undefined;
  /** Filled from the master cell of a merged range, not typed in this cell. */
  merged: boolean;
}

export interface Sheet {
  name: string;
  /** rows[0] is row 1 of the sheet. */
  rows: GridCell[][];
}

export interface ReadOptions {
  encoding?: CsvEncoding;
}

export class UnsupportedFileError extends Error {}

export async function readSpreadsheet(path: string, options: ReadOptions = {}): Promise<{ sheets: Sheet[]; encoding?: string }> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt') {
    const { text, encoding } = decodeCsv(readFileSync(path), options.encoding);
    const rows = parseCsv(text).map((r) => r.map((v): GridCell => ({ value: v === '' ? undefined : v, merged: false })));
    return { sheets: [{ name: basename(path), rows }], encoding };
  }
  if (ext === '.xlsx' || ext === '.xlsm') {
    // exceljs is loaded by the one command that reads workbooks.
    const { default: excel } = await import('exceljs');
    const workbook = new excel.Workbook();
    await workbook.xlsx.readFile(path);
    return { sheets: workbook.worksheets.map(readWorksheet) };
  }
  throw new UnsupportedFileError(ext || basename(path));
}

function readWorksheet(ws: ExcelJS.Worksheet): Sheet {
  const rows: GridCell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: GridCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = { value: plainValue(cell.value), merged: false };
    });
    rows[number - 1] = cells;
  });
  for (const range of ws.model.merges ?? []) {
    const [from, to = from] = range.split(':').map(parseAddress);
    if (!from || !to) continue;
    const master = rows[from.row]?.[from.col]?.value;
    for (let r = from.row; r <= to.row; r++) {
      for (let c = from.col; c <= to.col; c++) {
        if (r === from.row && c === from.col) continue;
        (rows[r] ??= [])[c] = { value: master, merged: true };
      }
    }
  }
  for (let r = 0; r < rows.length; r++) {
    const cells = (rows[r] ??= []);
    for (let c = 0; c < cells.length; c++) cells[c] ??= { value: undefined, merged: false };
  }
  return { name: ws.name, rows };
}

/** exceljs cell values (rich text, formulas, hyperlinks …) to plain values. */
function plainValue(value: ExcelJS.CellValue): CellValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((t) => t.text).join('') || undefined;
  if ('error' in value) return value.error;
  if ('result' in value) return value.result === undefined ? undefined : plainValue(value.result as ExcelJS.CellValue);
  if ('hyperlink' in value) return plainValue(value.text as ExcelJS.CellValue);
  return undefined;
}

/** "AB12" → zero-based row and column. */
function parseAddress(address: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(address.trim());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** Zero-based column index → spreadsheet letters (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
