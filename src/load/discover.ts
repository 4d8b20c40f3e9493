/**
 * Which files a run reads: every *.yaml / *.yml under the given paths, sorted,
 * skipping dot-folders, node_modules and the configuration file, following
 * symbolic links once (a link loop is reported, not followed forever).
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { makeDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { CONFIG_FILE_NAME } from '../config/index.js';

export interface DiscoveredFiles {
  files: string[];
  diagnostics: Diagnostic[];
}

const LIST_FILE = /\.ya?ml$/i;

export function discoverListFiles(paths: readonly string[], cwd: string): DiscoveredFiles {
  const files = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const visited = new Set<string>();
  const show = (p: string) => relative(cwd, p) || '.';
  const where = (p: string) => ({ file: show(p), line: 1, column: 1, endLine: 1, endColumn: 1, pointer: '' });

  const walk = (dir: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      diagnostics.push(makeDiagnostic('file', 'symlink-loop', { path: show(dir) }, where(dir)));
      return;
    }
    if (visited.has(real)) {
      diagnostics.push(makeDiagnostic('file', 'symlink-loop', { path: show(dir) }, where(dir), 'warning'));
      return;
    }
    visited.add(real);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (e) {
      diagnostics.push(makeDiagnostic('file', 'unreadable', { reason: (e as NodeJS.ErrnoException).code ?? String(e) }, where(dir)));
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const full = join(dir, name);
      let stat;
      try {
        stat = statSync(full);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        diagnostics.push(makeDiagnostic('file', code === 'ELOOP' ? 'symlink-loop' : 'unreadable', { path: show(full), reason: code ?? String(e) }, where(full)));
        continue;
      }
      if (stat.isDirectory()) walk(full);
      else if (LIST_FILE.test(name) && name !== CONFIG_FILE_NAME) files.add(full);
    }
  };

  for (const p of paths) {
    const abs = resolve(cwd, p);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      diagnostics.push(makeDiagnostic('file', 'not-found', { path: p }, undefined));
      continue;
    }
    if (stat.isDirectory()) {
      const before = files.size;
      walk(abs);
      if (files.size === before) diagnostics.push(makeDiagnostic('file', 'no-files', { path: p }, undefined));
    } else if (basename(abs) !== CONFIG_FILE_NAME) files.add(abs);
  }
  return { files: [...files].sort(), diagnostics };
}
