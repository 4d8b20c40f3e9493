/**
 * qingdan import: legacy workbooks as departments keep them (附件 and title
 * rows, a two-row header, merged categories, repeated headers, a 备注 block,
 * bad rows), CSV in GB18030 and in UTF-8 with a BOM, and the command's
 * promises: nothing overwritten without --force, --dry-run writes nothing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { buildKinds } from '../../src/config/load.js';
import { decodeCsv, parseCsv } from '../../src/import/csv.js';
import { importFile } from '../../src/import/file.js';
import { formatCellRef, type ImportProblem } from '../../src/import/index.js';
import { encodeGb18030, toCsv, writeLegacyWorkbook, type LegacySheet } from '../helpers/legacy.js';
import { writeTree } from '../helpers/tree.js';
import { run } from './run.js';

const kinds = buildKinds(defaultConfig()).kinds;
const config = defaultConfig();
const where = (problems: readonly ImportProblem[]) => problems.map((p) => `${formatCellRef(p.where)} ${p.ruleId}/${p.messageId}`);

const LAW = '《中华人民共和国食品安全法》第一百一十条';

/** 区市场监管局's 随机抽查事项清单 as kept in Excel: the SAMR layout with a few local columns. */
const inspectionsSheet: LegacySheet = {
  name: '抽查事项清单',
  attachment: '附件3',
  title: '北京市大兴区市场监督管理局随机抽查事项清单',
  columns: [
    { header: '序号' },
    { header: '抽查类别', group: '抽查项目' },
    { header: '抽查事项', group: '抽查项目' },
    { header: '检查实施清单编码' },
    { header: '监管事项编码' },
    { header: '抽查对象' },
    { header: '检查方式' },
    { header: '是否双随机' },
    { header: '检查 内容' },
    { header: '抽查依据' },
    { header: '抽查比例和频次' },
    { header: '实施主体' },
    { header: '原编号' },
  ],
  rows: [
    [1, '日常检查', '餐饮服务食品安全检查', 'SCJG-JC-001', 'SCJG-SX-001', '餐饮服务提供者', '现场检查、书面检查', '是', '1.许可证件公示情况；\n2.进货查验记录', LAW, 'A级：3%，每年1次；B级：５%', ' 区市场监管局 ', 'JC-0001'],
    [2, '日常检查', '网络餐饮服务检查', 'SCJG-JC-002', 'SCJG-SX-001', '网络餐饮服务提供者', '网络检查', '是', '网页公示信息', LAW, null, '区市场监管局', null],
    [3, '日常检查', '食品销售检查', 'SCJG-JC-003', 'SCJG-SX-002', '食品销售者', '飞行检查', '否', null, null, null, '区市场监管局', 'JC-0003'],
    [null, null, null, null, null, null, null, null, null, null, null, null, null],
    [4, '专项检查', '节日专项检查', 'SCJG-JC-004', 'SCJG-SX-001', '餐饮服务提供者', '现场检查，抽样检测', '否', null, LAW, null, '区市场监管局', null],
    [5, '专项检查', '冷链食品专项检查', 'SCJG-JC-005', 'SCJG-SX-002', '冷链食品经营者', '现场检查', '待定', null, LAW, null, '区市场监管局', null],
    [6, null, null, null, null, null, null, null, null, null, null, null, null],
  ],
  mergeDown: [1],
  repeatHeaderEvery: 3,
  notes: ['备注：1．本表按年度抽查计划更新。', '2．抽查比例按企业信用风险分类等级确定。'],
};

