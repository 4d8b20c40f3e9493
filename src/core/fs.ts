/**
 * Writing without losing anything: write to a temporary file beside the
 * target, flush it, then rename over the target in one step, so a reader sees
 * either the old file or the new one, never half of one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';

let counter = 0;

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  try {
    const fd = openSync(tmp, 'wx');
    try {
      if (typeof data === 'string') writeSync(fd, data, null, 'utf8');
      else writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** `name` joined under `root`, refusing anything that would land outside it. */
export function safeJoin(root: string, ...parts: string[]): string {
  const base = resolve(root);
  const target = resolve(base, ...parts);
  const rel = relative(base, target);
  if (rel === '' || rel.startsWith('..' + sep) || rel === '..' || isAbsolute(rel)) {
    throw new Error(`path escapes its folder: ${parts.join('/')}`);
  }
  return target;
}

/** A file name from free text (a department's name): no separators, no control characters, no leading dots. */
export function safeFileName(text: string, fallback = 'untitled'): string {
  const cleaned = text
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 100)
    .replace(/[.\s]+$/, '');
  if (cleaned === '') return fallback;
  // Names Windows reserves for devices, with or without an extension.
  return /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i.test(cleaned) ? `_${cleaned}` : cleaned;
}
