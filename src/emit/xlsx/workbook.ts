/**
 * One published list as an Excel attachment, in the conventions of official
 * documents (GB/T 9704): "附件N" flush left, a merged title row, one or two
 * header rows, a 序号 column, category cells merged, thin borders, landscape
 * A4 fitted to the page width with the header repeated on every page and page
 * numbers in the footer, and a 备注 block after the table.
 *
 * Rows are streamed: each row is committed as soon as no merge is still open
 * over it, and a list longer than one sheet goes on in the next sheet.
 */
import { createWriteStream } from 'node:fs';
import type { Alignment, Borders, Cell, Font, Row, Style, Worksheet } from 'exceljs';
import type { FileDigest } from '../digest.js';
import { hasGroups, type CellValue, type Table, type TableColumn } from './table.js';
import { ReproducibleWorkbookWriter } from './writer.js';

/** Table rows per sheet by default: Excel's limit (1,048,576 rows) less room for the title, header and 备注 rows. */
export const DEFAULT_SHEET_ROWS = 1_000_000;
/** Excel opens no file with a longer cell text; the CSV and JSON keep the whole text. */
const MAX_CELL_TEXT = 32_767;
/** Longest run of merged category cells (rows are held in memory until their merge closes). */
export const DEFAULT_MERGE_LIMIT = 500;

export interface Fonts {
  title: string;
  header: string;
  body: string;
}

export interface DocumentProperties {
  title: string;
  subject?: string;
  creator?: string;
  company?: string;
  keywords?: string;
  category?: string;
  description?: string;
  /** 草稿 for a draft. */
  status?: string;
}

export interface WorkbookSpec {
  /** "附件2", flush left in the first row; none for an unnumbered list. */
  label?: string;
  /** The title row. */
  title: string;
  /** Sheet name (a number is added when the list goes on in further sheets). */
  sheetName: string;
  /** Lines of the 备注 block after the table. */
  notes: readonly string[];
  fonts: Fonts;
  properties: DocumentProperties;
  /** Fixed time for the document properties and the zip entries. */
  timestamp: Date;
  /** Marks the page header 草稿. */
  draft?: boolean;
}

export interface WriteOptions {
  /** Table rows per sheet before the list goes on in the next sheet. */
  sheetRows?: number;
  /** Longest run of merged category cells. */
  mergeLimit?: number;
  /** Called every `progressEvery` rows and at the end. */
  progress?: (written: number, total: number) => void;
  progressEvery?: number;
}

