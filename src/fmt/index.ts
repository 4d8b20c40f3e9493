/**
 * `qingdan fmt`: list files in their canonical layout (see canonical.ts),
 * comments kept. A file that cannot be read or parsed is reported and left
 * alone; a formatting that would change the data is refused. Writes are
 * atomic. Formatting a formatted file changes nothing.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';
import type { Config } from '../config/index.js';
import { makeDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { writeFileAtomic } from '../core/fs.js';
import { registerMessages } from '../core/messages.js';
import type { KindRegistry } from '../kinds/registry.js';
import { discoverListFiles } from '../load/discover.js';
import { readListFile } from '../load/index.js';
import { canonicalize, canonicalText } from './canonical.js';

registerMessages('fmt', {
  unsafe: {
    zh: '格式化会改变文件中的数据，文件未改动。请报告此问题。',
    en: 'Formatting would change the data of this file, so it was left alone. Please report this.',
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
  const { cwd, kinds, config } = options;
  const discovered = discoverListFiles(options.paths, cwd);
  const diagnostics = [...discovered.diagnostics];
  const files: FmtFile[] = [];
  for (const path of discovered.files) {
    const display = relative(cwd, path) || path;
    const read = readListFile(path, display, kinds, config);
    const blocking = read.diagnostics.filter((d) => (d.ruleId === 'file' || d.ruleId === 'yaml') && d.severity === 'error');
    if (blocking.length > 0) {
      diagnostics.push(...blocking);
      files.push({ path, display, status: 'error' });
      continue;
    }
    const formatted = formatListText(read.file.text, kinds);
    if (formatted === undefined) {
      diagnostics.push(makeDiagnostic('fmt', 'unsafe', {}, read.file.rangeLocation(0, 0)));
      files.push({ path, display, status: 'error' });
      continue;
    }
    // Compared with the bytes on disk: a BOM or CRLF line ends, which the loader accepts, are not canonical.
    const changed = !readFileSync(path).equals(Buffer.from(formatted, 'utf8'));
    if (changed && !options.check) writeFileAtomic(path, formatted);
    files.push({ path, display, status: changed ? 'changed' : 'unchanged' });
  }
  return { files, diagnostics };
}
