/**
 * `qingdan fmt`: list files in their canonical layout (see canonical.ts),
 * comments kept. A file that cannot be read or parsed is reported and left
 * alone; a formatting that would change the data is refused. Writes are
 * atomic, and a file saved by someone else while fmt worked on it is left
 * with their edit. Formatting a formatted file changes nothing.
 */
import { relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';
import type { Config } from '../config/index.js';
import { makeDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { FileChangedError, writeFileAtomic } from '../core/fs.js';
import { registerMessages } from '../core/messages.js';
import type { KindRegistry } from '../kinds/registry.js';
import { discoverListFiles } from '../load/discover.js';
import { parseListBytes, readListBytes } from '../load/index.js';
import { canonicalize, canonicalText } from './canonical.js';

registerMessages('fmt', {
  unsafe: {
    zh: '格式化会改变文件中的数据，文件未改动。请报告此问题。',
    en: 'Formatting would change the data of this file, so it was left alone. Please report this.',
  },
  'changed-meanwhile': {
    zh: '格式化期间文件被修改（例如在编辑器中保存），为保留这次修改，文件未改动。请再次运行 qingdan fmt。',
    en: 'The file changed while it was being formatted (saved in an editor?), so it was left alone to keep that edit. Run qingdan fmt again.',
  },
  unwritable: {
    zh: '无法写入格式化结果，文件未改动：{reason}。请检查文件和目录的写权限。',
    en: 'Could not write the formatted file, so it was left as it was: {reason}. Check the permissions of the file and its folder.',
  },
});

export type FmtStatus = 'unchanged' | 'changed' | 'error';

export interface FmtFile {
  path: string;
  display: string;
  status: FmtStatus;
}

export interface FmtResult {
  files: FmtFile[];
  diagnostics: Diagnostic[];
}

/** The canonical text of a list file's text, or undefined when formatting would change its data. */
export function formatListText(text: string, kinds: KindRegistry): string | undefined {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const before = doc.toJS({ maxAliasCount: -1 });
  canonicalize(doc, kinds);
  const formatted = canonicalText(doc);
  const after = parseDocument(formatted, { uniqueKeys: true, prettyErrors: false });
  if (after.errors.length > 0 || !isDeepStrictEqual(after.toJS({ maxAliasCount: -1 }), before)) return undefined;
  return formatted;
}

export function formatFiles(options: { paths: readonly string[]; cwd: string; kinds: KindRegistry; config: Config; check: boolean }): FmtResult {
  const discovered = discoverListFiles(options.paths, options.cwd);
  const diagnostics = [...discovered.diagnostics];
  const files: FmtFile[] = [];
  for (const path of discovered.files) {
    const display = relative(options.cwd, path) || path;
    const outcome = formatFile(path, display, options);
    diagnostics.push(...outcome.diagnostics);
    files.push({ path, display, status: outcome.status });
  }
  return { files, diagnostics };
}

function formatFile(path: string, display: string, options: { kinds: KindRegistry; config: Config; check: boolean }): { status: FmtStatus; diagnostics: Diagnostic[] } {
  const { kinds, config } = options;
  // The bytes are read once: parsed, compared with the formatting, and checked again just before the write.
  const raw = readListBytes(path, display, config);
  if (!raw.bytes) return { status: 'error', diagnostics: raw.failed.diagnostics };
  const read = parseListBytes(path, display, raw.bytes, kinds, config);
  const blocking = read.diagnostics.filter((d) => (d.ruleId === 'file' || d.ruleId === 'yaml') && d.severity === 'error');
  if (blocking.length > 0) return { status: 'error', diagnostics: blocking };
  const problem = (messageId: string, data = {}) => ({ status: 'error' as const, diagnostics: [makeDiagnostic('fmt', messageId, data, read.file.rangeLocation(0, 0))] });
  const formatted = formatListText(read.file.text, kinds);
  if (formatted === undefined) return problem('unsafe');
  // Compared with the bytes on disk: a BOM or CRLF line ends, which the loader accepts, are not canonical.
  if (raw.bytes.equals(Buffer.from(formatted, 'utf8'))) return { status: 'unchanged', diagnostics: [] };
  if (!options.check) {
    // A file that cannot be written (no permission, a read-only disk) is reported like any other, and the others are still formatted.
    let written: boolean;
    try {
      written = writeFormatted(path, raw.bytes, formatted);
    } catch (e) {
      if (typeof (e as NodeJS.ErrnoException)?.syscall !== 'string') throw e;
      return problem('unwritable', { reason: (e as Error).message });
    }
    if (!written) return problem('changed-meanwhile');
  }
  return { status: 'changed', diagnostics: [] };
}

/**
 * Replace a list file read as `read` with its formatting, unless it no longer
 * holds `read` (an editor saved it meanwhile): then the file is left as it is
 * and the answer is false, as fmt must not throw away an edit it never saw.
 */
export function writeFormatted(path: string, read: Uint8Array, formatted: string): boolean {
  try {
    writeFileAtomic(path, formatted, { ifUnchanged: read });
    return true;
  } catch (e) {
    if (e instanceof FileChangedError) return false;
    throw e;
  }
}
