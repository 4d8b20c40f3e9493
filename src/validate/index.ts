/**
 * Stage 2, validate: every entry against its kind's JSON Schema (ajv), and
 * every legal citation parsed. Produces the entries for the link stage, each
 * marked valid or not, and the problems with their source locations.
 */
import type { ErrorObject } from 'ajv';
import { describeType, makeDiagnostic, type Diagnostic, type MessageData, type SourceLocation } from '../core/diagnostics.js';
import { Entry, ownFields, type EntryData } from '../core/entry.js';
import { closest, suggestionData } from '../core/suggest.js';
import type { Kind, KindRegistry } from '../kinds/registry.js';
import type { LoadedProject } from '../load/index.js';
import type { DataPath, ListFileData, SourceFile } from '../load/source.js';
import { parseCitations } from '../link/citation.js';
import { compileSchema } from './ajv.js';
import './messages.js';

export interface ValidatedProject extends LoadedProject {
  entries: Entry[];
}

/** One file's validation, as a worker or the cache hands it on: which entries passed, and the problems. */
export interface FileValidation {
  /** Per index in `entries:`: 1 passed its schema, 0 did not (or is not a mapping). */
  valid: number[];
  diagnostics: Diagnostic[];
}

/** The entries of a file already validated (from a worker or the cache), without validating again. */
export function validatedEntries(file: SourceFile, kinds: KindRegistry): Entry[] {
  const { data, validation } = file;
  const kind = data?.kind ? kinds.get(data.kind) : undefined;
  if (!data || !kind || !validation) return [];
  const entries: Entry[] = [];
  forEachEntry(data, (index, merged, own) => entries.push(new Entry(kind, file, index, merged, ownFields(own, data.defaults), validation.valid[index] === 1)));
  return entries;
}

export function validateProject(project: LoadedProject): ValidatedProject {
  const diagnostics = [...project.diagnostics];
  const entries: Entry[] = [];
  for (const file of project.files) {
    const { data, validation: done } = file;
    const kind = data?.kind ? project.kinds.get(data.kind) : undefined;
    if (!data || !kind) continue;
    if (done) {
      forEachEntry(data, (index, merged, own) => entries.push(new Entry(kind, file, index, merged, ownFields(own, data.defaults), done.valid[index] === 1)));
      diagnostics.push(...done.diagnostics);
    } else {
      const validated = validateFile(file, kind);
      file.validation = validated.validation;
      entries.push(...validated.entries);
      diagnostics.push(...validated.validation.diagnostics);
    }
  }
  return { ...project, entries, diagnostics };
}

/**
 * What an edited file's validation can keep of its earlier one (compile/file.ts):
 * for each entry, the index of the entry of the earlier read it was taken
 * from unchanged (load/fast.ts parseEdited), or -1; that read's validation;
 * and how many lines each entry taken has moved.
 */
export interface EarlierValidation {
  takenFrom: readonly number[];
  validation: FileValidation;
  moved(index: number, from: number): number;
  /** The lines each earlier entry spanned: [first, end). */
  span(from: number): [number, number];
}

/**
 * Every entry of a (parsed) file against its kind's schema, and its citations
 * parsed. `earlier`: an entry taken unchanged from an earlier read, with the
 * same file-level defaults and schema, keeps its verdict and problems then,
 * moved to its lines now (its problems are all within its lines, at the same
 * places in them: when one is not, the whole file is validated).
 */
export function validateFile(file: SourceFile, kind: Kind, earlier?: EarlierValidation): { entries: Entry[]; validation: FileValidation } {
  const validate = compileSchema(kind.entrySchema);
  const data = file.data!;
  const valid: number[] = new Array(data.entries.length).fill(0);
  const diagnostics: Diagnostic[] = [];
  const entries: Entry[] = [];
  const citations: CitationMemo = new Map();
  const kept = earlier && keptProblems(earlier);
  forEachEntry(data, (index, merged, own) => {
    const from = kept ? earlier!.takenFrom[index]! : -1;
    if (from >= 0) {
      const ok = earlier!.validation.valid[from] === 1;
      entries.push(new Entry(kind, file, index, merged, ownFields(own, data.defaults), ok));
      if (ok) valid[index] = 1;
      const lines = earlier!.moved(index, from);
      const pointer = `/entries/${index}`;
      for (const d of kept!.get(from) ?? []) {
        const at = d.location!;
        const location = { ...at, line: at.line + lines, endLine: at.endLine + lines, pointer: pointer + at.pointer.slice(`/entries/${from}`.length) };
        diagnostics.push({ ...d, location });
      }
      return;
    }
    const broken = data.brokenEntries.has(index);
    const ok = !broken && (validate(merged) as boolean);
    const entry = new Entry(kind, file, index, merged, ownFields(own, data.defaults), ok);
    if (ok) valid[index] = 1;
    else if (!broken) diagnostics.push(...schemaProblems(entry, validate.errors ?? []));
    diagnostics.push(...citationProblems(entry, citations));
    entries.push(entry);
  });
  return { entries, validation: { valid, diagnostics } };
}

