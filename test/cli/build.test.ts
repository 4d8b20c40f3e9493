import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildError } from '../../src/emit/build.js';
import { listFiles } from '../../src/emit/manifest.js';
import type { Emitter } from '../../src/emit/types.js';
import { workbookEmitter } from '../../src/emit/xlsx/index.js';
import { runCli } from '../helpers/cli.js';
import { buildFixture, fixtureTree, ITEMS, readWorkbook } from '../emit/fixtures.js';

/** path → SHA-256 of every file under a folder. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of listFiles(dir).sort()) out[path] = createHash('sha256').update(readFileSync(join(dir, path))).digest('hex');
  return out;
}

/** What is beside the output folder other than the lists: leftovers of builds. */
function leftovers(root: string, name = 'dist'): string[] {
  return readdirSync(root).filter((f) => f.startsWith(`${name}.`));
}

/** What is in the folder besides the compile cache (which build keeps, as check does, in .qingdan-cache without node_modules). */
function publishedOrLists(root: string): string[] {
  return readdirSync(root).filter((f) => f !== '.qingdan-cache').sort();
}

const BROKEN_ITEMS = ITEMS.replace('department: 区卫生健康委', 'department: 区域指中心');

describe('qingdan build', () => {
  it('publishes a clean tree: workbooks, CSV, JSON and the manifest, with a summary line', async () => {
    const root = fixtureTree();
    const run = await runCli(['build'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = listFiles(join(root, 'dist'));
    for (const base of ['附件2-监管事项目录清单', '附件3-检查实施清单', '附件5-轻微违法行为容错纠错清单']) {
      for (const ext of ['xlsx', 'csv', 'json']) expect(files).toContain(`${base}.${ext}`);
    }
    expect(files).toContain('manifest.json');
    expect(run.stdout.trim()).toBe(`已写入 ${files.length} 个文件到 dist`);
    expect(leftovers(root)).toEqual([]);
  });

  it('says it in English with --lang en', async () => {
    const root = fixtureTree();
    const run = await runCli(['--lang', 'en', 'build', '--out', 'public'], root);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(`Wrote ${listFiles(join(root, 'public')).length} files to public`);
  });

  it('refuses a tree with errors: exit 1, the report, and the previous dist/ untouched', async () => {
    const root = fixtureTree();
    expect((await runCli(['build'], root)).code).toBe(0);
    const before = snapshot(join(root, 'dist'));
    writeFileSync(join(root, 'lists/market/items.yaml'), BROKEN_ITEMS);
    const run = await runCli(['build'], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('unknown-department');
    expect(run.stdout).toContain('区域指中心');
    expect(run.stdout).not.toContain('已写入');
    expect(snapshot(join(root, 'dist'))).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  });

  it('writes nothing at all for a tree with errors when there was no dist/ yet', async () => {
    const root = fixtureTree({ 'lists/market/items.yaml': BROKEN_ITEMS });
    expect((await runCli(['build'], root)).code).toBe(1);
    expect(publishedOrLists(root)).toEqual(['lists']);
  });

  it('builds over errors with --force, every output marked 草稿', async () => {
    const root = fixtureTree({ 'lists/market/items.yaml': BROKEN_ITEMS });
    const run = await runCli(['build', '--force'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('unknown-department');
    expect(run.stdout).toMatch(/已写入 \d+ 个文件到 dist（草稿）/);
    const manifest = JSON.parse(readFileSync(join(root, 'dist/manifest.json'), 'utf8'));
    expect(manifest.draft).toBe(true);
    expect(manifest.findings.error).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(root, 'dist/附件2-监管事项目录清单.json'), 'utf8')).draft).toBe(true);
    const workbook = await readWorkbook(join(root, 'dist/附件2-监管事项目录清单.xlsx'));
    expect(workbook.worksheets[0]!.getCell('A2').value).toBe('北京市大兴区监管事项目录清单（示例）（草稿）');
    expect(workbook.title).toContain('草稿');
  });

  it('is reproducible: two builds give byte-identical files', async () => {
    const root = fixtureTree();
    expect((await runCli(['build', '--out', 'one', '--by', 'department'], root)).code).toBe(0);
    expect((await runCli(['build', '--out', 'two', '--by', 'department'], root)).code).toBe(0);
    const one = snapshot(join(root, 'one'));
    expect(Object.keys(one).length).toBeGreaterThan(10);
    expect(snapshot(join(root, 'two'))).toEqual(one);
  });

  it('takes the timestamp from SOURCE_DATE_EPOCH when the edition has no date', async () => {
    const root = fixtureTree({ 'lists/qingdan.config.yaml': 'attachments: { items: 2 }\n' });
    const run = await runCli(['build'], root, { env: { SOURCE_DATE_EPOCH: '1767225600' } });
    expect(run.code).toBe(0);
    const workbook = await readWorkbook(join(root, 'dist/附件2-监管事项目录清单.xlsx'));
    expect(workbook.created.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(JSON.parse(readFileSync(join(root, 'dist/manifest.json'), 'utf8')).timestamp).toBe('2026-01-01T00:00:00.000Z');
  });

  it('shows progress on a terminal’s stderr only, and none with --quiet', async () => {
    const root = fixtureTree();
    const tty = await runCli(['build', '--out', 'a'], root, { tty: true });
    expect(tty.stderr).toContain('写入 附件2 … 4/4');
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect((await runCli(['build', '--out', 'b', '--quiet'], root, { tty: true })).stderr).toBe('');
    expect((await runCli(['build', '--out', 'c'], root)).stderr).toBe('');
  });

  it('keeps department names from leaving the output folder', async () => {
    const departments = `kind: departments
entries:
  - id: market
    name: 北京市大兴区市场监督管理局
    short_name: ../../逃逸
  - id: health
    name: 北京市大兴区卫生健康委员会
    short_name: /etc/passwd
    aliases: [区卫生健康委]
`;
    const root = fixtureTree({ 'lists/departments.yaml': departments, 'lists/market/items.yaml': ITEMS.replaceAll('区市场监管局', 'market') });
    const run = await runCli(['build', '--by', 'department', '--force'], root);
    expect(run.code).toBe(0);
    const all = listFiles(root);
    const outside = all.filter((f) => !f.startsWith('dist/') && !f.startsWith('lists/') && !f.startsWith('.qingdan-cache/'));
    expect(outside).toEqual([]);
    expect(readdirSync(join(root, 'dist/departments')).sort()).toEqual(['_.._逃逸', '_etc_passwd', '区市场监管局'].sort());
    expect(existsSync(join(root, 'dist/departments/_.._逃逸/附件2-监管事项目录清单.xlsx'))).toBe(true);
  });

  it('refuses an output folder that is the lists folder, contains it, or is the root', async () => {
    const root = fixtureTree();
    for (const out of ['lists', '.', '/']) {
      const run = await runCli(['build', '--out', out], root);
      expect(run.code, out).toBe(2);
      expect(run.stderr, out).toMatch(/qingdan build: (输出目录|拒绝输出到根目录)/);
    }
    expect(publishedOrLists(root)).toEqual(['lists']);
  });

  it('refuses to replace a folder that is not a build of its own', async () => {
    const root = fixtureTree({ 'docs/notes.md': '# 备忘\n' });
    const run = await runCli(['build', '--out', 'docs'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('不是 qingdan 的构建结果');
    expect(readdirSync(join(root, 'docs'))).toEqual(['notes.md']);
  });

  it('waits for another build’s lock, then says so clearly (exit 2)', async () => {
    const root = fixtureTree();
    writeFileSync(join(root, 'dist.lock'), `${process.pid} someone-else\n`);
    const started = Date.now();
    const run = await runCli(['build'], root);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('另一个构建正在写入 dist');
    expect(run.stderr).toContain(`进程 ${process.pid}`);
    expect(existsSync(join(root, 'dist'))).toBe(false);
    expect(readFileSync(join(root, 'dist.lock'), 'utf8')).toBe(`${process.pid} someone-else\n`);
  });

  it('lets two concurrent builds into one folder take turns', async () => {
    const root = fixtureTree();
    const [a, b] = await Promise.all([runCli(['build'], root), runCli(['build'], root)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const manifest = JSON.parse(readFileSync(join(root, 'dist/manifest.json'), 'utf8'));
    for (const artifact of manifest.artifacts) {
      expect(statSync(join(root, 'dist', artifact.path)).size, artifact.path).toBe(artifact.size);
    }
    expect(leftovers(root)).toEqual([]);
  });

  it('cleans up after builds that were killed: a stale lock, temporary folders, a dist/ set aside', async () => {
    const root = fixtureTree();
    expect((await runCli(['build'], root)).code).toBe(0);
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max
    writeFileSync(join(root, 'dist.lock'), `${dead} gone\n`);
    mkdirSync(join(root, `dist.tmp-${dead}-0a1b2c3d`, 'sub'), { recursive: true });
    // Killed between the two renames: dist/ is missing, the old one is aside.
    execFileSync('mv', [join(root, 'dist'), join(root, `dist.old-${dead}-0a1b2c3d`)]);
    const run = await runCli(['build'], root);
    expect(run.code).toBe(0);
    expect(leftovers(root)).toEqual([]);
    expect(existsSync(join(root, 'dist/manifest.json'))).toBe(true);
  });
});

describe('a build that fails half-way', () => {
  const failing: Emitter = {
    name: 'failing',
    async emit() {
      throw new Error('disk full (simulated)');
    },
  };

  it('leaves the previous dist/ as it was, and no temporary folder or lock', async () => {
    const root = fixtureTree();
    await buildFixture(root);
    writeFileSync(join(root, 'dist', 'marker.txt'), 'previous build');
    const before = snapshot(join(root, 'dist'));
    const error = await buildFixture(root, { emitters: [workbookEmitter, failing] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).messageId).toBe('failed');
    expect((error as BuildError).data.detail).toBe('disk full (simulated)');
    expect(snapshot(join(root, 'dist'))).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  });

  it('leaves the previous dist/ when the disk write itself fails', async () => {
    const root = fixtureTree();
    await buildFixture(root);
    const before = snapshot(join(root, 'dist'));
    // A folder where the workbook goes: opening the file fails inside exceljs's output stream.
    const blocked: Emitter = {
      name: 'blocked',
      async emit(context) {
        mkdirSync(join(context.outDir, '附件3-检查实施清单.xlsx'));
        return [];
      },
    };
    const error = await buildFixture(root, { emitters: [blocked, workbookEmitter] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).data.detail).toMatch(/EISDIR/);
    expect(snapshot(join(root, 'dist'))).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  });
});

describe('bin/qingdan.js, killed mid-write', () => {
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  const bin = join(repo, 'bin/qingdan.js');
  const work = mkdtempSync(join(tmpdir(), 'qingdan-kill-'));
  const out = join(work, 'dist');
  const args = [bin, 'build', '--force', '--quiet', '--out', out, 'lists'];

  beforeAll(() => {
    if (!existsSync(join(repo, 'build/cli/commands/build.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: repo, stdio: 'inherit' });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** Start a build of the repo's lists and send `signal` as soon as its temporary folder appears. */
  function interrupted(signal: NodeJS.Signals): Promise<{ killed: boolean; code: number | null }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: repo, stdio: 'ignore' });
      let killed = false;
      const timer = setInterval(() => {
        if (!killed && readdirSync(work).some((f) => f.startsWith('dist.tmp-'))) {
          killed = true;
          child.kill(signal);
        }
      }, 2);
      child.on('error', reject);
      child.on('exit', (code) => {
        clearInterval(timer);
        resolve({ killed, code });
      });
    });
  }

  async function killedBuild(signal: NodeJS.Signals) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await interrupted(signal);
      if (result.killed) return result;
    }
    throw new Error('the build always finished before it could be killed');
  }

  function previousBuild(): Record<string, string> {
    execFileSync(process.execPath, args, { cwd: repo, stdio: 'ignore' });
    // Marks this dist/ as the previous one: a completed new build would not have it.
    writeFileSync(join(out, 'previous.txt'), 'previous build');
    return snapshot(out);
  }

  it('leaves the previous dist/ intact after SIGKILL, and the next build cleans up', async () => {
    const before = previousBuild();
    await killedBuild('SIGKILL');
    expect(snapshot(out)).toEqual(before);
    // Killed outright, it could not clean up; the next build does.
    execFileSync(process.execPath, args, { cwd: repo, stdio: 'ignore' });
    expect(leftovers(work)).toEqual([]);
    expect(existsSync(join(out, 'previous.txt'))).toBe(false);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });

  it('gives the same bytes in another time zone', () => {
    const build = (dir: string, tz: string) =>
      execFileSync(process.execPath, [bin, 'build', '--force', '--quiet', '--out', join(work, dir), 'lists'], { cwd: repo, stdio: 'ignore', env: { ...process.env, TZ: tz } });
    build('utc', 'UTC');
    build('kiritimati', 'Pacific/Kiritimati');
    expect(snapshot(join(work, 'kiritimati'))).toEqual(snapshot(join(work, 'utc')));
  });

  it('removes its temporary folder and lock when stopped with SIGTERM', async () => {
    const before = previousBuild();
    const result = await killedBuild('SIGTERM');
    expect(result.code).toBeNull();
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(work)).toEqual([]);
    expect(relative(work, out)).toBe('dist');
  });
});

describe('bin/qingdan.js under node options that threads refuse', () => {
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  const bin = join(repo, 'bin/qingdan.js');
  const run = (nodeOptions: string[], ...args: string[]) =>
    spawnSync(process.execPath, [...nodeOptions, bin, ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('checks with worker threads under --max-old-space-size (a larger heap for big lists), as without it', () => {
    // V8 options are refused in a worker's execArgv: the threads start without them.
    const plain = run([], 'check', 'lists', '--no-cache', '--workers', '2');
    const larger = run(['--max-old-space-size=3000'], 'check', 'lists', '--no-cache', '--workers', '2');
    expect(larger.stderr).not.toContain('内部错误');
    expect(larger.status).toBe(plain.status);
    expect(larger.stdout).toBe(plain.stdout);
  });
});
