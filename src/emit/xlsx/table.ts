/**
 * The table a published list shows: the computed 序号 and the columns of the
 * kind's layout, each entry's cells as the reader sees them. The workbook and
 * the CSV beside it are written from the same table, so they cannot differ.
 */
import type { EntryData } from '../../core/entry.js';
import type { JsonSchemaObject } from '../../kinds/index.js';
import type { Kind } from '../../kinds/registry.js';

export type CellValue = string | number;

export interface TableColumn {
  /** The entry field, or SERIAL_FIELD for the computed 序号. */
  field: string;
  header: string;
  /** Upper header over this column and its neighbours with the same group. */
  group?: string;
  width: number;
  /** Merge equal consecutive cells vertically (category columns). */
  merge: boolean;
  /** Short coded values (序号, codes, enums, yes/no, dates, numbers) are centred. */
  align: 'center' | 'left';
}

export interface Table {
  columns: TableColumn[];
  rows: CellValue[][];
}

export interface TableOptions {
  /** How a department named in an id field is published (its short name); undefined keeps the text as written. */
  departmentName?: (name: string) => string | undefined;
}

export const SERIAL_FIELD = '#';
const SERIAL_COLUMN: TableColumn = { field: SERIAL_FIELD, header: '序号', width: 6, merge: false, align: 'center' };

/** Fields whose list items are sentences: one per line rather than joined with 、. */
const LINE_FIELDS = new Set(['contents']);
const SENTENCE = /[，。；：,;]/;

export function buildTable(kind: Kind, records: readonly EntryData[], options: TableOptions = {}): Table {
  const departmentFields = new Set(
    kind.references.filter((r) => r.to === 'departments' && (r.form ?? 'id') === 'id').map((r) => r.field),
  );
  // A kind that numbers its own entries (the 序号 of a transcribed table) publishes that number, not ours.
  const ownSerial = kind.sequence !== undefined && kind.columns.some((c) => c.field === kind.sequence);
  const columns: TableColumn[] = ownSerial ? [] : [SERIAL_COLUMN];
  for (const c of kind.columns) {
    const schema = kind.fieldSchema(c.field);
    columns.push({
      field: c.field,
      header: c.header,
      group: c.group,
      width: c.width,
      merge: c.merge === true,
      align: c.merge === true || c.field === kind.codeField || isCoded(schema) ? 'center' : 'left',
    });
  }
  // What each column reads, worked out once rather than for every cell.
  const readers = columns.map((column) => ({
    serial: column.field === SERIAL_FIELD,
    field: column.field,
    path: column.field.split('.'),
    rename: departmentFields.has(column.field) ? options.departmentName : undefined,
  }));
  const rows = records.map((data, i) =>
    readers.map(({ serial, field, path, rename }): CellValue => {
      if (serial) return i + 1;
      const value = valueAt(data, path);
      const shown = rename ? renameDepartments(value, rename) : value;
      return cellValue(shown, field);
    }),
  );
  return { columns, rows };
}

/** Columns in the header: is there a second header level? */
export function hasGroups(columns: readonly TableColumn[]): boolean {
  return columns.some((c) => c.group !== undefined);
}

function isCoded(schema: JsonSchemaObject | undefined): boolean {
  if (!schema) return false;
  const type = schema.type;
  return (
    schema.enum !== undefined ||
    schema.format === 'date' ||
    type === 'boolean' ||
    type === 'integer' ||
    type === 'number'
  );
}

function valueAt(data: EntryData, path: readonly string[]): unknown {
  let value: unknown = data;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function renameDepartments(value: unknown, rename: (name: string) => string | undefined): unknown {
  if (typeof value === 'string') return rename(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? (rename(v) ?? v) : v));
  return value;
}

/** A field's value as the published cell shows it. */
export function cellValue(value: unknown, field: string): CellValue {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  return cellText(value, field);
}

function cellText(value: unknown, field: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isSamplingRate)) return value.map(samplingText).join('；');
    const parts = value.map((v) => cellText(v, field)).filter((t) => t !== '');
    if (value.some((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) return parts.join('；');
    const oneALine = LINE_FIELDS.has(field.split('.').pop() ?? '') || parts.some((p) => SENTENCE.test(p) || p.includes('\n'));
    return parts.join(oneALine ? '\n' : '、');
  }
  if (typeof value === 'object') {
    return Object.values(value as Record<string, unknown>)
      .map((v) => cellText(v, field))
      .filter((t) => t !== '')
      .join('：');
  }
  return String(value);
}

interface SamplingRate {
  grade: string;
  ratio: number;
  per_year?: number;
}

function isSamplingRate(v: unknown): v is SamplingRate {
  return v !== null && typeof v === 'object' && typeof (v as SamplingRate).grade === 'string' && typeof (v as SamplingRate).ratio === 'number';
}

/** "A级：3%，每年1次". */
function samplingText(rate: SamplingRate): string {
  const grade = rate.grade.endsWith('级') ? rate.grade : `${rate.grade}级`;
  const perYear = typeof rate.per_year === 'number' ? `，每年${rate.per_year}次` : '';
  return `${grade}：${rate.ratio}%${perYear}`;
}
