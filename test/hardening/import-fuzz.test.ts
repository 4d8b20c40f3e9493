/**
 * Fuzzing the importer with fast-check: random CSV text (Chinese text,
 * commas, quotes, line breaks, CR, BOM, NUL, formula prefixes, very long
 * cells, ragged rows, stray bytes) and small random workbooks (cell grids of
 * text, numbers, booleans, dates, rich text, formulas and hyperlinks, with
 * random merges). The outcome is always YAML or problems with exit 1 or 2,
 * never an exception, an internal error or a stack trace; and the YAML it
 * writes parses back to the kind and the entries it reported. Bounded by
 * FUZZ_RUNS (default 100) so CI stays fast.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultConfig } from '../../src/config/index.js';
import { buildKinds } from '../../src/config/load.js';
import { importFile } from '../../src/import/file.js';
import { readSpreadsheet } from '../../src/import/read.js';
import { runCli } from '../helpers/cli.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const config = defaultConfig();
const kinds = buildKinds(config).kinds;
const KINDS = ['leniency', 'inspections', 'items'] as const;

const dir = mkdtempSync(join(tmpdir(), 'qingdan-import-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;
const nextFile = (ext: string) => join(dir, `f${fileCount++}.${ext}`);

/** Headers the importer knows (so that many inputs get past the header search) and some it does not. */
const HEADERS = [
  ...new Set(KINDS.flatMap((k) => kinds.get(k)!.columns.map((c) => c.header))),
  '序号', '编号', '类别', '违法行为', '处理方式', '实施部门', '抽查事项', '检查方式', '是否双随机', '抽查比例和频次', '审批方式',
  '备注', '原编号', '联系人', '', ' 违法行为（必填）* ',
];

