/**
 * Writing without losing anything: write to a temporary file beside the
 * target, flush it, then rename over the target in one step, so a reader sees
 * either the old file or the new one, never half of one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
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

/**
 * Flush every file under `root`, then every folder (the deepest first), to
 * the disk: a folder renamed into place afterwards holds whole files even if
 * the power fails just after. One pass at the end costs far less than a flush
 * per file as it is written, and the files are flushed in parallel (libuv's
 * thread pool runs a few at a time), which the disk takes well.
 */
export async function syncTree(root: string): Promise<void> {
  const files: string[] = [];
  const folders: string[] = [];
  const walk = (folder: string) => {
    folders.push(folder);
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  walk(root);
  await Promise.all(files.map(syncFile));
  for (const folder of folders.reverse()) syncFolder(folder);
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flush a folder's entries (files created or renamed in it) to the disk.
 * Windows cannot open a folder to flush it; NTFS journals its entries.
 */
export function syncFolder(path: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
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
