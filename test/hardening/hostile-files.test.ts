/**
 * Hostile and broken files, through the CLI as a user runs it: each gets a
 * clear message (asserted) and the right exit code, never a stack trace.
 */
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { DEPARTMENTS, writeTree } from '../helpers/tree.js';

async function validate(files: Record<string, string | Uint8Array>, ...args: string[]) {
  const root = writeTree(files);
  const run = await runCli(['validate', '--format', 'json', ...args], root);
  const report = run.stdout ? (JSON.parse(run.stdout) as { diagnostics: { ruleId: string; messageId: string; message: string; line?: number }[] }) : { diagnostics: [] };
  expect(run.stderr).not.toMatch(/at .+\.(js|ts):\d+/);
  return { ...run, report, ids: report.diagnostics.map((d) => `${d.ruleId}/${d.messageId}`) };
}

describe('hostile YAML', () => {
  it('an alias bomb is stopped, named, and costs nothing', async () => {
    const lines = ['kind: departments', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    lines.push('entries: []');
    const r = await validate({ 'lists/bomb.yaml': lines.join('\n') });
    expect(r.code).toBe(1);
    expect(r.ids).toEqual(['yaml/alias-bomb']);
    expect(r.report.diagnostics[0]!.message).toContain('别名炸弹');
  });

  it('deep nesting is one message naming the limit', async () => {
    const r = await validate({ 'lists/deep.yaml': `kind: departments\nentries:\n  - id: ${'['.repeat(5000)}${']'.repeat(5000)}\n` });
    expect(r.code).toBe(1);
    expect(r.ids).toEqual(['yaml/too-deep']);
    expect(r.report.diagnostics[0]!.message).toContain('limits.max_depth');
  });

  it('a 50 MB single string is refused by the value-length limit, naming it', async () => {
    const big = '食'.repeat(17 * 1024 * 1024);
    const r = await validate({ 'lists/big.yaml': `kind: departments\nentries:\n  - id: big\n    name: ${big}\n    short_name: 区大局\n` });
    expect(r.code).toBe(1);
    expect(r.ids).toEqual(['yaml/value-too-long']);
    expect(r.report.diagnostics[0]!.message).toContain('limits.max_value_length');
  });

  it('a file over the size limit is refused before it is read', async () => {
    const r = await validate(
      { 'lists/qingdan.config.yaml': 'limits:\n  max_file_bytes: 1000\n', 'lists/departments.yaml': DEPARTMENTS + '#'.repeat(2000) + '\n' },
    );
    expect(r.code).toBe(1);
    expect(r.ids).toEqual(['file/too-large']);
    expect(r.report.diagnostics[0]!.message).toContain('limits.max_file_bytes');
  });

  it('very long lines are read, and the code frame is cut around the column', async () => {
    const long = `kind: departments\nentries:\n  - { id: ok, name: ${'长'.repeat(20000)}, short_name: 区长局, role: 组长 }\n`;
    const root = writeTree({ 'lists/long.yaml': long });
    const r = await runCli(['validate'], root);
    expect(r.code).toBe(1);
    const frame = r.stdout.split('\n').find((l) => l.includes('> 3 |'))!;
    expect(frame.length).toBeLessThan(400);
    expect(frame).toContain('组长');
  });
});

describe('files that are not YAML lists', () => {
  it('binary, UTF-16 and GBK files are named, with how to convert', async () => {
    const gbk = Buffer.concat([Buffer.from('kind: departments\nentries:\n  - id: a\n    name: '), Buffer.from([0xbc, 0xec, 0xb2, 0xe9]), Buffer.from('\n')]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: departments\n', 'utf16le')]);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
    const r = await validate({ 'lists/a.yaml': gbk, 'lists/b.yaml': utf16, 'lists/c.yaml': png });
    expect(r.code).toBe(1);
    expect(r.ids).toEqual(['file/not-utf8', 'file/utf16', 'file/binary']);
    const [gb, u16, bin] = r.report.diagnostics.map((d) => d.message);
    expect(gb).toContain('iconv -f GB18030 -t UTF-8');
    expect(u16).toContain('UTF-16LE');
    expect(bin).toContain('不是文本文件');
  });

  it('a BOM and CRLF line ends are accepted', async () => {
    const r = await validate({ 'lists/d.yaml': '\ufeff' + DEPARTMENTS.replace(/\n/g, '\r\n') });
    expect(r.ids).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('a file that is not a list, and one without kind, are named', async () => {
    const r = await validate({ 'lists/a.yaml': '- 这不是清单\n', 'lists/b.yaml': 'entries: []\n' });
    expect(r.code).toBe(1);
    expect(r.ids).toEqual(['list/not-a-mapping', 'list/missing-kind']);
    expect(r.report.diagnostics[1]!.message).toContain('缺少 kind:');
  });

  it('an empty tree is a usage error (exit 2), named', async () => {
    const root = writeTree({ 'lists/README.txt': '' });
    const r = await runCli(['check'], root);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('没有找到清单文件');
  });
});

describe('the file system', () => {
  it('a symbolic link loop under lists/ is reported and not followed forever', async () => {
    const root = writeTree({ 'lists/departments.yaml': DEPARTMENTS });
    mkdirSync(join(root, 'lists/sub'));
    symlinkSync('..', join(root, 'lists/sub/loop'));
    const r = await runCli(['validate', '--format', 'json'], root);
    const ids = (JSON.parse(r.stdout) as { diagnostics: { ruleId: string; messageId: string }[] }).diagnostics.map((d) => `${d.ruleId}/${d.messageId}`);
    expect(ids).toEqual(['file/symlink-loop']);
    expect(r.code).toBe(0);
  });

  it('a list path that cannot be read as a file is an I/O error (exit 2)', async () => {
    const root = writeTree({ 'lists/departments.yaml': DEPARTMENTS });
    mkdirSync(join(root, 'lists/odd.yaml'));
    mkdirSync(join(root, 'lists/odd.yaml/inner'));
    const r = await runCli(['validate', 'lists/departments.yaml', 'lists/odd.yaml/inner'], root);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('没有找到清单文件');
  });

  // Root reads any file, so as root the CLI runs as the unprivileged user nobody,
  // which needs to reach this checkout (not so in a private folder).
  const binPath = new URL('../../bin/qingdan.js', import.meta.url).pathname;
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const mainPath = new URL('../../build/cli/main.js', import.meta.url).pathname;
  const reachable = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(binPath)}); require('fs').accessSync(${JSON.stringify(mainPath)})`], asNobody).status === 0;
  it.skipIf(!reachable)('an unreadable file is named with its reason (exit 2)', () => {
    const root = writeTree({ 'lists/departments.yaml': DEPARTMENTS, 'lists/b.yaml': DEPARTMENTS.replace(/market|health|city-command/g, (m) => `${m}2`) });
    for (const dir of [root, join(root, 'lists')]) chmodSync(dir, 0o755);
    chmodSync(join(root, 'lists/b.yaml'), 0o644);
    chmodSync(join(root, 'lists/departments.yaml'), 0);
    const r = spawnSync(process.execPath, [binPath, 'validate'], { cwd: root, encoding: 'utf8', ...asNobody });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toContain('lists/departments.yaml');
    expect(r.stdout).toContain('EACCES');
  });
});

describe('YAML 1.1 values and time zones', () => {
  const laws = `kind: laws\nentries:\n  - id: x\n    title: 中华人民共和国某法\n    short_titles: [no, on]\n    level: 法律\n    effective: 2021-07-15\n    articles: 010\n`;

  it('keeps no/on as text and dates as written, in any time zone', () => {
    const bin = new URL('../../bin/qingdan.js', import.meta.url).pathname;
    const root = writeTree({ 'lists/laws.yaml': laws });
    const outputs = ['Asia/Shanghai', 'America/Los_Angeles', 'UTC'].map((TZ) => {
      const run = spawnSync(process.execPath, [bin, 'build', '--out', `dist-${TZ.replace('/', '-')}`, '--quiet'], { cwd: root, env: { ...process.env, TZ }, encoding: 'utf8' });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      return run;
    });
    expect(outputs.length).toBe(3);
    const json = (tz: string) => spawnSync('cat', [join(root, `dist-${tz}`, 'manifest.json')], { encoding: 'utf8' }).stdout;
    expect(json('Asia-Shanghai')).toBe(json('America-Los_Angeles'));
  });

  it('reads 010 as the number 10 (YAML 1.2), never as octal 8', async () => {
    const { catalogOf } = await import('../helpers/tree.js');
    const law = catalogOf({ 'laws.yaml': laws }).entries('laws')[0]!;
    expect(law.data.articles).toBe(10);
    expect(law.data.short_titles).toEqual(['no', 'on']);
    expect(law.data.effective).toBe('2021-07-15');
  });
});
