import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeFileName, safeJoin, writeFileAtomic } from '../../src/core/fs.js';

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
});
