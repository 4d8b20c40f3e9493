/**
 * Writing without losing anything: write to a temporary file beside the
 * target, flush it, then rename over the target in one step, so a reader sees
 * either the old file or the new one, never half of one. The file replaced
 * is a symbolic link's target (the link stays), and it keeps its mode, and
 * its owner and group where the writer may set them. Once the new file has
 * its name, the folder is flushed too, so that the rename itself survives a
 * power cut.
 */
import { closeSync, fchmodSync, fchownSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';

export interface WriteOptions {
  /**
   * Create the file, never replace one: fails with EEXIST if the name exists,
   * in the same step that puts the file in place (no check-then-write race).
   */
  exclusive?: boolean;
  /**
   * The bytes the file was read with: if it holds anything else just before
   * the replacement (an editor saved it meanwhile), nothing is written and a
   * FileChangedError is thrown.
   */
  ifUnchanged?: Uint8Array;
}

/** The file no longer holds what was read from it; it was left as it is. */
export class FileChangedError extends Error {
  constructor(readonly path: string) {
    super(`${path} changed while it was being rewritten`);
    this.name = 'FileChangedError';
  }
}

let counter = 0;

export function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  const { target, tmp } = temporaryFor(path);
  try {
    writeFileSync(tmp, data, { flag: 'wx' });
    putInPlace(tmp, target, options);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The same for a file another library writes by name (a workbook): `write` fills the temporary file. */
export async function writeFileAtomicWith(path: string, write: (tmp: string) => Promise<unknown>, options: WriteOptions = {}): Promise<void> {
  const { target, tmp } = temporaryFor(path);
  try {
    await write(tmp);
    putInPlace(tmp, target, options);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The file a write to `path` replaces (a symbolic link's target, so that the link stays a link), and a temporary name beside it. */
function temporaryFor(path: string): { target: string; tmp: string } {
  const target = realTarget(resolve(path));
  const dir = dirname(target);
  mkdirSync(dir, { recursive: true });
  return { target, tmp: join(dir, `.${basename(target)}.${process.pid}.${counter++}.tmp`) };
}

/** `path` with every symbolic link resolved; for a link to a file not there yet, the file it names. */
function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  // A link loop is ELOOP above, so this ends.
  if (!isLink(path)) return path;
  return realTarget(resolve(dirname(path), readlinkSync(path)));
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Flush the finished temporary file with the mode, owner and group of the
 * file it replaces (a 0600 list stays 0600; a list of a colleague's group
 * stays in that group), then replace or, when exclusive, create the target
 * with it, and flush the folder that now names it.
 */
function putInPlace(tmp: string, target: string, options: WriteOptions): void {
  const replaced = options.exclusive ? undefined : statOf(target);
  const fd = openSync(tmp, 'r+');
  try {
    if (replaced) {
      // Owner first: a change of owner clears the set-id bits, which the mode then puts back.
      keepOwner(fd, replaced);
      fchmodSync(fd, replaced.mode & 0o7777);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (options.exclusive) createFrom(tmp, target);
  else {
    // Checked as late as can be: what is left is the instant between this read and the rename.
    if (options.ifUnchanged && !holds(target, options.ifUnchanged)) throw new FileChangedError(target);
    renameSync(tmp, target);
  }
  try {
    syncFolder(dirname(target));
  } catch {
    // Some file systems cannot flush a folder (EINVAL): the file itself is whole either way.
  }
}

function statOf(path: string): { mode: number; uid: number; gid: number } | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The replaced file's owner and group, as far as the writer may set them:
 * root sets both; another user only a group they are in (else the file is
 * theirs and in their group, as any file they write).
 */
function keepOwner(fd: number, { uid, gid }: { uid: number; gid: number }): void {
  const ownUid = process.getuid?.();
  const ownGid = process.getgid?.();
  if (ownUid === undefined || (uid === ownUid && gid === ownGid)) return;
  try {
    fchownSync(fd, uid, gid);
  } catch {
    try {
      fchownSync(fd, ownUid, gid);
    } catch {
      // Not a group of the writer's.
    }
  }
}

function holds(path: string, bytes: Uint8Array): boolean {
  try {
    return readFileSync(path).equals(bytes);
  } catch {
    return false; // gone or unreadable: not what was read either
  }
}

/**
 * Give the finished file the name `target` only if nothing has it: a hard
 * link fails with EEXIST when the name exists, and is whole from the start.
 * Where the file system has no hard links (FAT, some network shares), the
 * name is claimed with an exclusive create and the finished file renamed over
 * that empty claim: still no check-then-write race, at the cost of an empty
 * file visible for an instant.
 */
function createFrom(tmp: string, target: string): void {
  try {
    linkSync(tmp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
    closeSync(openSync(target, 'wx'));
    try {
      renameSync(tmp, target);
    } catch (failed) {
      rmSync(target, { force: true }); // our own empty claim
      throw failed;
    }
    return;
  }
  rmSync(tmp, { force: true });
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
