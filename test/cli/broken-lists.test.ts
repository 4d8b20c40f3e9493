/**
 * The core issue's acceptance case: a copy of lists/ with entries broken in one
 * file exits 1 with one message per problem, each at the right line and column,
 * in Chinese and in English.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const lists = new URL('../../lists/', import.meta.url).pathname;
let root: string;
let text: string;
const FILE = 'lists/market/items.yaml';

/** 1-based line and column of `needle` (the n-th occurrence) in the broken text, shifted by `offset` characters. */
function at(needle: string, offset = 0, occurrence = 1): string {
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = text.indexOf(needle, index + 1);
  expect(index, needle).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, index + offset);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${FILE}:${line}:${column}`;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'qingdan-broken-'));
  cpSync(lists, join(root, 'lists'), { recursive: true });
  const original = readFileSync(join(root, FILE), 'utf8');
  const entry = (code: string) => {
    const start = original.indexOf(`  - code: ${code}\n`);
    const end = original.indexOf('\n  - ', start + 1);
    return [start, end] as const;
  };
  const edit = (code: string, change: (s: string) => string) => {
    const [s, e] = entry(code);
    const before = text.slice(0, text.indexOf(original.slice(s, e)));
    text = before + change(original.slice(s, e)) + text.slice(before.length + (e - s));
  };
  text = original;
  edit('SCJG-SX-001', (s) => s.replace('    level: 区级\n', ''));
  edit('SCJG-SX-002', (s) => s.replace('action: 行政检查', 'action: 行政检察'));
  edit('SCJG-SX-003', (s) => s.replace('    action: 行政检查\n', '    action: 行政检查\n    action: 行政处罚\n'));
  edit('SCJG-SX-004', (s) => s.replace('    objects: 学校', '      objects: 学校'));
  edit('SCJG-SX-005', (s) => s.replace('第五十七条、第一百一十条', '第五十七条、第一百一十十条'));
  writeFileSync(join(root, FILE), text);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a copy of lists/ with five problems in one file', () => {
  it('the unbroken lists validate clean', async () => {
    const clean = mkdtempSync(join(tmpdir(), 'qingdan-clean-'));
    cpSync(lists, join(clean, 'lists'), { recursive: true });
    const r = await runCli(['validate'], clean);
    rmSync(clean, { recursive: true, force: true });
    expect(r.stdout).toContain('没有发现问题');
    expect(r.code).toBe(0);
  });

  it('exits 1 with one message per problem, each at its line and column (中文)', async () => {
    const r = await runCli(['validate', '--format', 'json'], root);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { diagnostics: { ruleId: string; messageId: string; file: string; line: number; column: number; message: string }[] };
    const got = report.diagnostics.map((d) => `${d.ruleId}/${d.messageId} ${d.file}:${d.line}:${d.column}`);
    expect(got.sort()).toEqual(
      [
        `schema/required ${at('code: SCJG-SX-001')}`,
        `schema/enum ${at('行政检察')}`,
        `yaml/duplicate-key ${at('action: 行政处罚')}`,
        `yaml/indent ${at('  objects: 学校', 2)}`,
        `citation/bad-numeral ${at('一百一十十', 0)}`,
      ].sort(),
    );
    const messages = report.diagnostics.map((d) => d.message).join('\n');
    expect(messages).toContain('缺少必填字段“实施层级”（level）');
    expect(messages).toContain('“监管行为”的值“行政检察”不在可选范围内');
    expect(messages).toContain('重复的键“action”');
    expect(messages).toContain('缩进不一致');
    expect(messages).toContain('无法识别的条款序号“一百一十十”');
  });

  it('says the same in English with --lang en, with code frames in the stylish report', async () => {
    const r = await runCli(['--lang', 'en', 'validate'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Required field "level" (实施层级) is missing.');
    expect(r.stdout).toContain('"行政检察" is not one of the allowed values');
    expect(r.stdout).toContain('Duplicate key "action"');
    expect(r.stdout).toContain('Inconsistent indentation');
    expect(r.stdout).toContain('Unrecognised article number "一百一十十"');
    expect(r.stdout).toContain('5 problem(s) (5 error(s)');
    expect(r.stdout).toContain(at('行政检察'));
  });
});