export interface WorkbookResult extends FileDigest {
  sheets: number;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDERS: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const SIZE = { label: 16, title: 20, header: 11, body: 10.5, note: 10.5 };
/** Points per line of wrapped text at the body size, and padding. */
const LINE_HEIGHT = 14;
const ROW_PADDING = 6;

function font(name: string, size: number, bold = false): Partial<Font> {
  return { name, size, bold, charset: 134 };
}

interface Styles {
  label: Partial<Style>;
  title: Partial<Style>;
  header: Partial<Style>;
  body: { center: Partial<Style>; left: Partial<Style> };
  note: Partial<Style>;
}

function makeStyles(fonts: Fonts): Styles {
  const wrap = (horizontal: Alignment['horizontal']): Partial<Alignment> => ({ horizontal, vertical: 'middle', wrapText: true });
  // 方正小标宋 is a display face with no bold; a substitute such as 宋体 is set bold.
  const titleBold = !fonts.title.includes('小标宋');
  return {
    label: { font: font(fonts.header, SIZE.label), alignment: { horizontal: 'left', vertical: 'middle' } },
    title: { font: font(fonts.title, SIZE.title, titleBold), alignment: wrap('center') },
    header: { font: font(fonts.header, SIZE.header), alignment: wrap('center'), border: BORDERS },
    body: {
      center: { font: font(fonts.body, SIZE.body), alignment: wrap('center'), border: BORDERS },
      left: { font: font(fonts.body, SIZE.body), alignment: wrap('left'), border: BORDERS },
    },
    note: { font: font(fonts.body, SIZE.note), alignment: { horizontal: 'left', vertical: 'top', wrapText: true } },
  };
}

export async function writeWorkbook(file: string, table: Table, spec: WorkbookSpec, options: WriteOptions = {}): Promise<WorkbookResult> {
  const sheetRows = Math.max(1, Math.min(options.sheetRows ?? DEFAULT_SHEET_ROWS, DEFAULT_SHEET_ROWS));
  const mergeLimit = Math.max(1, options.mergeLimit ?? DEFAULT_MERGE_LIMIT);
  const progressEvery = options.progressEvery ?? 1000;
  const total = table.rows.length;
  const styles = makeStyles(spec.fonts);

  const out = createWriteStream(file);
  const workbook = new ReproducibleWorkbookWriter({ stream: out, created: spec.timestamp, creator: spec.properties.creator ?? '' });
  setProperties(workbook, spec);

  const sheetCount = Math.max(1, Math.ceil(total / sheetRows));
  let written = 0;
  let digest: FileDigest;
  try {
    for (let s = 0; s < sheetCount; s++) {
      const start = s * sheetRows;
      const end = Math.min(total, start + sheetRows);
      const last = s === sheetCount - 1;
      const sheet = new SheetWriter(workbook, table.columns, spec, styles, sheetName(spec.sheetName, s, sheetCount), end - start);
      sheet.writeTop();
      const runStart = table.columns.map(() => start);
      for (let i = start; i < end; i++) {
        const values = table.rows[i]!;
        const row = sheet.bodyRow(i - start, values);
        // Close the merge runs that end here; commit the row when none is still open over it.
        let open = false;
        for (let c = 0; c < table.columns.length; c++) {
          if (!table.columns[c]!.merge) continue;
          const value = values[c];
          const next = i + 1 < end ? table.rows[i + 1]![c] : undefined;
          const length = i - runStart[c]! + 1;
          if (i + 1 < end && value !== '' && next === value && length < mergeLimit) {
            open = true;
            continue;
          }
          if (length > 1) sheet.mergeBody(runStart[c]! - start, i - start, c);
          runStart[c] = i + 1;
        }
        if (!open) row.commit();
        written++;
        if (written % 64 === 0) await workbook.drained();
        if (options.progress && written % progressEvery === 0) options.progress(written, total);
      }
      if (last) sheet.writeNotes();
      sheet.commit();
    }
    digest = await workbook.finish();
  } catch (e) {
    out.destroy();
    throw e;
  }
  if (written % progressEvery !== 0 || written === 0) options.progress?.(written, total);
  return { sheets: sheetCount, ...digest };
}

function setProperties(workbook: ReproducibleWorkbookWriter, spec: WorkbookSpec): void {
  const p = spec.properties;
  workbook.title = p.title;
  workbook.subject = p.subject ?? '';
  workbook.keywords = p.keywords ?? '';
  workbook.category = p.category ?? '';
  workbook.description = p.description ?? '';
  workbook.company = p.company ?? '';
  workbook.lastPrinted = spec.timestamp;
  if (p.status) (workbook as unknown as { contentStatus: string }).contentStatus = p.status;
}

/** A sheet name: at most 31 characters, none of : \ / ? * [ ]; numbered when the list spans sheets. */
export function sheetName(name: string, index: number, count: number): string {
  const clean = name.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '') || 'Sheet';
  const suffix = count > 1 ? `（${index + 1}）` : '';
  return clean.slice(0, 31 - suffix.length) + suffix;
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * About how many lines a text takes in a column of this width, for the row
 * height (exceljs cannot measure text and Excel does not fit the height of
 * merged cells): a CJK character or full-width punctuation mark is two width
 * units, anything else one. Counted by UTF-16 unit, it is quick on long lists.
 */
export function linesIn(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  let lines = 0;
  let units = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10) {
      lines += Math.max(1, Math.ceil((units * 1.05) / usable));
      units = 0;
    } else units += isWide(c) ? 2 : 1;
  }
  return lines;
}

