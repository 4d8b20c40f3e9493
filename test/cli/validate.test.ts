/** `qingdan validate` end to end: in-process through main(), and once as a child process of bin/. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { DEPARTMENTS, writeTree } from '../helpers/tree.js';

const GOOD = { 'lists/departments.yaml': DEPARTMENTS };
const BAD = {
  'lists/departments.yaml': DEPARTMENTS.replace('short_name: 区卫生健康委', 'short_name: 区卫生健康委\n    role: 组长'),
};

describe('qingdan validate (in-process)', () => {
  it('exits 0 on clean lists and says so', async () => {
    const r = await runCli(['validate'], writeTree(GOOD));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('没有发现问题');
  });

  it('exits 1 with file:line:column, a code frame and the pointer, in Chinese by default', async () => {
    const r = await runCli(['validate'], writeTree(BAD));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('lists/departments.yaml:11:11');
    expect(r.stdout).toContain('“联席会议职务”的值“组长”不在可选范围内');
    expect(r.stdout).toMatch(/> 11 \|\s+role: 组长\n\s+\|\s+\^\^\^\^/);
    expect(r.stdout).toContain('/entries/1/role');
  });

  it('speaks English with --lang en (and QINGDAN_LANG=en)', async () => {
    const r = await runCli(['--lang', 'en', 'validate'], writeTree(BAD));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('"组长" is not one of the allowed values');
    const e = await runCli(['validate'], writeTree(BAD), { env: { QINGDAN_LANG: 'en' } });
    expect(e.stdout).toContain('1 problem(s)');
  });

  it('writes a JSON report for machines', async () => {
    const r = await runCli(['validate', '--format', 'json'], writeTree(BAD));
    const report = JSON.parse(r.stdout);
    expect(report.summary).toEqual({ error: 1, warning: 0, info: 0, waived: 0 });
    expect(report.diagnostics[0]).toMatchObject({ ruleId: 'schema', messageId: 'enum', file: 'lists/departments.yaml', line: 11, column: 11, pointer: '/entries/1/role' });
  });

  it('takes paths, and exits 2 for a path that does not exist or an unknown option', async () => {
    const root = writeTree({ 'a/departments.yaml': DEPARTMENTS });
    expect((await runCli(['validate', 'a'], root)).code).toBe(0);
    const missing = await runCli(['validate', 'nope'], root);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain('找不到路径 nope');
    expect((await runCli(['validate', '--bogus'], root)).code).toBe(2);
    expect((await runCli(['validate', '--format', 'xml'], root)).code).toBe(2);
    expect((await runCli(['--help'], root)).code).toBe(0);
  });

  it('exits 2 on an empty tree, naming it', async () => {
    const root = writeTree({ 'lists/README.txt': 'nothing here' });
    const r = await runCli(['validate'], root);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('没有找到清单文件');
  });
});

describe('qingdan schema', () => {
  it('writes one JSON Schema per kind that accepts a real list file', async () => {
    const root = writeTree(GOOD);
    const r = await runCli(['schema', '--out', 'schemas'], root);
    expect(r.code).toBe(0);
    expect(existsSync(join(root, 'schemas/items.schema.json'))).toBe(true);
    const printed = await runCli(['schema', '--kind', 'departments'], root);
    const schema = JSON.parse(printed.stdout);
    const { createAjv } = await import('../../src/validate/ajv.js');
    const validate = createAjv().compile(schema);
    const { parse } = await import('yaml');
    expect(validate(parse(DEPARTMENTS)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(parse(DEPARTMENTS.replace('member: true', 'member: yes please')))).toBe(false);
  });
});

describe('bin/qingdan.js (child process)', () => {
  const bin = new URL('../../bin/qingdan.js', import.meta.url).pathname;
  beforeAll(() => {
    if (!existsSync(new URL('../../build/cli/main.js', import.meta.url))) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: new URL('../../', import.meta.url).pathname });
  });

  it('exits with the codes of the in-process run and writes to stdout', () => {
    const good = spawnSync(process.execPath, [bin, 'validate'], { cwd: writeTree(GOOD), encoding: 'utf8' });
    expect(good.status).toBe(0);
    const bad = spawnSync(process.execPath, [bin, '--lang', 'en', 'validate'], { cwd: writeTree(BAD), encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('lists/departments.yaml:11:11');
    const usage = spawnSync(process.execPath, [bin, 'frobnicate'], { cwd: writeTree(GOOD), encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('unknown command');
  });
});

describe('the repository’s own lists/', () => {
  const repo = new URL('../../', import.meta.url).pathname;
  it('are in the canonical layout (qingdan fmt --check)', async () => {
    const r = await runCli(['fmt', '--check', 'lists'], repo);
    expect(r.stderr + r.stdout).not.toContain('需要格式化');
    expect(r.code).toBe(0);
  });
  it('check clean: every finding is a documented waiver', async () => {
    const r = await runCli(['check', '--format', 'json'], repo);
    const report = JSON.parse(r.stdout) as { summary: { error: number; warning: number; info: number; waived: number } };
    expect(report.summary).toMatchObject({ error: 0, warning: 0, info: 0 });
    expect(report.summary.waived).toBeGreaterThan(0);
    expect(r.code).toBe(0);
  });
});
