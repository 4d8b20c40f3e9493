/**
 * One list file through load and validate: the unit of work a worker thread
 * does and the cache keeps. The result is a FileRecord (plain data) and its
 * encoding for the record's travels, and, in the thread that made it, the
 * SourceFile itself.
 */
import type { Config } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { KindRegistry } from '../kinds/registry.js';
import { contentHash, decodeRecord, encodeRecord, fileStamp, type FileCache, type FileRecord, type FileStamp } from '../cache/index.js';
import type { EarlierRead, EntryLayout } from '../load/fast.js';
import { parseListBytes, readListBytes } from '../load/index.js';
import { decodeListFile } from '../load/read.js';
import { SourceFile, type ListFileData } from '../load/source.js';
import { validateFile, type EarlierValidation } from '../validate/index.js';

export interface CompiledFile {
  file: SourceFile;
  /** The load stage's problems (the validate stage's are on file.validation). */
  diagnostics: Diagnostic[];
  /** Undefined when the file could not be read: nothing worth keeping. */
  record?: FileRecord;
  /** The record encoded (cache/index.ts), when made here. */
  encoded?: Uint8Array;
  /** The file's stamp just before it was read (for the cache). */
  stamp?: FileStamp;
  /** The file's bytes, to keep with the record (FileCache.write) when an edit can take entries from them. */
  source?: Uint8Array;
}

/** A file's earlier content as the cache keeps it (earlierFile): what the fast path read of it, and the record made of it. */
export interface EarlierFile {
  read: EarlierRead;
  record: FileRecord;
}

/** `earlier`: the file's earlier content, to take its unchanged entries, and what was found of them, from. */
export function compileFile(path: string, display: string, kinds: KindRegistry, config: Config, earlier?: EarlierFile): CompiledFile {
  const stamp = fileStamp(path);
  const read = readListBytes(path, display, config);
  if (!read.bytes) return read.failed;
  const parsed = parseListBytes(path, display, read.bytes, kinds, config, earlier?.read);
  const { file, diagnostics, layout, plainNumbers, takenFrom } = parsed;
  const data = file.data;
  const kind = data?.kind ? kinds.get(data.kind) : undefined;
  if (kind) file.validation = validateFile(file, kind, earlier && takenFrom && layout && keptValidation(earlier, takenFrom, file.text, layout, data!)).validation;
  file.release();
  const record: FileRecord = {
    hash: contentHash(read.bytes),
    data: data && { kind: data.kind, defaults: data.defaults, entries: data.entries, brokenEntries: [...data.brokenEntries] },
    layout,
    diagnostics,
    validation: file.validation,
  };
  const encoded = encodeRecord(record, plainNumbers);
  // The bytes are worth keeping when the fast path read them (parseFast can take entries from them),
  // with numbers as JSON keeps them: only then may an edit's record, whose entries taken from this
  // one are not looked at again (parseEdited), be written as JSON.
  const source = plainNumbers ? read.bytes : undefined;
  if (takenFrom) return { file, diagnostics, record, encoded, stamp, source };
  // The data as read back from its encoding, as from a worker: js-yaml's strings are slices of
  // its copy of the text and would keep that alive; these do not. (An edited file's entries
  // read anew are slices of their own lines only, the others are the earlier record's.)
  const fresh = decodeRecord(encoded)!;
  if (data && fresh.data) file.data = { ...data, defaults: fresh.data.defaults, entries: fresh.data.entries };
  return { file, diagnostics, record: fresh, encoded, stamp, source };
}

/** A file's earlier content as the cache keeps it, when its bytes were kept (a record without them is not decoded). */
export function earlierInCache(cache: FileCache, path: string, display: string): EarlierFile | undefined {
  const kept = cache.previous(path, display);
  return kept?.source && earlierFile(decodeRecord(kept.body), kept.source);
}

/** A file's earlier content, from the record the cache keeps of it and the bytes it was made of (FileCache.previous). */
export function earlierFile(record: FileRecord | undefined, source: Uint8Array | undefined): EarlierFile | undefined {
  if (!record?.data || !record.layout || !source) return undefined;
  const decoded = decodeListFile(source);
  return decoded.ok ? { read: { text: decoded.text, layout: record.layout, entries: record.data.entries }, record } : undefined;
}

/**
 * What an edited file's validation can keep of its earlier one: the verdict
 * and problems of each entry taken unchanged, moved by as many lines as the
 * entry moved. Nothing when the kind or the file-level defaults changed (an
 * entry is validated with the defaults merged in).
 */
function keptValidation(earlier: EarlierFile, takenFrom: number[], text: string, layout: EntryLayout, data: ListFileData): EarlierValidation | undefined {
  const { record, read } = earlier;
  if (!record.validation || !record.data || record.data.kind !== data.kind || JSON.stringify(record.data.defaults) !== JSON.stringify(data.defaults)) return undefined;
  const before = lineNumbers(read.text, read.layout.bounds);
  const now = lineNumbers(text, layout.bounds);
  return {
    takenFrom,
    validation: record.validation,
    moved: (index, from) => now[index]! - before[from]!,
    span: (from) => [before[from]!, before[from + 1]!],
  };
}

/** The line (1-based) of each offset, given in ascending order. */
function lineNumbers(text: string, offsets: readonly number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let at = 0;
  for (const offset of offsets) {
    for (let newline = text.indexOf('\n', at); newline >= 0 && newline < offset; newline = text.indexOf('\n', at)) {
      line++;
      at = newline + 1;
    }
    lines.push(line);
  }
  return lines;
}

/** The SourceFile of a record made elsewhere (a worker, an earlier run); its text is read again only if needed. */
export function fileFromRecord(path: string, display: string, record: FileRecord): CompiledFile {
  const file = SourceFile.fromLayout(path, display, record.layout);
  const { data, validation } = record;
  if (data) file.data = { kind: data.kind, defaults: data.defaults, entries: data.entries, brokenEntries: new Set(data.brokenEntries) };
  file.validation = validation;
  return { file, diagnostics: record.diagnostics, record };
}
