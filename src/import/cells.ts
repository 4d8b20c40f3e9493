/**
 * Cell text ⇄ field values, by the field's schema, in the conventions of the
 * published workbooks (src/emit/xlsx/table.ts): 是/否 for booleans; array
 * items joined with "、", or one per line when they are sentences; objects in
 * an array separated by "；" or lines, each as "A级：3%，每年1次" (the first
 * property, then the numbers in schema order), "首次违法：指……" (the first
 * property, then the second) or "信用等级：A，抽查比例（%）：3" (by titles).
 * A cell that does not convert is kept as typed: the schema then says why.
 */
import type { JsonSchemaObject } from '../kinds/index.js';
import { foldHeader } from './headers.js';
import type { CellValue } from './read.js';

const TRUE_WORDS = new Set(['是', '√', '✓', '✔', 'true', 'yes', 'y', '有']);
const FALSE_WORDS = new Set(['否', '×', '✗', '✘', 'false', 'no', 'n', '无']);
/** Punctuation that marks an item as a sentence rather than a word. */
const SENTENCE = /[，。；：,;]/;

export interface CellOptions {
  /** Array items are short tokens (enum values, ids): split on 、，,；; and line breaks alike. */
  tokens?: boolean;
  /** The column lists text items one per line (see oneItemPerLine): a one-line cell is one item. */
  lines?: boolean;
  /** Configured credit grades: "A级" is the grade A. */
  creditGrades?: readonly string[];
}

/** A cell's value for a field with this schema; undefined when the cell is empty. */
export function cellToValue(value: CellValue | undefined, schema: JsonSchemaObject | undefined, options: CellOptions = {}): unknown {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? cleanText(value) : value;
  if (text === '') return undefined;
  const type = schemaType(schema);
  switch (type) {
    case 'boolean':
      return toBoolean(text);
    case 'number':
    case 'integer':
      return toNumber(text);
    case 'array': {
      if (typeof text !== 'string') return [cellToValue(text, schema?.items)];
      const items = schema?.items;
      const parts = schemaType(items) === 'object' ? text.split(/\s*[\n；;]\s*/) : splitItems(text, options);
      return parts.filter((p) => p !== '').map((p) => cellToValue(p, items, options));
    }
    case 'object':
      return typeof text === 'string' ? toObject(text, schema!, options) : text;
    default:
      return toText(text, schema);
  }
}

/**
 * Does a column list its items one per line by choice? Then one of its cells
 * has several lines, none of them a sentence (lines forced by sentences say
 * nothing about the cells that join short items with "、").
 */
export function oneItemPerLine(cells: readonly string[]): boolean {
  return cells.some((text) => {
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    return lines.length > 1 && !lines.some((l) => SENTENCE.test(l));
  });
}

