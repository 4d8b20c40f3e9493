/**
 * Legacy spreadsheets as departments keep them today, built with exceljs:
 * 附件 and title rows, one or two header rows, category cells merged down,
 * header rows repeated on every page, a 备注 block; and GB18030 bytes for CSV
 * files (Node's TextEncoder writes only UTF-8).
 */
import ExcelJS from 'exceljs';

export type LegacyCell = string | number | boolean | Date | null;

export interface LegacyColumn {
  header: string;
  /** Upper header over consecutive columns of the same group (a two-row header). */
  group?: string;
}

export interface LegacySheet {
  name: string;
  /** "附件3" in row 1. */
  attachment?: string;
  /** A title row merged over the table. */
  title?: string;
  columns: LegacyColumn[];
  rows: LegacyCell[][];
  /** Columns (0-based) whose runs of equal values are merged vertically, the value left only in the first cell. */
  mergeDown?: number[];
  /** Write the header rows again before every n-th data row (a page break in a pasted document). */
  repeatHeaderEvery?: number;
  /** Lines of a 备注 block after the table, each merged across it. */
  notes?: string[];
}

export interface LegacyLayout {
  /** 1-based sheet row of each data row, in order. */
  rowOf: number[];
  /** 1-based rows of the header. */
  headerRows: number[];
}

/** Add a legacy sheet to a workbook; returns where the data rows landed. */
export function addLegacySheet(workbook: ExcelJS.Workbook, spec: LegacySheet): LegacyLayout {
  const ws = workbook.addWorksheet(spec.name);
  const width = spec.columns.length;
  let r = 1;
  if (spec.attachment) ws.getCell(r++, 1).value = spec.attachment;
  if (spec.title) {
    ws.getCell(r, 1).value = spec.title;
    ws.mergeCells(r, 1, r, width);
    r++;
  }
  const twoRows = spec.columns.some((c) => c.group);
  const writeHeader = (): number[] => {
    const top = r;
    if (!twoRows) {
      spec.columns.forEach((c, i) => (ws.getCell(top, i + 1).value = c.header));
      r++;
      return [top];
    }
    spec.columns.forEach((c, i) => {
      if (!c.group) {
        ws.getCell(top, i + 1).value = c.header;
        ws.mergeCells(top, i + 1, top + 1, i + 1);
        return;
      }
      ws.getCell(top + 1, i + 1).value = c.header;
      if (i > 0 && spec.columns[i - 1]!.group === c.group) return;
      let span = 1;
      while (spec.columns[i + span]?.group === c.group) span++;
      ws.getCell(top, i + 1).value = c.group;
      if (span > 1) ws.mergeCells(top, i + 1, top, i + span);
    });
    r += 2;
    return [top, top + 1];
  };
  const headerRows = writeHeader();
  const rowOf: number[] = [];
  spec.rows.forEach((values, n) => {
    if (spec.repeatHeaderEvery && n > 0 && n % spec.repeatHeaderEvery === 0) writeHeader();
    values.forEach((v, i) => {
      if (v !== null) ws.getCell(r, i + 1).value = v;
    });
    rowOf.push(r++);
  });
  for (const col of spec.mergeDown ?? []) {
    let start = 0;
    for (let n = 1; n <= spec.rows.length; n++) {
      const same = n < spec.rows.length && spec.rows[n]![col] === spec.rows[start]![col] && rowOf[n] === rowOf[n - 1]! + 1;
      if (same) {
        ws.getCell(rowOf[n]!, col + 1).value = null;
        continue;
      }
      if (n - start > 1) ws.mergeCells(rowOf[start]!, col + 1, rowOf[n - 1]!, col + 1);
      start = n;
    }
  }
  if (spec.notes) {
    r++;
    for (const line of spec.notes) {
      ws.getCell(r, 1).value = line;
      ws.mergeCells(r, 1, r, width);
      r++;
    }
  }
  return { rowOf, headerRows };
}

export async function writeLegacyWorkbook(path: string, sheets: LegacySheet[]): Promise<LegacyLayout[]> {
  const workbook = new ExcelJS.Workbook();
  const layouts = sheets.map((s) => addLegacySheet(workbook, s));
  await workbook.xlsx.writeFile(path);
  return layouts;
}

/** CSV text: fields quoted when they hold a comma, a quote or a line break. */
export function toCsv(rows: readonly (readonly string[])[], lineEnd = '\r\n'): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(field).join(',')).join(lineEnd) + lineEnd;
}

let gbTable: Map<string, number[]> | undefined;

/**
 * Text → GB18030 bytes, for the characters of test data: the table is built
 * by decoding every two-byte GB18030 code once with Node's decoder.
 */
export function encodeGb18030(text: string): Uint8Array {
  if (!gbTable) {
    const pairs: number[] = [];
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push(lead, trail);
    }
    const decoded = new TextDecoder('gb18030').decode(new Uint8Array(pairs));
    if (decoded.length * 2 !== pairs.length) throw new Error('GB18030 two-byte codes did not decode one to one');
    gbTable = new Map();
    for (let i = 0; i < decoded.length; i++) {
      const ch = decoded[i]!;
      if (!gbTable.has(ch)) gbTable.set(ch, [pairs[2 * i]!, pairs[2 * i + 1]!]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no two-byte GB18030 code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