/** The earlier problems by entry, when each is at its entry, within its lines (then they move with it); else undefined. */
function keptProblems(earlier: EarlierValidation): Map<number, Diagnostic[]> | undefined {
  const byEntry = new Map<number, Diagnostic[]>();
  for (const d of earlier.validation.diagnostics) {
    const at = d.location;
    const match = at && d.related.length === 0 ? /^\/entries\/(\d+)(?:\/|$)/.exec(at.pointer) : null;
    if (!match) return undefined;
    const from = Number(match[1]);
    const [first, end] = earlier.span(from);
    if (at!.line < first || at!.endLine >= end) return undefined;
    const list = byEntry.get(from);
    if (list) list.push(d);
    else byEntry.set(from, [d]);
  }
  return byEntry;
}

/** Each entry that is a mapping, with the file-level defaults merged in (frozen). */
function forEachEntry(data: ListFileData, visit: (index: number, merged: EntryData, own: Record<string, unknown>) => void): void {
  const hasDefaults = Object.keys(data.defaults).length > 0;
  data.entries.forEach((raw, index) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
    const own = raw as Record<string, unknown>;
    // Object.assign is many times faster than spreading here, but would set a `__proto__` key as the prototype.
    const merged = !hasDefaults ? own : Object.hasOwn(own, '__proto__') ? { ...data.defaults, ...own } : Object.assign({}, data.defaults, own);
    visit(index, Object.freeze(merged), own);
  });
}

function pathOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** A JSON Schema type in words, 中文 and English (also for the rules' options in the configuration). */
export const TYPE_WORDS: Record<string, [string, string]> = {
  string: ['字符串', 'a string'],
  number: ['数字', 'a number'],
  integer: ['整数', 'an integer'],
  boolean: ['布尔值（true/false）', 'a boolean (true/false)'],
  array: ['序列（列表）', 'a sequence (list)'],
  object: ['映射', 'a mapping'],
  null: ['空值', 'null'],
};

const FORMAT_WORDS: Record<string, [string, string]> = {
  date: ['日期（YYYY-MM-DD）', 'date (YYYY-MM-DD)'],
  regex: ['正则表达式', 'regular expression'],
};

/** Turn ajv's errors into diagnostics at the right place, one per real problem. */
/** What schemaProblems needs of what was validated: an entry (of its kind), or the configuration (config/load.ts). */
export interface SchemaSubject {
  kind: Pick<Entry['kind'], 'name' | 'title' | 'titleEn' | 'entrySchema' | 'fieldSchema' | 'fieldTitle'>;
  locate(field: DataPath, target?: 'value' | 'key'): SourceLocation;
}

export function schemaProblems(entry: SchemaSubject, errors: readonly ErrorObject[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const kind = entry.kind;
  const seen = new Set<string>();
  for (const err of errors) {
    const path = pathOf(err.instancePath);
    const field = path.length > 0 ? kind.fieldTitle(path) : kind.title;
    const key = path.filter((p) => typeof p === 'string').join('.') || kind.name;
    const base: MessageData = { field, field_en: key, key };
    const value = err.data;
    let diagnostic: Diagnostic;
    switch (err.keyword) {
      case 'required': {
        const missing = (err.params as { missingProperty: string }).missingProperty;
        const full = [...path, missing];
        diagnostic = makeDiagnostic('schema', 'required', { field: kind.fieldTitle(full), key: full.join('.') }, entry.locate(path));
        break;
      }
      case 'additionalProperties': {
        const extra = (err.params as { additionalProperty: string }).additionalProperty;
        const schema = path.length > 0 ? kind.fieldSchema(path) : kind.entrySchema;
        const known = Object.keys(schema?.properties ?? {});
        const guess = closest(extra, known);
        diagnostic = makeDiagnostic(
          'schema',
          'unknown-field',
          {
            key: extra,
            kind: path.length > 0 ? `“${field}”` : kind.title,
            kind_en: path.length > 0 ? key : kind.titleEn,
            fields: known.join(', '),
            ...suggestionData(guess),
          },
          entry.locate([...path, extra], 'key'),
        );
        break;
      }
      case 'enum': {
        const allowed = (err.params as { allowedValues: unknown[] }).allowedValues.map(String);
        diagnostic = makeDiagnostic('schema', 'enum', { ...base, value: String(value), allowed: allowed.join('、'), allowed_en: allowed.join(', ') }, entry.locate(path));
        break;
      }
      case 'const': {
        const allowed = String((err.params as { allowedValue: unknown }).allowedValue);
        diagnostic = makeDiagnostic('schema', 'const', { ...base, allowed }, entry.locate(path));
        break;
      }
      case 'type': {
        const expected = String((err.params as { type: string | string[] }).type).split(',');
        const words = expected.map((t) => TYPE_WORDS[t] ?? [t, t]);
        const hint = typeHint(expected, value);
        diagnostic = makeDiagnostic(
          'schema',
          'type',
          { ...base, expected: words.map((w) => w[0]).join('或'), expected_en: words.map((w) => w[1]).join(' or '), ...describeType(value), ...hint },
          entry.locate(path),
        );
        break;
      }
      case 'pattern':
        diagnostic = makeDiagnostic('schema', 'pattern', { ...base, value: String(value), pattern: (err.params as { pattern: string }).pattern }, entry.locate(path));
        break;
      case 'format': {
        const format = (err.params as { format: string }).format;
        const words = FORMAT_WORDS[format] ?? [format, format];
        diagnostic = makeDiagnostic('schema', 'format', { ...base, value: String(value), format: words[0], format_en: words[1] }, entry.locate(path));
        break;
      }
      case 'minLength':
        diagnostic = makeDiagnostic('schema', 'min-length', { ...base, limit: (err.params as { limit: number }).limit }, entry.locate(path));
        break;
      case 'minItems':
        diagnostic = makeDiagnostic('schema', 'min-items', { ...base, limit: (err.params as { limit: number }).limit }, entry.locate(path));
        break;
      case 'uniqueItems': {
        const { i, j } = err.params as { i: number; j: number };
        diagnostic = makeDiagnostic('schema', 'unique-items', { ...base, i: j + 1, j: i + 1 }, entry.locate([...path, i]));
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const { comparison, limit } = err.params as { comparison: string; limit: number };
        const words: Record<string, [string, string]> = { '>=': ['大于等于', 'at least'], '<=': ['小于等于', 'at most'], '>': ['大于', 'greater than'], '<': ['小于', 'less than'] };
        const w = words[comparison] ?? [comparison, comparison];
        diagnostic = makeDiagnostic('schema', 'range', { ...base, value: String(value), limit, comparison: w[0], comparison_en: w[1] }, entry.locate(path));
        break;
      }
      default:
        diagnostic = makeDiagnostic('schema', 'other', { ...base, detail: err.message ?? err.keyword }, entry.locate(path));
    }
    const id = `${diagnostic.messageId}|${diagnostic.location?.pointer}|${diagnostic.data.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(diagnostic);
  }
  return out;
}

/** YAML 1.2 reads 010 as a number, 2021-07-15 stays a string: say what to do when a type surprises. */
function typeHint(expected: string[], value: unknown): MessageData {
  if (expected.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) {
    return { hint: '如需文本，请加引号，例如 "010"。', hint_en: ' Quote it if text is meant, e.g. "010".' };
  }
  if (expected.includes('array') && typeof value === 'string') {
    return { hint: '多项请写成列表（每项以“- ”开头）。', hint_en: ' Write several values as a list ("- " before each).' };
  }
  return { hint: '', hint_en: '' };
}

/** The problems of each citation text: the same basis is often cited by many entries of a file. */
type CitationMemo = Map<string, ReturnType<typeof parseCitations>['problems']>;

/** Parse every citation field; report what cannot be parsed, at the character. */
function citationProblems(entry: Entry, memo: CitationMemo = new Map()): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const ref of entry.kind.references) {
    if (ref.form !== 'citation') continue;
    const text = entry.get(ref.field);
    if (typeof text !== 'string' || text.trim() === '') continue;
    const field = ref.field.split('.');
    let problems = memo.get(text);
    if (!problems) memo.set(text, (problems = parseCitations(text, { requireCitation: true }).problems));
    for (const p of problems) {
      out.push(
        makeDiagnostic(
          'citation',
          p.code,
          { text: p.text, field: entry.kind.fieldTitle(field), field_en: ref.field },
          entry.locateInString(field, p.start, p.end),
        ),
      );
    }
  }
  return out;
}