/** A field value as cell text (for the 修订对照表 and messages). */
export function valueToText(value: unknown, schema?: JsonSchemaObject): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) {
    const items = value.map((v) => valueToText(v, schema?.items));
    const perLine = items.some((t) => SENTENCE.test(t) || t.includes('、') || t.includes('\n')) || value.some((v) => typeof v === 'object' && v !== null);
    return items.join(perLine ? '\n' : '、');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${schema?.properties?.[k]?.title ?? k}：${valueToText(v, schema?.properties?.[k])}`)
      .join('，');
  }
  return String(value);
}

function schemaType(schema: JsonSchemaObject | undefined): string | undefined {
  const t = schema?.type;
  const type = Array.isArray(t) ? t.find((x) => x !== 'null') : t;
  if (type === undefined && schema?.properties) return 'object';
  return type;
}

/** Line ends to LF, spaces at both ends of every line gone. */
function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .trim();
}

function toBoolean(value: string | number | boolean | Date): unknown {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && (value === 0 || value === 1)) return value === 1;
  const key = String(value).normalize('NFKC').trim().toLowerCase();
  if (TRUE_WORDS.has(key)) return true;
  if (FALSE_WORDS.has(key)) return false;
  return value;
}

/** "１２", "3%", "1,000" → numbers; anything else stays text. */
function toNumber(value: string | number | boolean | Date): unknown {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return value;
  const folded = value.normalize('NFKC').replace(/[\s,]/g, '').replace(/%$/, '');
  return /^[+-]?\d+(\.\d+)?$/.test(folded) ? Number(folded) : value;
}

function toText(value: string | number | boolean | Date, schema: JsonSchemaObject | undefined): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (schema?.format === 'date') {
    const m = /^(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?$/.exec(value.normalize('NFKC'));
    if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  }
  return value;
}

/**
 * One cell, several items. Tokens (enum values, ids) split on any list
 * separator. Text items: one per line when the cell has lines; a one-line
 * cell is one item when its column lists items one per line, or when it reads
 * as a sentence (the build joins such items one per line), unless it is a
 * numbered "1.…；2.…" list; else items are joined with "、". A numbering that
 * every item carries ("1.", "（2）", "③") is not part of it, nor is a closing "；".
 */
function splitItems(text: string, options: CellOptions): string[] {
  if (options.tokens) return text.split(/\s*[、，,；;\n]\s*/);
  const numbering = /^(?:\d+\s*[、.．)）]|[（(]\s*\d+\s*[)）]|[①-⑳])\s*/;
  const numbered = (parts: string[]) => parts.length > 1 && parts.every((p) => numbering.test(p));
  let parts: string[];
  if (text.includes('\n')) parts = text.split('\n');
  else if (options.lines || SENTENCE.test(text)) {
    const semi = text.split(/\s*[；;]\s*/).filter((p) => p !== '');
    parts = numbered(semi) ? semi : [text];
  } else parts = text.split(/\s*、\s*/);
  parts = parts.map((p) => p.trim()).filter((p) => p !== '');
  if (numbered(parts)) parts = parts.map((p) => p.replace(numbering, ''));
  return parts.map((p) => p.replace(/[；;]$/, ''));
}

/** "信用等级：A，抽查比例（%）：3" (titled) or "A：3%，每年1次" (positional) → an object. */
function toObject(text: string, schema: JsonSchemaObject, options: CellOptions): unknown {
  const props = Object.entries(schema.properties ?? {});
  if (props.length === 0) return text;
  const byTitle = new Map(props.map(([name, s]) => [foldHeader(s.title ?? name), name]));
  const parts = text.split(/\s*[，,]\s*/).filter((p) => p !== '');
  const titled = parts.map((p) => /^(.+?)\s*[:：]\s*(.*)$/.exec(p)).map((m) => (m ? ([byTitle.get(foldHeader(m[1]!)), m[2]!] as const) : undefined));
  if (titled.every((t) => t?.[0] !== undefined)) {
    const out: Record<string, unknown> = {};
    for (const t of titled) out[t![0]!] = cellToValue(t![1], schema.properties![t![0]!]);
    return out;
  }
  const m = /^(.+?)\s*[:：]\s*(.*)$/.exec(text) ?? /^(\S+)\s+(.*)$/.exec(text);
  if (!m) return text;
  const [[first, firstSchema], ...rest] = props as [[string, JsonSchemaObject], ...[string, JsonSchemaObject][]];
  const head = m[1]!.endsWith('级') && options.creditGrades?.includes(m[1]!.slice(0, -1)) ? m[1]!.slice(0, -1) : m[1]!;
  const out: Record<string, unknown> = { [first]: cellToValue(head, firstSchema) };
  const tail = m[2]!;
  const numeric = rest.every(([, s]) => ['number', 'integer'].includes(schemaType(s) ?? ''));
  if (numeric) {
    const numbers = tail.normalize('NFKC').match(/\d+(?:\.\d+)?/g) ?? [];
    if (numbers.length > rest.length) return text;
    numbers.forEach((n, i) => (out[rest[i]![0]] = Number(n)));
    return out;
  }
  if (rest.length >= 1 && tail !== '') {
    out[rest[0]![0]] = cellToValue(tail, rest[0]![1]);
    return out;
  }
  return text;
}