/** Pieces of cell text: ordinary values of each field type, and everything that breaks parsers and spreadsheets. */
const PIECE = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HEADERS) },
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '区市场监管局', '食品经营者', '日常检查', '现场检查、书面检查', '是', '否', '√', '不予处罚', '首次违法', '行政检查', '区级',
      '《中华人民共和国食品安全法》第一百一十条', 'A级：3%，每年1次；B级：５%', '信用等级：A，抽查比例（%）：3', '1.第一项\n2.第二项', '2021年7月15日',
      '１２３', '1,234.5', '50%', 'SCJG-RC-001', '11000000000001', '一、餐饮服务', '备注：以上为示例', '注：', '填表说明',
    ),
  },
  { weight: 4, arbitrary: fc.constantFrom(',', '"', '""', '\n', '\r', '\r\n', '\uFEFF', '\u0000', '\t', ' ', '、', '；', '：', '#', '# 注释', ': ', '- ', '&a', '*a', '!!str', '{', '[', '|', '>', "'", '%', '@', '`') },
  { weight: 3, arbitrary: fc.constantFrom('=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", '+1+1', '-1+1', '@SUM(1)', '\u202E', '\u200B', '\u2028', '\uD800', '\uFFFF', '\u001b[31m', '\u009b', '\u0085', '\u007f', '\u000b') },
  { weight: 3, arbitrary: fc.string({ maxLength: 12, unit: fc.constantFrom(...'食品药品监督检查经营许可证区局委一二三abcXYZ0123456789'.split('')) }) },
  { weight: 1, arbitrary: fc.constantFrom('检'.repeat(40_000), 'x'.repeat(100_000), '、'.repeat(5_000)) },
);
const CELL = fc.array(PIECE, { maxLength: 4 }).map((parts) => parts.join(''));
/** Rows of different lengths, sometimes a header row of known headers first. */
const GRID = fc
  .tuple(fc.option(fc.array(fc.constantFrom(...HEADERS), { minLength: 2, maxLength: 12 }), { nil: undefined }), fc.array(fc.array(CELL, { maxLength: 12 }), { maxLength: 12 }))
  .map(([header, rows]) => (header ? [header, ...rows] : rows));

/** CSV text: fields quoted as RFC 4180 says, or not at all (broken quoting), with any line end and an optional BOM. */
const CSV_TEXT = fc
  .record({ rows: GRID, quoting: fc.constantFrom('rfc', 'none', 'all'), lineEnd: fc.constantFrom('\r\n', '\n', '\r'), bom: fc.boolean(), finalLineEnd: fc.boolean() })
  .map(({ rows, quoting, lineEnd, bom, finalLineEnd }) => {
    const field = (v: string) => (quoting === 'all' || (quoting === 'rfc' && /[",\r\n]/.test(v)) ? `"${v.replace(/"/g, '""')}"` : v);
    const text = rows.map((r) => r.map(field).join(',')).join(lineEnd) + (finalLineEnd ? lineEnd : '');
    return (bom ? '\uFEFF' : '') + text;
  });
/** Bytes: the text in UTF-8, or with stray bytes that are not UTF-8 (GB18030 is then guessed). */
const CSV_BYTES = fc.oneof(
  { weight: 5, arbitrary: CSV_TEXT.map((t) => Buffer.from(t, 'utf8')) },
  { weight: 1, arbitrary: fc.tuple(CSV_TEXT, fc.uint8Array({ maxLength: 64 })).map(([t, b]) => Buffer.concat([Buffer.from(t, 'utf8'), Buffer.from(b)])) },
);

type Value = ExcelJS.CellValue;
const XLSX_VALUE: fc.Arbitrary<Value> = fc.oneof(
  { weight: 8, arbitrary: CELL.map((s): Value => (s === '' ? null : s)) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }) },
  { weight: 1, arbitrary: fc.array(CELL, { minLength: 1, maxLength: 3 }).map((texts): Value => ({ richText: texts.map((text) => ({ text })) })) },
  { weight: 1, arbitrary: CELL.map((s): Value => ({ formula: 'A1&"x"', result: s })) },
  { weight: 1, arbitrary: CELL.map((s): Value => ({ text: s || 'x', hyperlink: 'https://example.org/' })) },
  { weight: 1, arbitrary: fc.constant<Value>({ error: '#N/A' } as ExcelJS.CellErrorValue) },
);
const SHEET_NAME = fc.constantFrom('Sheet1', '抽查事项清单', '..', '附件3', "it's", '空 表', 'x'.repeat(31));
const MERGE = fc.tuple(fc.nat({ max: 9 }), fc.nat({ max: 9 }), fc.nat({ max: 3 }), fc.nat({ max: 3 }));
const SHEET = fc.record({
  name: SHEET_NAME,
  header: fc.option(fc.array(fc.constantFrom(...HEADERS), { minLength: 2, maxLength: 10 }), { nil: undefined }),
  top: fc.nat({ max: 3 }),
  rows: fc.array(fc.array(XLSX_VALUE, { maxLength: 10 }), { maxLength: 10 }),
  merges: fc.array(MERGE, { maxLength: 5 }),
});

type SheetSpec = typeof SHEET extends fc.Arbitrary<infer T> ? T : never;

async function writeWorkbook(sheets: readonly SheetSpec[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const used = new Set<string>();
  for (const spec of sheets) {
    let name = spec.name;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${spec.name.slice(0, 28)}-${n}`;
    used.add(name.toLowerCase());
    const ws = workbook.addWorksheet(name);
    const rows: Value[][] = [...Array.from({ length: spec.top }, () => []), ...(spec.header ? [spec.header] : []), ...spec.rows];
    rows.forEach((row, r) => row.forEach((value, c) => value !== null && (ws.getCell(r + 1, c + 1).value = value)));
    for (const [row, col, height, width] of spec.merges) {
      try {
        ws.mergeCells(row + 1, col + 1, row + 1 + height, col + 1 + width);
      } catch {
        // overlaps an earlier merge: exceljs refuses it, as Excel would
      }
    }
  }
  const file = nextFile('xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

/** What the importer reported, written as YAML, parses back to the same kind and entries. */
function expectRoundTrip(yaml: string, kind: string, entries: readonly { data: Record<string, unknown> }[]): void {
  // A text file: C0 control characters only as escapes, in values and comments alike (a raw NUL makes it binary, an ESC acts on a terminal).
  expect(yaml).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  const data = parse(yaml) as { kind: string; entries: unknown[] };
  expect(data.kind).toBe(kind);
  expect(data.entries).toEqual(entries.map((e) => plain(e.data)));
}

/** A value as YAML gives it back: dates as their ISO text. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

async function expectImported(path: string, kind: string): Promise<void> {
  // A workbook exceljs wrote but cannot read back (U+FFFF or a lone surrogate is not XML): a file that cannot be read.
  const readable = await readSpreadsheet(path).then(
    () => true,
    () => false,
  );
  if (!readable) {
    const r = await runCli(['import', path, '--kind', kind, '--dry-run'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^qingdan: 无法读取 .+：/);
    return;
  }
  const outcome = await importFile({ path, kind: kinds.get(kind)!, config });
  if (!outcome.ok) {
    expect(outcome.reason).toBe('sheet-not-found');
    return;
  }
  const { result, yaml } = outcome;
  if (result.headerRows === undefined) {
    expect(yaml).toBeUndefined();
    expect(result.problems.map((p) => p.messageId)).toEqual(['no-header']);
    return;
  }
  expect(yaml).toBeDefined();
  expectRoundTrip(yaml!, kind, result.entries);
}

/** The CLI's outcome: 0, 1 or 2; never an internal error or a stack; YAML on stdout parses when there is any. */
function expectCleanRun(r: { code: number; stdout: string; stderr: string }, kind: string): void {
  expect([0, 1, 2]).toContain(r.code);
  expect(r.stderr).not.toMatch(/内部错误|internal error|\n\s+at .+:\d+:\d+/);
  if (r.stdout !== '') expect((parse(r.stdout) as { kind: string }).kind).toBe(kind);
  if (r.code === 0) expect(r.stdout).not.toBe('');
}

describe('fuzz: import of CSV', () => {
  it('gives YAML that parses back to the entries, or problems; never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(CSV_BYTES, fc.constantFrom(...KINDS), async (bytes, kind) => {
        const path = nextFile('csv');
        writeFileSync(path, bytes);
        await expectImported(path, kind);
      }),
      { numRuns: RUNS },
    );
  });

  it('exits 0, 1 or 2 through the CLI, with no stack trace (--dry-run)', async () => {
    await fc.assert(
      fc.asyncProperty(CSV_BYTES, fc.constantFrom(...KINDS), fc.boolean(), async (bytes, kind, department) => {
        const path = nextFile('csv');
        writeFileSync(path, bytes);
        const r = await runCli(['import', path, '--kind', kind, '--dry-run', ...(department ? ['--department', 'market'] : [])], dir);
        expectCleanRun(r, kind);
      }),
      { numRuns: Math.max(10, Math.round(RUNS / 4)) },
    );
  });

  it('round-trips a well-formed CSV of a list: the YAML it prints has the kind and every row as an entry', async () => {
    const leniency = kinds.get('leniency')!;
    const text = fc.string({ minLength: 1, maxLength: 30, unit: fc.constantFrom(...'食品药品,"\n\r 区局、；：#-=+@\u202e\u200b'.split('')) });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 6 }), async (rows) => {
        const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
        const csv = ['编号,违法行为,备注', ...rows.map((r) => r.map(quote).join(','))].join('\r\n');
        const path = nextFile('csv');
        writeFileSync(path, '\uFEFF' + csv);
        const r = await runCli(['import', path, '--kind', 'leniency', '--dry-run'], dir);
        expectCleanRun(r, 'leniency');
        const data = parse(r.stdout) as { kind: string; entries: Record<string, unknown>[] };
        expect(data.kind).toBe(leniency.name);
        expect(data.entries).toHaveLength(rows.length);
      }),
      { numRuns: Math.max(10, Math.round(RUNS / 4)) },
    );
  });
});

describe('import: cells of unknown columns kept as comments', () => {
  it('writes control characters of a cell as \\u escapes, so the file stays text and says what the cell held', async () => {
    const path = nextFile('csv');
    writeFileSync(path, '编号,违法行为,联系人\r\nSC-RC-001,违法,"张\u0000三\u000b\u001b[31m李"\r\n');
    const r = await runCli(['import', path, '--kind', 'leniency', '--dry-run'], dir);
    expectCleanRun(r, 'leniency');
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(r.stdout).toContain('# 未导入的列“联系人”：张\\u0000三\\u000b\\u001b[31m李\n');
  });
});

describe('fuzz: import of xlsx', () => {
  it('gives YAML that parses back to the entries, or problems; never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(SHEET, { minLength: 1, maxLength: 3 }), fc.constantFrom(...KINDS), async (sheets, kind) => {
        await expectImported(await writeWorkbook(sheets), kind);
      }),
      { numRuns: Math.max(10, Math.round(RUNS / 2)) },
    );
  });

  it('exits 0, 1 or 2 through the CLI, with no stack trace, whichever sheet is asked for', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(SHEET, { minLength: 1, maxLength: 2 }), fc.constantFrom(...KINDS), fc.option(SHEET_NAME, { nil: undefined }), async (sheets, kind, sheet) => {
        const path = await writeWorkbook(sheets);
        const r = await runCli(['import', path, '--kind', kind, '--dry-run', ...(sheet !== undefined ? ['--sheet', sheet] : [])], dir);
        expectCleanRun(r, kind);
      }),
      { numRuns: Math.max(10, Math.round(RUNS / 4)) },
    );
  });
});
