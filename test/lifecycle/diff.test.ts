/**
 * qingdan diff between two git revisions of a test repository (git init in a
 * temporary folder): one entry added, one removed, one changed and one
 * renumbered; in every output format. The 修订对照表 workbook is read back
 * with exceljs, and opened in LibreOffice when it is installed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/tree.js';
import { run } from './run.js';

const DEPARTMENTS = `kind: departments
entries:
  - id: market
    name: 北京市大兴区市场监督管理局
    short_name: 区市场监管局
`;

const CONFIG = `edition:
  title: 北京市大兴区事中事后监管清单
  edition: 第一版
  date: 2026-01-01
`;

const item = (code: string, name: string, extra = '') => `  - code: '${code}'
    main_name: 对食品经营活动的监督检查
    name: ${name}
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
${extra}`;

const BEFORE = `kind: items
department: market
entries:
${item('11000000000001', '对餐饮服务提供者的监督检查')}${item('11000000000002', '对食品销售经营者的监督检查')}${item('11000000000003', '对<script>alert(1)</script>的监督检查')}${item('11000000000004', '对食用农产品市场的监督检查', '    remarks: 含“集中交易市场”，不含超市。\n')}`;

// 0001 unchanged; 0002 changed (level, basis); 0003 removed; 0004 renumbered to 0009
// (a full-width comma folds to the same content); 0005 added.
const AFTER = `kind: items
department: 区市场监管局
entries:
${item('11000000000001', '对餐饮服务提供者的监督检查')}  - code: '11000000000002'
    main_name: 对食品经营活动的监督检查
    name: 对食品销售经营者的监督检查
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条、第一百一十三条
    level: 市级
${item('11000000000009', '对食用农产品市场的监督检查', '    remarks: 含“集中交易市场”,不含超市。\n')}${item('11000000000005', '对网络食品交易第三方平台的监督检查')}`;

let repo: string;

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=测试', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

beforeAll(() => {
  repo = writeTree({ 'lists/qingdan.config.yaml': CONFIG, 'lists/departments.yaml': DEPARTMENTS, 'lists/market/items.yaml': BEFORE, 'README.md': '# test\n' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'first edition');
  git('tag', 'v1');
  writeFileSync(join(repo, 'lists/market/items.yaml'), AFTER);
  writeFileSync(join(repo, 'lists/qingdan.config.yaml'), CONFIG.replace('第一版', '第二版'));
  git('commit', '-q', '-am', 'second edition');
});

describe('diff between git revisions', () => {
  it('shows added, removed, changed and renumbered entries (text)', async () => {
    const r = await run(['diff', 'HEAD~1', 'HEAD'], repo);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`监管事项目录清单
  ~ 修改  11000000000002  对食品销售经营者的监督检查
      设定依据
        - 《中华人民共和国食品安全法》第一百一十条
        + 《中华人民共和国食品安全法》第一百一十条、第一百一十三条
      实施层级
        - 区级
        + 市级
  ↻ 重新编号  11000000000004 → 11000000000009  对食用农产品市场的监督检查
      子项编码
        - 11000000000004
        + 11000000000009
      备注
        - 含“集中交易市场”，不含超市。
        + 含“集中交易市场”,不含超市。
  + 新增  11000000000005  对网络食品交易第三方平台的监督检查
  - 删除  11000000000003  对<script>alert(1)</script>的监督检查

4 处修订（HEAD~1 → HEAD）：新增 1，删除 1，修改 1，重新编号 1
`);
  });

  it('reads rev:path, tags, and a folder against a revision; --exit-code', async () => {
    const tagged = await run(['diff', 'v1:lists', 'HEAD:lists', '--exit-code'], repo);
    expect(tagged.code).toBe(1);
    expect(tagged.stdout).toContain('4 处修订（v1:lists → HEAD:lists）');
    const same = await run(['diff', 'HEAD', 'lists', '--exit-code'], repo);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain('没有差异');
    const sub = await run(['diff', 'HEAD~1:.', 'HEAD:.', '--format', 'json'], join(repo, 'lists'));
    expect((JSON.parse(sub.stdout) as { counts: unknown }).counts).toEqual({ added: 1, removed: 1, changed: 1, renumbered: 1 });
    const english = await run(['--lang', 'en', 'diff', 'HEAD~1', 'HEAD'], repo);
    expect(english.stdout).toContain('↻ renumbered  11000000000004 → 11000000000009');
  });

  it('exits 2 for a side that is neither a path nor a revision, or whose lists do not parse', async () => {
    const r = await run(['diff', 'no-such-rev', 'HEAD'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('既不是已有的文件或目录，也不是 git 修订版本');
    const empty = await run(['diff', 'HEAD:nope', 'HEAD'], repo);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('HEAD:nope');
    const broken = writeTree({ 'lists/a.yaml': 'kind: items\nentries: [\n' });
    const b = await run(['diff', 'lists', 'lists'], broken);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('无法读取');
  });

  it('writes JSON', async () => {
    const r = await run(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], repo);
    const report = JSON.parse(r.stdout) as { counts: Record<string, number>; changes: { type: string; oldKey?: string; newKey?: string; fields: { field: string; before: unknown; after: unknown }[] }[] };
    expect(report.counts).toEqual({ added: 1, removed: 1, changed: 1, renumbered: 1 });
    expect(report.changes.map((c) => [c.type, c.oldKey, c.newKey])).toEqual([
      ['changed', '11000000000002', '11000000000002'],
      ['renumbered', '11000000000004', '11000000000009'],
      ['added', undefined, '11000000000005'],
      ['removed', '11000000000003', undefined],
    ]);
    expect(report.changes[0]!.fields).toEqual([
      { field: 'basis', title: '设定依据', before: '《中华人民共和国食品安全法》第一百一十条', after: '《中华人民共和国食品安全法》第一百一十条、第一百一十三条' },
      { field: 'level', title: '实施层级', before: '区级', after: '市级' },
    ]);
  });

  it('writes an HTML page with every text escaped', async () => {
    const r = await run(['diff', 'HEAD~1', 'HEAD', '--format', 'html', '--out', 'out/对照表.html'], repo);
    expect(r.code).toBe(0);
    const html = readFileSync(join(repo, 'out/对照表.html'), 'utf8');
    expect(html).toContain('<title>北京市大兴区事中事后监管清单修订对照表</title>');
    expect(html).toContain('对&lt;script&gt;alert(1)&lt;/script&gt;的监督检查');
    expect(html).not.toContain('<script>');
    expect(html.match(/<tr>/g)).toHaveLength(5);
    expect(html).toContain('修订前：第一版；修订后：第二版。');
  });

  it('writes the 修订对照表 workbook in the look of the attachments, and reads it back', async () => {
    const r = await run(['diff', 'HEAD~1', 'HEAD', '--format', 'xlsx', '--out', '修订对照表.xlsx'], repo);
    expect(r.code, r.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(repo, '修订对照表.xlsx'));
    const ws = workbook.worksheets[0]!;
    expect(ws.name).toBe('修订对照表');
    expect(ws.getCell('A1').value).toBe('北京市大兴区事中事后监管清单修订对照表');
    expect(ws.model.merges).toContain('A1:F1');
    const rows: unknown[][] = [];
    for (let r = 2; r <= 6; r++) rows.push((ws.getRow(r).values as unknown[]).slice(1));
    expect(rows[0]).toEqual(['序号', '清单', '事项', '修订前', '修订后', '修订类型']);
    expect(rows.slice(1).map((row) => [row[0], row[2], row[5]])).toEqual([
      [1, '对食品销售经营者的监督检查（11000000000002）', '修改'],
      [2, '对食用农产品市场的监督检查（11000000000009）', '重新编号'],
      [3, '对网络食品交易第三方平台的监督检查（11000000000005）', '新增'],
      [4, '对<script>alert(1)</script>的监督检查（11000000000003）', '删除'],
    ]);
    expect(rows[1]![3]).toBe('【设定依据】《中华人民共和国食品安全法》第一百一十条\n【实施层级】区级');
    expect(rows[1]![4]).toBe('【设定依据】《中华人民共和国食品安全法》第一百一十条、第一百一十三条\n【实施层级】市级');
    expect(rows[3]![3]).toBeUndefined();
    expect(String(rows[3]![4])).toContain('【子项编码】11000000000005\n【主项名称】对食品经营活动的监督检查');
    // The 清单 column is merged down like a category column.
    expect(ws.model.merges).toContain('B3:B6');
    expect(ws.getCell('D3').border?.top?.style).toBe('thin');
    expect(ws.getCell('D3').alignment?.wrapText).toBe(true);
    expect(ws.pageSetup.orientation).toBe('landscape');
    const notes = [ws.getCell('A8').value, ws.getCell('A9').value, ws.getCell('A10').value];
    expect(notes).toEqual(['备注：', '1．修订前：第一版；修订后：第二版。', '2．共4处修订：新增1处，删除1处，修改1处，重新编号1处。']);

    // Reproducible: the same editions give the same bytes.
    await run(['diff', 'HEAD~1', 'HEAD', '--format', 'xlsx', '--out', 'again.xlsx'], repo);
    expect(readFileSync(join(repo, 'again.xlsx')).equals(readFileSync(join(repo, '修订对照表.xlsx')))).toBe(true);
  });

  it('needs --out for xlsx', async () => {
    expect((await run(['diff', 'HEAD~1', 'HEAD', '--format', 'xlsx'], repo)).code).toBe(2);
  });

  const soffice = ['soffice', 'libreoffice'].find((bin) => {
    try {
      execFileSync('which', [bin], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  it.skipIf(!soffice)('opens in LibreOffice', async () => {
    await run(['diff', 'HEAD~1', 'HEAD', '--format', 'xlsx', '--out', 'lo.xlsx'], repo);
    const out = mkdtempSync(join(tmpdir(), 'qingdan-lo-'));
    try {
      // CSV filter options: comma, double quote, UTF-8 (76), first line 1.
      const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1';
      execFileSync(soffice!, ['--headless', '--convert-to', filter, '--outdir', out, join(repo, 'lo.xlsx')], { stdio: 'ignore', timeout: 120_000 });
      expect(readFileSync(join(out, 'lo.csv'), 'utf8')).toContain('重新编号');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});

it('has a repository to compare', () => {
  expect(existsSync(join(repo, '.git'))).toBe(true);
});
