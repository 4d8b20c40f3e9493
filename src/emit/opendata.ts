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
import { Digester, type FileDigest } from './digest.js';
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
      const csvDigest = await writeCsv(outFile(context, csv), publicationTable(context.catalog, publication));
      artifacts.push({ path: csv, type: 'csv', ...about, ...csvDigest });
      const json = `${publication.base}.json`;
      const jsonDigest = await writeJson(outFile(context, json), context, publication);
      artifacts.push({ path: json, type: 'json', ...about, ...jsonDigest });
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

export async function writeCsv(file: string, table: Table): Promise<FileDigest> {
  const sink = new TextSink(file);
  await sink.write('\uFEFF' + csvLine(csvHeader(table)));
  for (const row of table.rows) await sink.write(csvLine(row));
  return sink.close();
}

/** Entries stringified at a time. */
const JSON_BATCH = 256;
/** What `JSON.stringify({ entries: [...] }, null, 2)` puts around the entries (never empty here). */
const BATCH_HEAD = '{\n  "entries": [';
const BATCH_TAIL = '\n  ]\n}';

async function writeJson(file: string, context: EmitContext, publication: Publication): Promise<FileDigest> {
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
  // Written a batch of entries at a time so that a long list is never one string in memory.
  const opening = JSON.stringify(head, null, 2);
  await sink.write(`${opening.slice(0, -2)},\n  "entries": [`);
  const { entries } = publication;
  for (let start = 0; start < entries.length; start += JSON_BATCH) {
    const batch = entries.slice(start, start + JSON_BATCH).map((entry) => orderedEntry(publication.kind, entry.data));
    // Under "entries" of a wrapper the entries are indented as in the file: its text less the wrapper's.
    const text = JSON.stringify({ entries: batch }, null, 2);
    await sink.write(`${start === 0 ? '' : ','}${text.slice(BATCH_HEAD.length, -BATCH_TAIL.length)}`);
  }
  await sink.write(`${entries.length === 0 ? '' : '\n  '}]\n}\n`);
  return sink.close();
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
  const { keys, known } = schemaKeys(schema);
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in record) out[key] = ordered(record[key], schema!.properties![key]);
  let others: string[] | undefined;
  for (const key of Object.keys(record)) if (!known.has(key)) (others ??= []).push(key);
  if (others) for (const key of others.sort()) out[key] = ordered(record[key], schema?.properties?.[key]);
  return out;
}

/** A schema's properties in order, worked out once per schema (every entry of a kind shares them). */
const propertyKeys = new WeakMap<JsonSchemaObject, { keys: string[]; known: Set<string> }>();
const NO_KEYS = { keys: [] as string[], known: new Set<string>() };

function schemaKeys(schema: JsonSchemaObject | undefined): { keys: string[]; known: Set<string> } {
  if (!schema?.properties) return NO_KEYS;
  let found = propertyKeys.get(schema);
  if (!found) {
    const keys = Object.keys(schema.properties);
    propertyKeys.set(schema, (found = { keys, known: new Set(keys) }));
  }
  return found;
}

/** Characters of text gathered before they are encoded and written: far fewer, larger writes than a row each. */
const SINK_CHUNK = 64 * 1024;

/** A text file written through a stream, waiting whenever the disk falls behind; its digest taken on the way. */
class TextSink {
  private readonly stream: WriteStream;
  private readonly digester = new Digester();
  private failure: Error | undefined;
  private pending = '';

  constructor(file: string) {
    this.stream = createWriteStream(file);
    this.stream.on('error', (e) => {
      this.failure ??= e;
    });
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.pending += text;
    if (this.pending.length >= SINK_CHUNK) await this.flush();
  }

  async close(): Promise<FileDigest> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'close');
    if (this.failure) throw this.failure;
    return this.digester.digest();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pending === '') return;
    // Encoded once, for the digest and the file.
    const bytes = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    this.digester.update(bytes);
    if (!this.stream.write(bytes)) await once(this.stream, 'drain');
  }
}
