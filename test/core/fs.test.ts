import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { safeFileName, safeJoin, syncTree, writeFileAtomic } from '../../src/core/fs.js';

/** What was flushed to the disk (fsync), in order: the files through fs/promises, the folders through fs. */
const flushed = vi.hoisted(() => ({ paths: [] as string[] }));
/** Set to play a file system without hard links (FAT, some network shares): link() fails with EPERM. */
const noHardLinks = vi.hoisted(() => ({ on: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open = async (...args: Parameters<typeof actual.open>) => {
    const handle = await actual.open(...args);
    const sync = handle.sync.bind(handle);
    handle.sync = () => {
      flushed.paths.push(String(args[0]));
      return sync();
    };
    return handle;
  };
  return { ...actual, open, default: { ...actual, open } };
});

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const opened = new Map<number, string>();
  const openSync = (...args: Parameters<typeof actual.openSync>) => {
    const fd = actual.openSync(...args);
    opened.set(fd, String(args[0]));
    return fd;
  };
  const fsyncSync = (fd: number) => {
    flushed.paths.push(opened.get(fd) ?? `fd ${fd}`);
    return actual.fsyncSync(fd);
  };
  const linkSync = (...args: Parameters<typeof actual.linkSync>) => {
    if (noHardLinks.on) throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    return actual.linkSync(...args);
  };
  return { ...actual, openSync, fsyncSync, linkSync, default: { ...actual, openSync, fsyncSync, linkSync } };
});

describe('safe file names', () => {
  it('drops separators, control and bidi characters, leading and trailing dots', () => {
    expect(safeFileName('区市场监管局')).toBe('区市场监管局');
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('a\u202eb\u0000c')).toBe('abc');
    expect(safeFileName('...')).toBe('untitled');
    expect(safeFileName('name. ')).toBe('name');
  });
  it('avoids the device names Windows reserves', () => {
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('nul.xlsx')).toBe('_nul.xlsx');
    expect(safeFileName('COM1')).toBe('_COM1');
    expect(safeFileName('CONSOLE')).toBe('CONSOLE');
  });
  it('refuses a joined path that leaves its root', () => {
    expect(() => safeJoin('/srv/dist', '..', 'x')).toThrow(/escapes/);
    expect(() => safeJoin('/srv/dist', '/etc/passwd')).toThrow(/escapes/);
    expect(safeJoin('/srv/dist', 'departments', 'a.xlsx')).toBe('/srv/dist/departments/a.xlsx');
  });
});

describe('atomic writes', () => {
  it('replace the file whole and leave no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qingdan-fs-'));
    const file = join(dir, 'a.txt');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, '二');
    expect(readFileSync(file, 'utf8')).toBe('二');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('flush the file, then, once it has its name, its folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qingdan-fs-'));
    const file = join(dir, 'a.txt');
    for (const exclusive of [true, false]) {
      flushed.paths.length = 0;
      writeFileAtomic(file, exclusive ? 'one' : 'two', { exclusive });
      expect(flushed.paths).toHaveLength(2);
      expect(flushed.paths[0]).toMatch(/\.a\.txt\.\d+\.\d+\.tmp$/);
      expect(flushed.paths[1]).toBe(dir);
    }
  });

  it('create a file only where none is, also without hard links, and leave no temporary file', () => {
    for (const links of [true, false]) {
      noHardLinks.on = !links;
      try {
        const dir = mkdtempSync(join(tmpdir(), 'qingdan-fs-'));
        const file = join(dir, 'new.yaml');
        writeFileAtomic(file, '新的', { exclusive: true });
        expect(readFileSync(file, 'utf8')).toBe('新的');
        expect(() => writeFileAtomic(file, '又一个', { exclusive: true })).toThrow(expect.objectContaining({ code: 'EEXIST' }));
        expect(readFileSync(file, 'utf8')).toBe('新的');
        expect(readdirSync(dir)).toEqual(['new.yaml']);
      } finally {
        noHardLinks.on = false;
      }
    }
  });

  it('keep the mode, and the owner and group, of the file they replace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qingdan-fs-'));
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'one');
    chmodSync(file, 0o640);
    const asRoot = process.getuid?.() === 0;
    // Only root can give a file away; others keep their own (tested: the mode).
    if (asRoot) chownSync(file, 65534, 65534);
    writeFileAtomic(file, 'two');
    const after = statSync(file);
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(after.mode & 0o7777).toBe(0o640);
    if (asRoot) expect([after.uid, after.gid]).toEqual([65534, 65534]);
    else expect(after.uid).toBe(process.getuid?.());
  });
});

describe('flushing a folder to the disk', () => {
  it('flushes every file under it, then every folder, the deepest first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qingdan-sync-'));
    mkdirSync(join(dir, 'site', 'assets'), { recursive: true });
    const files = [join(dir, 'a.csv'), join(dir, 'site', 'index.html'), join(dir, 'site', 'assets', 'site.js')];
    for (const file of files) writeFileSync(file, 'x');
    flushed.paths = [];
    await syncTree(dir);
    expect(flushed.paths.slice(0, files.length).sort()).toEqual([...files].sort());
    // Windows cannot flush a folder.
    const folders = process.platform === 'win32' ? [] : [join(dir, 'site', 'assets'), join(dir, 'site'), dir];
    expect(flushed.paths.slice(files.length)).toEqual(folders);
  });
});
