/**
 * Open data beside each workbook: the same table as CSV (UTF-8 with a BOM so
 * that Excel reads it as UTF-8, CRLF line ends, RFC 4180 quoting, and cells
 * that a spreadsheet would run as a formula neutralised), and the entries
 * themselves as JSON with the fields in schema order.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { safeJoin } from '../core/fs.js';
import type { EntryData } from '../core/entry.js';
import type { JsonSchemaObject } from '../kinds/index.js';
import { WAIVERS_PROPERTY, type Kind } from '../kinds/registry.js';
import { editionRecord } from './manifest.js';
import type { Artifact, EmitContext, Emitter } from './types.js';
import { planPublications, publicationTable, type Publication } from './xlsx/plan.js';
import type { CellValue, Table } from './xlsx/table.js';

export const openDataEmitter: Emitter = {
  name: 'opendata',
  async emit(context) {
    const artifacts: Artifact[] = [];
    const plan = planPublications(context.catalog, { byDepartment: context.options.by === 'department', draft: context.draft });
    for (const publication of plan) {
      const about = { kind: publication.kind.name, ...(publication.department ? { department: publication.department } : {}) };
      const csv = `${publication.base}.csv`;
      await writeCsv(outFile(context, csv), publicationTable(context.catalog, publication));
      artifacts.push({ path: csv, type: 'csv', ...about });
      const json = `${publication.base}.json`;
      await writeJson(outFile(context, json), context, publication);
      artifacts.push({ path: json, type: 'json', ...about });
    }
    return artifacts;
  },
};

function outFile(context: EmitContext, path: string): string {
  const file = safeJoin(context.outDir, ...path.split('/'));
  mkdirSync(dirname(file), { recursive: true });
  return file;
}

/** Characters that make a spreadsheet read a cell as a formula (CWE-1236). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: neutralised with a leading ' when it would start a formula, quoted when needed. */
export function csvField(value: CellValue): string {
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CellValue[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** The CSV header: one row; a grouped column is headed "group-header" so that no level is lost. */
export function csvHeader(table: Table): string[] {
  return table.columns.map((c) => (c.group !== undefined ? `${c.group}-${c.header}` : c.header));
}

export async function writeCsv(file: string, table: Table): Promise<void> {
  const sink = new TextSink(file);
  await sink.write('\uFEFF' + csvLine(csvHeader(table)));
  for (const row of table.rows) await sink.write(csvLine(row));
  await sink.close();
}

async function writeJson(file: string, context: EmitContext, publication: Publication): Promise<void> {
  const { catalog } = context;
  const head = {
    kind: publication.kind.name,
    title: publication.title,
    ...(publication.attachment !== undefined ? { attachment: publication.attachment } : {}),
    ...(publication.department !== undefined ? { department: publication.department } : {}),
    edition: editionRecord(catalog.config.edition, context.timestamp.toISOString().slice(0, 10)),
    draft: context.draft,
  };
  const sink = new TextSink(file);
  // Written entry by entry so that a long list is never one string in memory.
  const opening = JSON.stringify(head, null, 2);
  await sink.write(`${opening.slice(0, -2)},\n  "entries": [`);
  let first = true;
  for (const entry of publication.entries) {
    const text = JSON.stringify(orderedEntry(publication.kind, entry.data), null, 2).replace(/\n/g, '\n    ');
    await sink.write(`${first ? '' : ','}\n    ${text}`);
    first = false;
  }
  await sink.write(`${first ? '' : '\n  '}]\n}\n`);
  await sink.close();
}

/** An entry's fields in schema order (then any others, sorted), without its waivers. */
export function orderedEntry(kind: Kind, data: EntryData): Record<string, unknown> {
  const copy = { ...data };
  delete copy[WAIVERS_PROPERTY];
  return ordered(copy, kind.entrySchema) as Record<string, unknown>;
}

function ordered(value: unknown, schema: JsonSchemaObject | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, schema?.items));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const known = Object.keys(schema?.properties ?? {}).filter((k) => k in record);
  const others = Object.keys(record)
    .filter((k) => !known.includes(k))
    .sort();
  const out: Record<string, unknown> = {};
  for (const key of [...known, ...others]) out[key] = ordered(record[key], schema?.properties?.[key]);
  return out;
}

/** A text file written through a stream, waiting whenever the disk falls behind. */
class TextSink {
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(file: string) {
    this.stream = createWriteStream(file);
    this.stream.on('error', (e) => {
      this.failure ??= e;
    });
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(text, 'utf8')) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'close');
    if (this.failure) throw this.failure;
  }
}