describe('import: a legacy workbook', () => {
  it('reads the table under 附件 and title rows, with a two-row header, merged categories, a repeated header and a 备注 block', async () => {
    const root = writeTree({});
    const file = join(root, '抽查事项.xlsx');
    const instructions: LegacySheet = { name: '填表说明', columns: [{ header: '说明' }], rows: [['请按模板填写。']] };
    const [, layout] = await writeLegacyWorkbook(file, [instructions, inspectionsSheet]);
    // Rows: 1 附件3, 2 title, 3–4 header, 5–7 data, 8–9 header again, 10 blank, 11–12 data,
    // 13–14 header again, 15 a 序号 alone, 17–18 备注.
    expect(layout!.rowOf).toEqual([5, 6, 7, 10, 11, 12, 15]);

    const outcome = await importFile({ path: file, kind: kinds.get('inspections')!, config });
    if (!outcome.ok) throw new Error(outcome.reason);
    const { result } = outcome;
    expect(result.sheet).toBe('抽查事项清单');
    expect(result.headerRows).toEqual([3, 4]);
    expect(result.entries.map((e) => e.row)).toEqual([5, 6, 7, 11, 12]);
    expect(result.entries.map((e) => e.data)).toEqual([
      {
        code: 'SCJG-JC-001',
        name: '餐饮服务食品安全检查',
        item: 'SCJG-SX-001',
        category: '日常检查',
        methods: ['现场检查', '书面检查'],
        random: true,
        objects: '餐饮服务提供者',
        contents: ['许可证件公示情况', '进货查验记录'],
        basis: LAW,
        sampling: [
          { grade: 'A', ratio: 3, per_year: 1 },
          { grade: 'B', ratio: 5 },
        ],
        department: '区市场监管局',
      },
      {
        code: 'SCJG-JC-002',
        name: '网络餐饮服务检查',
        item: 'SCJG-SX-001',
        category: '日常检查',
        methods: ['网络检查'],
        random: true,
        objects: '网络餐饮服务提供者',
        contents: ['网页公示信息'],
        basis: LAW,
        department: '区市场监管局',
      },
      {
        code: 'SCJG-JC-003',
        name: '食品销售检查',
        item: 'SCJG-SX-002',
        category: '日常检查',
        methods: ['飞行检查'],
        random: false,
        objects: '食品销售者',
        department: '区市场监管局',
      },
      {
        code: 'SCJG-JC-004',
        name: '节日专项检查',
        item: 'SCJG-SX-001',
        category: '专项检查',
        methods: ['现场检查', '抽样检测'],
        random: false,
        objects: '餐饮服务提供者',
        basis: LAW,
        department: '区市场监管局',
      },
      {
        code: 'SCJG-JC-005',
        name: '冷链食品专项检查',
        item: 'SCJG-SX-002',
        category: '专项检查',
        methods: ['现场检查'],
        random: '待定',
        objects: '冷链食品经营者',
        basis: LAW,
        department: '区市场监管局',
      },
    ]);
    expect(result.entries.map((e) => e.unknown)).toEqual([[{ header: '原编号', text: 'JC-0001' }], [], [{ header: '原编号', text: 'JC-0003' }], [], []]);
    expect(where(result.problems)).toEqual([
      '抽查事项清单!4:M import/unknown-column',
      '抽查事项清单!7:G schema/enum',
      '抽查事项清单!7:J schema/required',
      '抽查事项清单!12:H schema/type',
      '抽查事项清单!15 import/skipped-row',
    ]);
    expect(result.problems.map((p) => p.severity)).toEqual(['warning', 'error', 'error', 'error', 'warning']);
    expect(result.problems[1]!.data.value).toBe('飞行检查');
    expect(result.problems[2]!.data.key).toBe('basis');
  });

  it('writes the entries, bad rows as typed, unknown columns as comments, and exits 1 (CLI)', async () => {
    const root = writeTree({ 'lists/departments.yaml': 'kind: departments\nentries: []\n' });
    await writeLegacyWorkbook(join(root, '抽查事项.xlsx'), [inspectionsSheet]);
    const r = await run(['import', '抽查事项.xlsx', '--kind', 'inspections'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines.slice(0, 4).map((l) => l.split('  ').slice(0, 2).join(' '))).toEqual([
      '抽查事项清单!4:M 警告',
      '抽查事项清单!7:G 错误',
      '抽查事项清单!7:J 错误',
      '抽查事项清单!12:H 错误',
    ]);
    expect(lines[1]).toContain('“飞行检查”不在可选范围内');
    expect(lines[2]).toContain('缺少必填字段“检查依据”');
    expect(lines[5]).toContain('lists/imported/抽查事项.yaml');
    const text = readFileSync(join(root, 'lists/imported/抽查事项.yaml'), 'utf8');
    expect(text).toMatch(/^# 由 qingdan import 从“抽查事项.xlsx”（工作表“抽查事项清单”，表头第 3–4 行）导入。/);
    expect(text).toContain('  # 未导入的列“原编号”：JC-0001\n  - code: SCJG-JC-001\n');
    const data = parse(text) as { kind: string; entries: Record<string, unknown>[] };
    expect(data.kind).toBe('inspections');
    expect(data.entries.map((e) => e.code)).toEqual(['SCJG-JC-001', 'SCJG-JC-002', 'SCJG-JC-003', 'SCJG-JC-004', 'SCJG-JC-005']);
    expect(data.entries[2]!.methods).toEqual(['飞行检查']);
    expect(data.entries[4]!.random).toBe('待定');
    expect(Object.keys(data.entries[0]!)).toEqual(['code', 'name', 'item', 'category', 'methods', 'random', 'objects', 'contents', 'basis', 'sampling', 'department']);

    // The file is what fmt writes, and validate finds the same bad rows in it.
    expect((await run(['fmt', '--check', 'lists/imported'], root)).code).toBe(0);
    const validate = await run(['validate', 'lists/imported', '--format', 'json'], root);
    const found = (JSON.parse(validate.stdout) as { diagnostics: { messageId: string }[] }).diagnostics.map((d) => d.messageId).sort();
    expect(found).toEqual(['enum', 'required', 'type']);
  });

  it('never overwrites without --force; --dry-run prints and writes nothing; --out and --department', async () => {
    const root = writeTree({ 'lists/imported/抽查事项.yaml': '# mine\n' });
    await writeLegacyWorkbook(join(root, '抽查事项.xlsx'), [inspectionsSheet]);
    const refused = await run(['import', '抽查事项.xlsx', '--kind', 'inspections'], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('已存在');
    expect(readFileSync(join(root, 'lists/imported/抽查事项.yaml'), 'utf8')).toBe('# mine\n');

    const dry = await run(['import', '抽查事项.xlsx', '--kind', 'inspections', '--dry-run', '--department', '区市场监管局'], root);
    expect(dry.code).toBe(1);
    expect(readFileSync(join(root, 'lists/imported/抽查事项.yaml'), 'utf8')).toBe('# mine\n');
    const data = parse(dry.stdout) as Record<string, unknown> & { entries: Record<string, unknown>[] };
    expect(data.department).toBe('区市场监管局');
    expect(data.entries.every((e) => !('department' in e))).toBe(true);
    expect(dry.stderr).toContain('没有写入文件');

    const forced = await run(['import', '抽查事项.xlsx', '--kind', 'inspections', '--force'], root);
    expect(forced.code).toBe(1);
    expect(readFileSync(join(root, 'lists/imported/抽查事项.yaml'), 'utf8')).toContain('kind: inspections');

    const out = await run(['import', '抽查事项.xlsx', '-k', 'inspections', '--out', 'lists/market/抽查.yaml', '--sheet', '抽查事项清单', '--lang', 'en'], root);
    expect(out.code).toBe(1);
    expect(existsSync(join(root, 'lists/market/抽查.yaml'))).toBe(true);
    expect(out.stderr).toContain('抽查事项清单!7:G  error  ');
    expect(out.stderr).toContain('Imported 5 entries');
  });

  it('reports usage errors: unknown kind, missing file, unknown sheet, a kind without departments', async () => {
    const root = writeTree({});
    await writeLegacyWorkbook(join(root, 'a.xlsx'), [inspectionsSheet]);
    expect((await run(['import', 'a.xlsx', '--kind', 'nope'], root)).code).toBe(2);
    expect((await run(['import', 'missing.xlsx', '--kind', 'items'], root)).code).toBe(2);
    const sheet = await run(['import', 'a.xlsx', '--kind', 'inspections', '--sheet', 'Sheet9', '--dry-run'], root);
    expect(sheet.code).toBe(2);
    expect(sheet.stderr).toContain('抽查事项清单');
    expect((await run(['import', 'a.xlsx', '--kind', 'laws', '--department', 'market', '--dry-run'], root)).code).toBe(2);
    writeFileSync(join(root, 'a.xls'), 'old');
    expect((await run(['import', 'a.xls', '--kind', 'items', '--dry-run'], root)).stderr).toContain('.xlsx');
  });

  it('refuses a configured mapping to a field the kind does not have', async () => {
    const root = writeTree({ 'lists/qingdan.config.yaml': 'import:\n  leniency:\n    情形: situation\n' });
    writeFileSync(join(root, 'rc.csv'), toCsv([['类别', '违法行为'], ['广告', '使用“国家级”用语']]));
    const r = await run(['import', 'rc.csv', '--kind', 'leniency', '--dry-run'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('import.leniency  错误  配置 import.leniency 把表头“情形”对应到“situation”');
    expect(r.stdout).toBe('');
  });

  it('reports a sheet that has no recognisable header, and writes nothing', async () => {
    const root = writeTree({});
    await writeLegacyWorkbook(join(root, 'a.xlsx'), [{ name: 'Sheet1', columns: [{ header: '甲' }, { header: '乙' }], rows: [['1', '2']] }]);
    const r = await run(['import', 'a.xlsx', '--kind', 'leniency'], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Sheet1  错误  在前 15 行中找不到轻微违法行为容错纠错清单的表头');
    expect(existsSync(join(root, 'lists'))).toBe(false);
  });

  it('maps headers through the configuration and names a required column that is missing', async () => {
    const root = writeTree({
      'lists/qingdan.config.yaml': 'import:\n  leniency:\n    违法情形: violation\n    情节: conditions\n',
    });
    const rows = [['类别', '违法情形', '违反条款', '处罚依据', '处理方式', '情节', '纠正措施', '法律依据', '实施部门', '联系人']];
    rows.push(['广告', '发布的广告使用“国家级”用语', '《广告法》第九条', '《广告法》第五十七条', '不予处罚', '首次违法、危害后果轻微、及时改正', '责令改正', '《行政处罚法》第三十三条第一款', '区市场监管局', '张三']);
    writeFileSync(join(root, 'rc.csv'), toCsv(rows));
    const r = await run(['import', 'rc.csv', '--kind', 'leniency', '--dry-run'], root);
    expect(r.stderr.split('\n').filter(Boolean).slice(0, 2).map((l) => l.split('  ')[0])).toEqual(['rc.csv!1:J', 'rc.csv!1']);
    expect(r.stderr).toContain('表中没有必填字段“编号”（code）的列');
    expect(r.code).toBe(1);
    const data = parse(r.stdout) as { entries: Record<string, unknown>[] };
    expect(data.entries).toEqual([
      {
        category: '广告',
        violation: '发布的广告使用“国家级”用语',
        violated: '《广告法》第九条',
        penalty_basis: '《广告法》第五十七条',
        treatment: '不予处罚',
        conditions: ['首次违法', '危害后果轻微', '及时改正'],
        corrections: ['责令改正'],
        ground: '《行政处罚法》第三十三条第一款',
        department: '区市场监管局',
      },
    ]);
    expect(r.stdout).toContain('# 未导入的列“联系人”：张三');
  });
});

describe('import: CSV', () => {
  const header = ['序号', '编号', '类别', '违法行为', '违反条款', '处罚依据', '处理方式', '适用条件', '纠错措施', '法律依据', '实施部门'];
  const row = ['１', 'SCJG-RC-001', '广告', '广告中使用“国家级”等用语，首次发布', '《广告法》第九条', '《广告法》第五十七条', '不予处罚', '1.首次违法\n2.危害后果轻微\n3.及时改正', '责令改正、批评教育', '《行政处罚法》第三十三条第一款', '区市场监管局'];
  const expected = {
    code: 'SCJG-RC-001',
    category: '广告',
    violation: '广告中使用“国家级”等用语，首次发布',
    violated: '《广告法》第九条',
    penalty_basis: '《广告法》第五十七条',
    treatment: '不予处罚',
    conditions: ['首次违法', '危害后果轻微', '及时改正'],
    corrections: ['责令改正', '批评教育'],
    ground: '《行政处罚法》第三十三条第一款',
    department: '区市场监管局',
  };

  it('encodes the test bytes as GB18030 does', () => {
    expect([...encodeGb18030('检查')]).toEqual([0xbc, 0xec, 0xb2, 0xe9]);
  });

  it('reads GB18030 (detected, and given with --encoding)', async () => {
    const root = writeTree({});
    const bytes = encodeGb18030(toCsv([header, row]));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    writeFileSync(join(root, '容错纠错.csv'), bytes);
    for (const extra of [[], ['--encoding', 'gb18030'], ['--encoding', 'GBK']]) {
      const r = await run(['import', '容错纠错.csv', '--kind', 'leniency', '--dry-run', ...extra], root);
      expect(r.code, r.stderr).toBe(0);
      expect((parse(r.stdout) as { entries: unknown[] }).entries).toEqual([expected]);
    }
    expect(decodeCsv(bytes).encoding).toBe('gb18030');
  });

  it('reads UTF-8 with a BOM, quoted fields with commas, quotes and line breaks, CRLF', async () => {
    const root = writeTree({});
    const quoted = [...row];
    quoted[3] = '发布含有"国家级"、"最高级"用语的广告，首次发布';
    const text = '\ufeff' + toCsv([header, quoted, row]);
    expect(text).toContain('"发布含有""国家级""、""最高级""用语的广告，首次发布"');
    expect(text).toContain('"1.首次违法\n2.危害后果轻微\n3.及时改正"');
    writeFileSync(join(root, 'rc.csv'), text);
    const outcome = await importFile({ path: join(root, 'rc.csv'), kind: kinds.get('leniency')!, config });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.encoding).toBe('utf-8');
    expect(outcome.result.problems).toEqual([]);
    expect(outcome.result.entries.map((e) => e.data)).toEqual([{ ...expected, violation: '发布含有"国家级"、"最高级"用语的广告，首次发布' }, expected]);
    expect(outcome.result.entries.map((e) => e.row)).toEqual([2, 3]);
  });

  it('parses RFC 4180 CSV', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"f\r\ng",,h\n\n"i"')).toEqual([['a', 'b,c', 'd"e'], ['f\ng', '', 'h'], [''], ['i']]);
    expect(parseCsv('x\ry')).toEqual([['x'], ['y']]);
    expect(parseCsv('')).toEqual([]);
  });
});
