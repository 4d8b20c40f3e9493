/**
 * One side of a diff: a folder (or file) of lists in the working tree, or the
 * lists of a git revision (`HEAD~1`, a tag, `rev:path`), read with
 * `git ls-tree` and `git show` without a checkout and parsed from text by the
 * normal loader. Either way the result is a Catalog.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, posix, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from '../config/index.js';
import { configFromBytes, loadConfig } from '../config/load.js';
import { isRuleSettingProblem } from '../config/rules.js';
import { makeDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { link, type Catalog } from '../link/index.js';
import { parseListFile } from '../load/parse.js';
import { decodeListFile } from '../load/read.js';
import { SourceFile } from '../load/source.js';
import { compile } from '../pipeline.js';
import { validateProject } from '../validate/index.js';

export interface Side {
  /** As the user named it. */
  label: string;
  catalog: Catalog;
  /** Problems that make the comparison unreliable: no lists, files that could not be read or parsed, a bad configuration. */
  blocking: Diagnostic[];
}

export class SideError extends Error {}

/** Problems after which a file's entries are missing or partial. */
const BLOCKING_RULES = new Set(['file', 'yaml', 'list', 'config']);

export function loadSide(spec: string, cwd: string, configPath?: string): Side {
  const catalog = existsSync(resolve(cwd, spec)) ? compile({ paths: [spec], cwd, configPath }) : revisionCatalog(spec, cwd);
  // A rule's setting (an old edition's configuration naming a rule since renamed) has nothing to do with the lists compared.
  const blocking = catalog.diagnostics.filter((d) => BLOCKING_RULES.has(d.ruleId) && d.severity === 'error' && !isRuleSettingProblem(d));
  return { label: spec, catalog, blocking };
}

function git(args: string[], cwd: string): Buffer {
  return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1024 * 1024 * 1024 });
}

function isCommit(rev: string, cwd: string): boolean {
  if (rev === '' || rev.startsWith('-')) return false;
  try {
    git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd);
    return true;
  } catch {
    return false;
  }
}

/** `rev` or `rev:path`; paths are relative to the working directory, as git reads `rev:./path`. */
function parseRevision(spec: string, cwd: string): { rev: string; path: string | undefined } {
  if (isCommit(spec, cwd)) return { rev: spec, path: undefined };
  const colon = spec.indexOf(':');
  if (colon > 0 && isCommit(spec.slice(0, colon), cwd)) {
    return { rev: spec.slice(0, colon), path: posix.normalize(spec.slice(colon + 1).replace(/\\/g, '/') || '.').replace(/\/$/, '') };
  }
  throw new SideError(spec);
}

/** Files of a revision under a path, relative to the working directory (none for a path outside the repository). */
function listTree(rev: string, path: string, cwd: string): string[] {
  try {
    return git(['ls-tree', '-r', '-z', '--name-only', rev, '--', path], cwd)
      .toString('utf8')
      .split('\0')
      .filter((f) => f !== '');
  } catch {
    return [];
  }
}

function show(rev: string, file: string, cwd: string): Buffer | undefined {
  try {
    return git(['show', `${rev}:./${file}`], cwd);
  } catch {
    return undefined;
  }
}

function revisionCatalog(spec: string, cwd: string): Catalog {
  const { rev, path: given } = parseRevision(spec, cwd);
  // As on disk: the lists/ folder when there is one, else everything.
  const path = given ?? (listTree(rev, 'lists', cwd).length > 0 ? 'lists' : '.');
  const tree = listTree(rev, path, cwd);
  const isDir = !tree.includes(path);
  const diagnostics: Diagnostic[] = [];

  const configDirs = [isDir ? path : posix.dirname(path), '.'];
  let configText: { display: string; bytes: Buffer } | undefined;
  for (const dir of configDirs) {
    const file = posix.join(dir, CONFIG_FILE_NAME);
    const bytes = show(rev, file, cwd);
    if (bytes) {
      configText = { display: `${rev}:${file}`, bytes };
      break;
    }
  }
  const built = configText ? configFromBytes(configText.bytes, configText.display, configText.display) : loadConfig(undefined, cwd);
  const config = built.config;
  diagnostics.push(...built.diagnostics);

  const files: SourceFile[] = [];
  const lists = tree.filter((f) => /\.ya?ml$/i.test(f) && basename(f) !== CONFIG_FILE_NAME && !f.split('/').some((part) => part.startsWith('.') || part === 'node_modules'));
  if (lists.length === 0) diagnostics.push(makeDiagnostic('file', 'no-files', { path: spec }, undefined));
  for (const file of lists.sort()) {
    const display = `${rev}:${file}`;
    const bytes = show(rev, file, cwd) ?? Buffer.alloc(0);
    const where = { file: display, line: 1, column: 1, endLine: 1, endColumn: 1, pointer: '' };
    const decoded = decodeListFile(bytes);
    if (!decoded.ok) {
      files.push(new SourceFile(display, display, ''));
      diagnostics.push(makeDiagnostic('file', decoded.messageId, { ...decoded.data, path: display }, where));
      continue;
    }
    const parsed = parseListFile(display, display, decoded.text, built.kinds, config.limits);
    files.push(parsed.file);
    diagnostics.push(...parsed.diagnostics);
  }
  return link(validateProject({ cwd, paths: [path], config, kinds: built.kinds, files, diagnostics }));
}
