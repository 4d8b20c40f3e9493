/**
 * Stage 1, load: find the list files, read them, parse them with positions.
 * The result is the raw material of every later stage.
 */
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { makeDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import type { Config } from '../config/index.js';
import { findConfig, loadConfig } from '../config/load.js';
import type { KindRegistry } from '../kinds/registry.js';
import { discoverListFiles } from './discover.js';
import { parseListFile } from './parse.js';
import { decodeListFile } from './read.js';
import { SourceFile } from './source.js';
import './messages.js';

export interface LoadOptions {
  /** Files or folders of lists (default: lists/). */
  paths: readonly string[];
  cwd: string;
  /** An explicit configuration file. */
  configPath?: string;
}

export interface LoadedProject {
  cwd: string;
  paths: readonly string[];
  config: Config;
  kinds: KindRegistry;
  /** Every list file read, in path order; `data` is set on those that parsed. */
  files: SourceFile[];
  diagnostics: Diagnostic[];
}

export function loadProject(options: LoadOptions): LoadedProject {
  const { cwd, paths } = options;
  const configPath = options.configPath ?? findConfig(paths, cwd);
  const { config, kinds, diagnostics } = loadConfig(configPath, cwd, options.configPath !== undefined);
  const discovered = discoverListFiles(paths, cwd);
  diagnostics.push(...discovered.diagnostics);
  const files: SourceFile[] = [];
  for (const path of discovered.files) {
    const { file, diagnostics: problems } = readListFile(path, relative(cwd, path) || path, kinds, config);
    files.push(file);
    diagnostics.push(...problems);
  }
  return { cwd, paths, config, kinds, files, diagnostics };
}

/** Read and parse one list file, never throwing: every problem becomes a diagnostic. */
export function readListFile(path: string, display: string, kinds: KindRegistry, config: Config): { file: SourceFile; diagnostics: Diagnostic[] } {
  const where = { file: display, line: 1, column: 1, endLine: 1, endColumn: 1, pointer: '' };
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > config.limits.max_file_bytes) {
      return { file: new SourceFile(path, display, ''), diagnostics: [makeDiagnostic('file', 'too-large', { size, limit: config.limits.max_file_bytes }, where)] };
    }
    bytes = readFileSync(path);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    return { file: new SourceFile(path, display, ''), diagnostics: [makeDiagnostic('file', 'unreadable', { reason, path: display }, where)] };
  }
  const decoded = decodeListFile(bytes);
  if (!decoded.ok) {
    const file = new SourceFile(path, display, '');
    const line = typeof decoded.data.line === 'number' ? decoded.data.line : 1;
    return { file, diagnostics: [makeDiagnostic('file', decoded.messageId, { ...decoded.data, path: display }, { ...where, line, endLine: line })] };
  }
  return parseListFile(path, display, decoded.text, kinds, config.limits);
}