/** CJK ideographs, kana, hangul, CJK and full-width punctuation (East Asian Wide and Fullwidth, BMP). */
function isWide(c: number): boolean {
  return (
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

class SheetWriter {
  private readonly sheet: Worksheet;
  private readonly lastColumn: string;
  private readonly labelRow: number | undefined;
  private readonly titleRow: number;
  private readonly headerTop: number;
  private readonly headerBottom: number;
  private readonly bodyTop: number;
  private readonly widths: number[];

  constructor(
    workbook: ReproducibleWorkbookWriter,
    private readonly columns: readonly TableColumn[],
    private readonly spec: WorkbookSpec,
    private readonly styles: Styles,
    name: string,
    private readonly rowCount: number,
  ) {
    this.labelRow = spec.label !== undefined ? 1 : undefined;
    this.titleRow = (this.labelRow ?? 0) + 1;
    this.headerTop = this.titleRow + 1;
    this.headerBottom = this.headerTop + (hasGroups(columns) ? 1 : 0);
    this.bodyTop = this.headerBottom + 1;
    this.lastColumn = columnLetter(columns.length);
    this.widths = columns.map((c) => c.width);
    const lastBodyRow = this.headerBottom + Math.max(1, rowCount);
    this.sheet = workbook.addWorksheet(name, {
      views: [
        {
          state: 'frozen',
          xSplit: 0,
          ySplit: this.headerBottom,
          topLeftCell: `A${this.bodyTop}`,
          activeCell: `A${this.bodyTop}`,
          showGridLines: false,
        },
      ],
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
        printTitlesRow: `${this.headerTop}:${this.headerBottom}`,
        margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: {
        oddHeader: spec.draft ? '&R草稿' : undefined,
        oddFooter: '&C第 &P 页 共 &N 页',
      },
    });
    // Over the header and the table, not the 备注 block after it.
    this.sheet.autoFilter = { from: { row: this.headerBottom, column: 1 }, to: { row: lastBodyRow, column: columns.length } };
    this.sheet.columns = this.widths.map((width) => ({ width }));
  }

  /** The 附件 label, the title and the header rows, committed at once. */
  writeTop(): void {
    const { sheet, styles, spec } = this;
    if (this.labelRow !== undefined) {
      const row = sheet.getRow(this.labelRow);
      row.height = 26;
      style(row.getCell(1), spec.label ?? '', styles.label);
    }
    const titleRow = sheet.getRow(this.titleRow);
    const totalWidth = this.widths.reduce((a, b) => a + b, 0);
    titleRow.height = Math.max(40, linesIn(spec.title, totalWidth / 1.9) * 28 + 12);
    style(titleRow.getCell(1), spec.title, styles.title);
    sheet.mergeCells(`A${this.titleRow}:${this.lastColumn}${this.titleRow}`);

    const top = sheet.getRow(this.headerTop);
    const bottom = sheet.getRow(this.headerBottom);
    const twoLevels = this.headerBottom > this.headerTop;
    let headerLines = 1;
    this.columns.forEach((column, i) => {
      const c = i + 1;
      headerLines = Math.max(headerLines, linesIn(column.header, column.width));
      if (!twoLevels) {
        style(top.getCell(c), column.header, styles.header);
        return;
      }
      style(bottom.getCell(c), column.header, styles.header);
      if (column.group === undefined) {
        style(top.getCell(c), column.header, styles.header);
        sheet.mergeCells(this.headerTop, c, this.headerBottom, c);
        return;
      }
      const first = i === 0 || this.columns[i - 1]!.group !== column.group;
      if (!first) return;
      let span = 1;
      while (i + span < this.columns.length && this.columns[i + span]!.group === column.group) span++;
      style(top.getCell(c), column.group, styles.header);
      for (let k = 1; k < span; k++) style(top.getCell(c + k), null, styles.header);
      if (span > 1) sheet.mergeCells(this.headerTop, c, this.headerTop, c + span - 1);
    });
    const height = Math.max(22, headerLines * 15 + ROW_PADDING);
    if (twoLevels) {
      top.height = 22;
      bottom.height = height;
    } else top.height = height;
    bottom.commit();
  }

  /** Row `index` of this sheet's part of the table, styled, not yet committed. */
  bodyRow(index: number, values: readonly CellValue[]): Row {
    const row = this.sheet.getRow(this.bodyTop + index);
    let lines = 1;
    values.forEach((value, c) => {
      const column = this.columns[c]!;
      const text = typeof value === 'string' && value.length > MAX_CELL_TEXT ? value.slice(0, MAX_CELL_TEXT - 1) + '…' : value;
      style(row.getCell(c + 1), text === '' ? null : text, this.styles.body[column.align]);
      if (typeof value === 'string' && value !== '') lines = Math.max(lines, linesIn(value, column.width));
    });
    row.height = lines * LINE_HEIGHT + ROW_PADDING;
    return row;
  }

  mergeBody(fromIndex: number, toIndex: number, column: number): void {
    this.sheet.mergeCells(this.bodyTop + fromIndex, column + 1, this.bodyTop + toIndex, column + 1);
  }

  /** The 备注 block after the table: one merged row per line, no borders. */
  writeNotes(): void {
    const { notes } = this.spec;
    if (notes.length === 0) return;
    const totalWidth = this.widths.reduce((a, b) => a + b, 0);
    let r = this.bodyTop + Math.max(this.rowCount, 0) + 1;
    const lines = notes.length === 1 ? [`备注：${notes[0]}`] : ['备注：', ...notes.map((n, i) => `${i + 1}．${n}`)];
    for (const text of lines) {
      const row = this.sheet.getRow(r);
      row.height = linesIn(text, totalWidth) * (LINE_HEIGHT + 2) + 4;
      style(row.getCell(1), text, this.styles.note);
      this.sheet.mergeCells(`A${r}:${this.lastColumn}${r}`);
      row.commit();
      r++;
    }
  }

  commit(): void {
    this.sheet.commit();
  }
}

function style(cell: Cell, value: CellValue | null, s: Partial<Style>): void {
  cell.value = value;
  cell.style = s;
}
