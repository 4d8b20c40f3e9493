/**
 * Safe writes (writeFileAtomic and the commands that write one file): a
 * symbolic link stays a link and its target gets the new content; the file
 * keeps its permission bits; `import` without --force creates its output in
 * one step that fails if the name exists, even when the file appeared after
 * the early check; `fmt` leaves a file alone that was saved while it worked.
 * Real files in a temporary folder, no mocks of fs.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FileChangedError, writeFileAtomic, writeFileAtomicWith } from '../../src/core/fs.js';
import { renderMessage } from '../../src/core/messages.js';
import { writeFormatted } from '../../src/fmt/index.js';
import { runCli } from '../helpers/cli.js';
import { toCsv } from '../helpers/legacy.js';
import { writeTree } from '../helpers/tree.js';

const windows = process.platform === 'win32';
const BIN = fileURLToPath(new URL('../../bin/qingdan.js', import.meta.url));

const MESSY = 'entries:\n  - category: 广告\n    code: "SCJG-RC-001"\nkind: leniency\n';
const CANONICAL = 'kind: leniency\nentries:\n  - code: SCJG-RC-001\n    category: 广告\n';
const CSV = toCsv([
  ['编号', '类别', '违法行为', '违反条款', '处罚依据', '处理方式', '适用条件', '法律依据', '实施部门'],
  ['SCJG-RC-001', '广告', '广告中使用“国家级”用语', '《广告法》第九条', '《广告法》第五十七条', '不予处罚', '首次违法、及时改正', '《行政处罚法》第三十三条第一款', '区市场监管局'],
]);
const PRECIOUS = '# 部门手工维护的文件，请勿覆盖\nkind: leniency\nentries: []\n';

/** Names in a folder that look like an atomic write's temporary file. */
const temporaries = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));
const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(windows)('a symbolic link stays a link', () => {
  it('writeFileAtomic writes the link’s target, and the temporary file beside the target', () => {
    const root = writeTree({ 'shared/list.yaml': 'old\n', 'dept/.keep': '' });
    const link = join(root, 'dept', 'list.yaml');
    symlinkSync('../shared/list.yaml', link);
    writeFileAtomic(link, 'new\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('../shared/list.yaml');
    expect(readFileSync(join(root, 'shared/list.yaml'), 'utf8')).toBe('new\n');
    expect([...temporaries(join(root, 'dept')), ...temporaries(join(root, 'shared'))]).toEqual([]);
  });

  it('through a chain of links, and to a link whose target does not exist yet', () => {
    const root = writeTree({ 'real/a.yaml': 'old\n' });
    symlinkSync(join(root, 'real/a.yaml'), join(root, 'b.yaml'));
    symlinkSync('b.yaml', join(root, 'c.yaml'));
    writeFileAtomic(join(root, 'c.yaml'), 'new\n');
    expect(readFileSync(join(root, 'real/a.yaml'), 'utf8')).toBe('new\n');
    expect(lstatSync(join(root, 'b.yaml')).isSymbolicLink() && lstatSync(join(root, 'c.yaml')).isSymbolicLink()).toBe(true);

    symlinkSync('real/later.yaml', join(root, 'dangling.yaml'));
    writeFileAtomic(join(root, 'dangling.yaml'), 'first\n');
    expect(lstatSync(join(root, 'dangling.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'real/later.yaml'), 'utf8')).toBe('first\n');
  });

  it('qingdan fmt formats a symlinked list file in its target and keeps the link', async () => {
    const root = writeTree({ 'shared/leniency.yaml': MESSY, 'lists/market/.keep': '' });
    const link = join(root, 'lists/market/leniency.yaml');
    symlinkSync('../../shared/leniency.yaml', link);
    const r = await runCli(['fmt', 'lists'], root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('已格式化 lists/market/leniency.yaml\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'shared/leniency.yaml'), 'utf8')).toBe(CANONICAL);
    expect(temporaries(join(root, 'lists/market'))).toEqual([]);
  });
});

// Windows has no Unix permission bits to keep.
describe.skipIf(windows)('the permission bits are kept', () => {
  it('a 0600 file stays 0600 and a 0664 file 0664, a 0444 file 0444; a new file gets the default', () => {
    const root = writeTree({ 'private.txt': 'a', 'shared.txt': 'a', 'readonly.txt': 'a' });
    for (const [name, bits] of [['private.txt', 0o600], ['shared.txt', 0o664], ['readonly.txt', 0o444]] as const) {
      const path = join(root, name);
      chmodSync(path, bits);
      writeFileAtomic(path, 'b');
      expect(readFileSync(path, 'utf8')).toBe('b');
      expect(mode(path).toString(8), name).toBe(bits.toString(8));
    }
    writeFileSync(join(root, 'plain.txt'), 'x');
    writeFileAtomic(join(root, 'new.txt'), 'x');
    expect(mode(join(root, 'new.txt'))).toBe(mode(join(root, 'plain.txt')));
  });

  it('through a link, the target’s bits; and for a file written by another library (the diff workbook)', async () => {
    const root = writeTree({ 'target.txt': 'a' });
    chmodSync(join(root, 'target.txt'), 0o640);
    symlinkSync('target.txt', join(root, 'link.txt'));
    writeFileAtomic(join(root, 'link.txt'), 'b');
    expect(mode(join(root, 'target.txt'))).toBe(0o640);
    await writeFileAtomicWith(join(root, 'link.txt'), async (tmp) => writeFileSync(tmp, 'c'));
    expect(readFileSync(join(root, 'target.txt'), 'utf8')).toBe('c');
    expect(mode(join(root, 'target.txt'))).toBe(0o640);
    expect(lstatSync(join(root, 'link.txt')).isSymbolicLink()).toBe(true);
  });

  it('qingdan fmt keeps a 0600 list file 0600', async () => {
    const root = writeTree({ 'lists/a.yaml': MESSY });
    chmodSync(join(root, 'lists/a.yaml'), 0o600);
    const r = await runCli(['fmt'], root);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(root, 'lists/a.yaml'), 'utf8')).toBe(CANONICAL);
    expect(mode(join(root, 'lists/a.yaml'))).toBe(0o600);
  });
});

describe('an exclusive write creates its file or fails, in one step', () => {
  it('fails with EEXIST on an existing file, leaving its bytes and inode, and no temporary file', () => {
    const root = writeTree({ 'out.yaml': PRECIOUS });
    const path = join(root, 'out.yaml');
    const before = statSync(path);
    expect(() => writeFileAtomic(path, 'new', { exclusive: true })).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(readFileSync(path, 'utf8')).toBe(PRECIOUS);
    expect(statSync(path).ino).toBe(before.ino);
    expect(readdirSync(root)).toEqual(['out.yaml']);
  });

  it.skipIf(windows)('fails on a link to an existing file too, and creates a file that does not exist', () => {
    const root = writeTree({ 'real.yaml': PRECIOUS });
    symlinkSync('real.yaml', join(root, 'link.yaml'));
    expect(() => writeFileAtomic(join(root, 'link.yaml'), 'new', { exclusive: true })).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(readFileSync(join(root, 'real.yaml'), 'utf8')).toBe(PRECIOUS);
    writeFileAtomic(join(root, 'sub/fresh.yaml'), '新', { exclusive: true });
    expect(readFileSync(join(root, 'sub/fresh.yaml'), 'utf8')).toBe('新');
    expect(readdirSync(join(root, 'sub'))).toEqual(['fresh.yaml']);
  });

  it('qingdan import refuses an existing output in zh and en, and --force replaces it', async () => {
    const root = writeTree({ 'rc.csv': CSV, 'out.yaml': PRECIOUS });
    const zh = await runCli(['import', 'rc.csv', '--kind', 'leniency', '--out', 'out.yaml'], root);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('out.yaml 已存在；加 --force 覆盖');
    const en = await runCli(['--lang', 'en', 'import', 'rc.csv', '--kind', 'leniency', '--out', 'out.yaml'], root);
    expect(en.stderr).toContain('out.yaml exists; add --force to overwrite it');
    expect(readFileSync(join(root, 'out.yaml'), 'utf8')).toBe(PRECIOUS);
    const force = await runCli(['import', 'rc.csv', '--kind', 'leniency', '--out', 'out.yaml', '--force'], root);
    expect(force.code, force.stderr).toBe(0);
    expect(readFileSync(join(root, 'out.yaml'), 'utf8')).toContain('SCJG-RC-001');
  });

  // The spreadsheet is a named pipe: the child process has made its early check (the output is absent)
  // once it opens the pipe to read it, and cannot go on until the test writes the spreadsheet.
  it.skipIf(windows)('qingdan import leaves alone an output created between its check and its write', async () => {
    const root = writeTree({});
    execFileSync('mkfifo', [join(root, 'rc.csv')]);
    const child = spawn(process.execPath, [BIN, 'import', 'rc.csv', '--kind', 'leniency', '--out', 'out.yaml'], { cwd: root, env: { ...process.env, QINGDAN_LANG: 'zh' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('close', done));
    const pipe = await open(join(root, 'rc.csv'), 'w');
    writeFileSync(join(root, 'out.yaml'), PRECIOUS);
    await pipe.writeFile(CSV);
    await pipe.close();
    expect(await exited, stderr).toBe(2);
    expect(stderr).toContain('out.yaml 已存在；加 --force 覆盖');
    expect(readFileSync(join(root, 'out.yaml'), 'utf8')).toBe(PRECIOUS);
    expect(temporaries(root)).toEqual([]);
  });
});

describe('fmt keeps an edit saved while it formatted', () => {
  it('writeFileAtomic with ifUnchanged writes when the file holds what was read, and refuses when it does not', () => {
    const root = writeTree({ 'a.yaml': 'read\n' });
    const path = join(root, 'a.yaml');
    const read = readFileSync(path);
    writeFileSync(path, 'saved in the editor\n');
    expect(() => writeFileAtomic(path, 'formatted\n', { ifUnchanged: read })).toThrow(FileChangedError);
    expect(readFileSync(path, 'utf8')).toBe('saved in the editor\n');
    expect(readdirSync(root)).toEqual(['a.yaml']);
    writeFileAtomic(path, 'formatted\n', { ifUnchanged: readFileSync(path) });
    expect(readFileSync(path, 'utf8')).toBe('formatted\n');
  });

  it('writeFormatted keeps the saved edit and says so; fmt tells the user in zh and en to run it again', () => {
    const root = writeTree({ 'lists/a.yaml': MESSY });
    const path = join(root, 'lists/a.yaml');
    const read = readFileSync(path);
    const edited = MESSY.replace('广告', '广告宣传');
    writeFileSync(path, edited);
    expect(writeFormatted(path, read, CANONICAL)).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(edited);
    expect(readdirSync(join(root, 'lists'))).toEqual(['a.yaml']);
    expect(writeFormatted(path, readFileSync(path), CANONICAL)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(CANONICAL);
    expect(renderMessage('fmt', 'changed-meanwhile', {}, 'zh')).toContain('格式化期间文件被修改');
    expect(renderMessage('fmt', 'changed-meanwhile', {}, 'en')).toContain('Run qingdan fmt again');
  });

  it('a file fmt cannot write is reported in zh and en and left as it was; the other files are still formatted', async () => {
    // A name so long that the temporary file beside it cannot be created (ENAMETOOLONG): a write that fails even for root.
    const long = `${'清'.repeat(80)}.yaml`;
    const root = writeTree({ [`lists/${long}`]: MESSY, 'lists/other.yaml': MESSY });
    for (const [lang, text] of [['zh', '无法写入格式化结果，文件未改动'], ['en', 'Could not write the formatted file']] as const) {
      const r = await runCli(['fmt', 'lists', '--lang', lang], root);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(text);
      expect(r.stderr).toContain('fmt');
      expect(r.stderr).not.toMatch(/内部错误|internal error/i);
      expect(readFileSync(join(root, 'lists', long), 'utf8')).toBe(MESSY);
      expect(readFileSync(join(root, 'lists/other.yaml'), 'utf8')).toBe(CANONICAL);
      expect(temporaries(join(root, 'lists'))).toEqual([]);
    }
  });

  it('a file removed meanwhile is not written back', () => {
    const root = writeTree({});
    mkdirSync(join(root, 'lists'));
    const path = join(root, 'lists/gone.yaml');
    expect(writeFormatted(path, Buffer.from(MESSY), CANONICAL)).toBe(false);
    expect(readdirSync(join(root, 'lists'))).toEqual([]);
  });
});

describe('diff --out and schema write the same safe way', () => {
  const LISTS = { 'a/x.yaml': CANONICAL, 'b/x.yaml': CANONICAL.replace('广告', '广告宣传') };

  it.skipIf(windows)('through a symbolic link, keeping the link and the mode, for text and workbook', async () => {
    const root = writeTree({ ...LISTS, 'shared/changes.json': '', 'shared/changes.xlsx': '' });
    for (const format of ['json', 'xlsx']) {
      chmodSync(join(root, `shared/changes.${format}`), 0o600);
      symlinkSync(`shared/changes.${format}`, join(root, `changes.${format}`));
      const r = await runCli(['diff', 'a', 'b', '--format', format, '--out', `changes.${format}`], root);
      expect(r.code, r.stderr).toBe(0);
      expect(lstatSync(join(root, `changes.${format}`)).isSymbolicLink(), format).toBe(true);
      expect(statSync(join(root, `shared/changes.${format}`)).size, format).toBeGreaterThan(0);
      expect(mode(join(root, `shared/changes.${format}`)), format).toBe(0o600);
    }
    expect([...temporaries(root), ...temporaries(join(root, 'shared'))]).toEqual([]);
  });

  it('name an output they cannot write (a folder in its place, a file in the way) in zh and en, exit 2, not an internal error', async () => {
    const root = writeTree({ ...LISTS, 'out.json/keep': '', schemas: 'a file' });
    const zh = await runCli(['diff', 'a', 'b', '--format', 'json', '--out', 'out.json'], root);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('qingdan: 无法写入 out.json：');
    const en = await runCli(['--lang', 'en', 'diff', 'a', 'b', '--format', 'xlsx', '--out', 'out.json'], root);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('qingdan: Cannot write out.json: ');
    const schema = await runCli(['schema', '--lists', 'a'], root);
    expect(schema.code).toBe(2);
    expect(schema.stderr).toContain('无法写入');
    for (const r of [zh, en, schema]) expect(r.stderr).not.toMatch(/内部错误|internal error/);
    expect(readFileSync(join(root, 'schemas'), 'utf8')).toBe('a file');
    expect(temporaries(root)).toEqual([]);
  });
});
