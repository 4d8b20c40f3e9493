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
import type { Rule } from '../rules/types.js';
import { discoverListFiles } from './discover.js';
import type { EarlierRead } from './fast.js';
import { parseListFile, type ParsedFile } from './parse.js';
import { decodeListFile } from './read.js';
import { SourceFile } from './source.js';
import './messages.js';

export interface LoadOptions {
  /** Files or folders of lists (default: lists/). */
  paths: readonly string[];
  cwd: string;
  /** An explicit configuration file. */
  configPath?: string;
  /** Rules besides the built-in ones that the check is given (CheckOptions.rules): the configuration may set them. */
  rules?: readonly Rule[];
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
  const { config, kinds, diagnostics, files: found } = openProject(options);
  const files: SourceFile[] = [];
  for (const { path, display } of found) {
    const { file, diagnostics: problems } = readListFile(path, display, kinds, config);
    files.push(file);
    diagnostics.push(...problems);
  }
  return { cwd: options.cwd, paths: options.paths, config, kinds, files, diagnostics };
}

/** The configuration in force and the list files to read (absolute path, and as shown). */
export function openProject(options: LoadOptions): { config: Config; kinds: KindRegistry; diagnostics: Diagnostic[]; files: { path: string; display: string }[] } {
  const { cwd, paths } = options;
  const configPath = options.configPath ?? findConfig(paths, cwd);
  const { config, kinds, diagnostics } = loadConfig(configPath, cwd, options.configPath !== undefined, options.rules);
  const discovered = discoverListFiles(paths, cwd);
  diagnostics.push(...discovered.diagnostics);
  const files = discovered.files.map((path) => ({ path, display: relative(cwd, path) || path }));
  return { config, kinds, diagnostics, files };
}

/** Read and parse one list file, never throwing: every problem becomes a diagnostic. */
export function readListFile(path: string, display: string, kinds: KindRegistry, config: Config): ParsedFile {
  const read = readListBytes(path, display, config);
  return read.bytes ? parseListBytes(path, display, read.bytes, kinds, config) : read.failed;
}

/** The bytes of a list file, or why it cannot be read (missing, unreadable, over the size limit). */
export function readListBytes(path: string, display: string, config: Config): { bytes: Buffer; failed?: undefined } | { bytes?: undefined; failed: ParsedFile } {
  const where = { file: display, line: 1, column: 1, endLine: 1, endColumn: 1, pointer: '' };
  try {
    const size = statSync(path).size;
    if (size > config.limits.max_file_bytes) {
      return { failed: { file: new SourceFile(path, display, ''), diagnostics: [makeDiagnostic('file', 'too-large', { size, limit: config.limits.max_file_bytes }, where)] } };
    }
    return { bytes: readFileSync(path) };
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    return { failed: { file: new SourceFile(path, display, ''), diagnostics: [makeDiagnostic('file', 'unreadable', { reason, path: display }, where)] } };
  }
}

/** Decode and parse the bytes of a list file (`earlier`: see ParseOptions). */
export function parseListBytes(path: string, display: string, bytes: Uint8Array, kinds: KindRegistry, config: Config, earlier?: EarlierRead): ParsedFile {
  const decoded = decodeListFile(bytes);
  if (!decoded.ok) {
    const file = new SourceFile(path, display, '');
    const line = typeof decoded.data.line === 'number' ? decoded.data.line : 1;
    const where = { file: display, line, column: 1, endLine: line, endColumn: 1, pointer: '' };
    return { file, diagnostics: [makeDiagnostic('file', decoded.messageId, { ...decoded.data, path: display }, where)] };
  }
  return parseListFile(path, display, decoded.text, kinds, config.limits, { earlier });
}
