import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worksheet } from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { buildKinds } from '../../src/config/load.js';
import { buildTable } from '../../src/emit/xlsx/table.js';
import { sheetName, writeWorkbook, type WorkbookSpec } from '../../src/emit/xlsx/workbook.js';
import { buildFixture, fixtureTree, ITEMS, readWorkbook, type FixtureBuild } from './fixtures.js';

/** A row's values from column A on (exceljs rows are 1-based with a hole at 0). */
function values(sheet: Worksheet, row: number): unknown[] {
  const v = sheet.getRow(row).values as unknown[];
  return v.slice(1);
}

function merges(sheet: Worksheet): string[] {
  return (sheet.model as unknown as { merges: string[] }).merges;
}

const ITEMS_FILE = '附件2-监管事项目录清单.xlsx';
const INSPECTIONS_FILE = '附件3-检查实施清单.xlsx';
const LENIENCY_FILE = '附件5-轻微违法行为容错纠错清单.xlsx';

describe('the Excel attachments', () => {
  let built: FixtureBuild;
  beforeAll(async () => {
    built = await buildFixture(fixtureTree());
  });

  it('writes one workbook per kind with an attachment number, named from the kind’s title', () => {
    const workbooks = readdirSync(built.outDir).filter((f) => f.endsWith('.xlsx')).sort();
    expect(workbooks).toEqual([ITEMS_FILE, INSPECTIONS_FILE, LENIENCY_FILE]);
  });

  it('puts 附件N flush left in A1 in the header font, then the merged title row', async () => {
    const sheet = (await readWorkbook(join(built.outDir, ITEMS_FILE))).worksheets[0]!;
    expect(sheet.name).toBe('监管事项目录清单');
    expect(sheet.getCell('A1').value).toBe('附件2');
    expect(sheet.getCell('A1').font.name).toBe('黑体');
    expect(sheet.getCell('A1').alignment.horizontal).toBe('left');
    expect(sheet.getCell('A2').value).toBe('北京市大兴区监管事项目录清单（示例）');
    expect(sheet.getCell('A2').font.name).toBe('方正小标宋简体');
    expect(sheet.getCell('A2').alignment.horizontal).toBe('center');
    expect(merges(sheet)).toContain('A2:J2');
  });

  it('writes two header levels where columns have a group, merged across and down', async () => {
    const sheet = (await readWorkbook(join(built.outDir, ITEMS_FILE))).worksheets[0]!;
    expect(values(sheet, 3)).toEqual(['序号', '监管事项', '监管事项', '子项编码', '监管行为', '监管对象', '设定依据', '实施层级', '实施部门', '备注']);
    expect(values(sheet, 4)).toEqual(['序号', '主项名称', '子项名称', '子项编码', '监管行为', '监管对象', '设定依据', '实施层级', '实施部门', '备注']);
    const m = merges(sheet);
    for (const range of ['A3:A4', 'B3:C3', 'D3:D4', 'G3:G4', 'J3:J4']) expect(m).toContain(range);
    for (const cell of ['A3', 'B3', 'C4', 'J4']) {
      expect(sheet.getCell(cell).font.name, cell).toBe('黑体');
      expect(sheet.getCell(cell).border.top?.style, cell).toBe('thin');
      expect(sheet.getCell(cell).border.left?.style, cell).toBe('thin');
    }
  });

  it('writes one header row when no column has a group', async () => {
    const sheet = (await readWorkbook(join(built.outDir, LENIENCY_FILE))).worksheets[0]!;
    expect(values(sheet, 3)).toEqual(['序号', '类别', '违法行为', '违反条款', '处罚依据', '处理方式', '适用条件', '纠错措施', '法律依据', '实施部门']);
    expect(values(sheet, 4)[0]).toBe(1);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.pageSetup.printTitlesRow).toBe('3:3');
  });

  it('writes every entry with a computed 序号, in the body font, with thin borders', async () => {
    const sheet = (await readWorkbook(join(built.outDir, ITEMS_FILE))).worksheets[0]!;
    const items = built.catalog.entries('items');
    expect(items).toHaveLength(4);
    items.forEach((item, i) => {
      const row = values(sheet, 5 + i);
      expect(row[0]).toBe(i + 1);
      expect(row[2]).toBe(item.data.name);
      expect(row[3]).toBe(item.data.code);
      expect(row[4]).toBe(item.data.action);
      expect(row[6]).toBe(item.data.basis);
      expect(row[7]).toBe(item.data.level);
      expect(row[8]).toBe(item.data.department);
    });
    for (const cell of ['A5', 'B6', 'G7', 'J8']) {
      expect(sheet.getCell(cell).font.name, cell).toBe('仿宋');
      expect(sheet.getCell(cell).alignment, cell).toMatchObject({ vertical: 'middle', wrapText: true });
      expect(sheet.getCell(cell).border.bottom?.style, cell).toBe('thin');
      expect(sheet.getCell(cell).border.right?.style, cell).toBe('thin');
    }
    expect(sheet.getColumn(1).width).toBe(6);
    expect(sheet.getColumn(2).width).toBe(22);
    expect(sheet.getColumn(7).width).toBe(44);
  });

  it('publishes departments named by id or alias by their short names', async () => {
    const items = ITEMS.replace('department: 区市场监管局', 'department: market').replace('department: 区卫生健康委', 'department: 区卫健委');
    const b = await buildFixture(fixtureTree({ 'lists/market/items.yaml': items }));
    const sheet = (await readWorkbook(join(b.outDir, ITEMS_FILE))).worksheets[0]!;
    expect([5, 6, 7, 8].map((r) => sheet.getCell(`I${r}`).value)).toEqual(['区市场监管局', '区市场监管局', '区卫生健康委', '区市场监管局']);
  });

  it('merges equal consecutive category cells vertically', async () => {
    const sheet = (await readWorkbook(join(built.outDir, ITEMS_FILE))).worksheets[0]!;
    expect(sheet.getCell('B5').value).toBe('食品经营监督检查');
    expect(merges(sheet)).toContain('B5:B6');
    expect(sheet.getCell('B7').value).toBe('医疗机构监督检查');
    expect(merges(sheet).filter((m) => /^B[5-9]/.test(m))).toEqual(['B5:B6']);
  });

  it('writes lists as text: 、 between items, contents one per line, 是/否, sampling by credit grade', async () => {
    const sheet = (await readWorkbook(join(built.outDir, INSPECTIONS_FILE))).worksheets[0]!;
    const header = values(sheet, 4);
    const row = values(sheet, 5);
    const at = (h: string) => row[header.indexOf(h)];
    expect(at('检查方式')).toBe('现场检查、书面检查');
    expect(at('双随机、一公开')).toBe('是');
    expect(at('检查内容')).toBe('食品经营许可证是否在有效期内\n从业人员健康证明是否齐全\n进货查验记录是否完整');
    expect(at('抽查比例和频次')).toBe('A级：3%，每年1次；B级：5%，每年1次；C级：10%，每年2次；D级：100%，每年4次');
    expect(values(sheet, 7)[header.indexOf('双随机、一公开')]).toBe('否');
    // 日常检查 twice, then 专项检查: merged in the category column.
    expect(merges(sheet)).toContain('B5:B6');
  });

  it('freezes the header, prints landscape A4 fitted to the width with the header on every page and page numbers', async () => {
    const sheet = (await readWorkbook(join(built.outDir, ITEMS_FILE))).worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 0, ySplit: 4, topLeftCell: 'A5' });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4' });
    expect(sheet.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
    expect(sheet.autoFilter).toBe('A4:J8');
  });

  it('ends with a 备注 block: edition, date, the sample note and the configured notes', async () => {
    const sheet = (await readWorkbook(join(built.outDir, ITEMS_FILE))).worksheets[0]!;
    expect(sheet.getRow(9).values).toEqual([]);
    expect(sheet.getCell('A10').value).toBe('备注：');
    expect(sheet.getCell('A11').value).toBe('1．版次：第一版（示例）；版本日期：2026年11月20日。');
    expect(sheet.getCell('A12').value).toMatch(/^2．本清单为示例版本/);
    expect(sheet.getCell('A13').value).toBe('3．各部门应于每年第一季度更新本清单。');
    for (const r of [10, 11, 12, 13]) expect(merges(sheet)).toContain(`A${r}:J${r}`);
    expect(sheet.getCell('A11').border?.top).toBeUndefined();
  });

  it('sets the document properties from the edition, at the fixed timestamp', async () => {
    const workbook = await readWorkbook(join(built.outDir, INSPECTIONS_FILE));
    expect(workbook.title).toBe('北京市大兴区检查实施清单（示例）');
    expect(workbook.creator).toBe('北京市大兴区事中事后监管工作联席会议办公室');
    expect(workbook.lastModifiedBy).toBe('北京市大兴区事中事后监管工作联席会议办公室');
    expect(workbook.company).toBe('北京市大兴区事中事后监管工作联席会议办公室');
    expect(workbook.subject).toBe('北京市大兴区事中事后监管清单');
    expect(workbook.keywords).toBe('第一版（示例）');
    expect(workbook.created.toISOString()).toBe('2026-11-20T00:00:00.000Z');
    expect(workbook.modified.toISOString()).toBe('2026-11-20T00:00:00.000Z');
  });

  it('marks a draft in the title row, the page header, the 备注 and the properties', async () => {
    const draft = await buildFixture(fixtureTree(), { draft: true });
    const workbook = await readWorkbook(join(draft.outDir, ITEMS_FILE));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A2').value).toBe('北京市大兴区监管事项目录清单（示例）（草稿）');
    expect(sheet.headerFooter.oddHeader).toContain('草稿');
    expect(workbook.title).toContain('（草稿）');
    expect((workbook as unknown as { contentStatus?: string }).contentStatus).toBe('草稿');
    const notes = [11, 12, 13, 14].map((r) => String(sheet.getCell(`A${r}`).value));
    expect(notes.some((n) => n.includes('本清单为草稿'))).toBe(true);
  });

  it('writes each department’s share with --by department', async () => {
    const byDepartment = await buildFixture(fixtureTree(), { by: 'department' });
    const market = join(byDepartment.outDir, 'departments', '区市场监管局');
    const health = join(byDepartment.outDir, 'departments', '区卫生健康委');
    expect(readdirSync(market).filter((f) => f.endsWith('.xlsx')).sort()).toEqual([ITEMS_FILE, INSPECTIONS_FILE, LENIENCY_FILE]);
    expect(readdirSync(health).filter((f) => f.endsWith('.xlsx')).sort()).toEqual([ITEMS_FILE, INSPECTIONS_FILE]);
    const sheet = (await readWorkbook(join(health, ITEMS_FILE))).worksheets[0]!;
    expect(sheet.getCell('A2').value).toBe('北京市大兴区监管事项目录清单（区卫生健康委）（示例）');
    expect(values(sheet, 5).slice(0, 3)).toEqual([1, '医疗机构监督检查', '对医疗机构执业活动的监督检查']);
    expect(sheet.getRow(6).values).toEqual([]);
    expect(existsSync(join(byDepartment.outDir, ITEMS_FILE))).toBe(true);
  });
});

describe('long lists', () => {
  const kind = buildKinds(defaultConfig()).kinds.get('items')!;
  const spec: WorkbookSpec = {
    label: '附件2',
    title: '监管事项目录清单',
    sheetName: '监管事项目录清单',
    notes: ['版本日期：2026年11月20日。', '第二条备注。'],
    fonts: defaultConfig().fonts,
    properties: { title: '监管事项目录清单' },
    timestamp: new Date('2026-11-20T00:00:00Z'),
  };
  /** 120 items; 主项 change every 20 rows, so a run crosses the split at row 50. */
  const records = Array.from({ length: 120 }, (_, i) => ({
    code: String(11000000000000 + i),
    main_name: `主项${Math.floor(i / 20) + 1}`,
    name: `子项${i + 1}`,
    action: '行政检查',
    basis: '《中华人民共和国食品安全法》第一百一十条',
    level: '区级',
    department: '区市场监管局',
  }));
  const table = buildTable(kind, records);
  const dir = mkdtempSync(join(tmpdir(), 'qingdan-sheets-'));

  it('goes on in further sheets at the split size, each with its title and header, the 备注 on the last', async () => {
    const file = join(dir, 'split.xlsx');
    const progress: number[] = [];
    const result = await writeWorkbook(file, table, spec, { sheetRows: 50, progress: (n) => progress.push(n), progressEvery: 25 });
    expect(result.sheets).toBe(3);
    expect(progress).toEqual([25, 50, 75, 100, 120]);
    const workbook = await readWorkbook(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['监管事项目录清单（1）', '监管事项目录清单（2）', '监管事项目录清单（3）']);
    const [first, second, third] = workbook.worksheets as [Worksheet, Worksheet, Worksheet];
    for (const sheet of [first, second, third]) {
      expect(sheet.getCell('A1').value).toBe('附件2');
      expect(sheet.getCell('A2').value).toBe('监管事项目录清单');
      expect(values(sheet, 4)[1]).toBe('主项名称');
      expect(sheet.pageSetup.printTitlesRow).toBe('3:4');
    }
    // 序号 runs on across sheets.
    expect(values(first, 5)[0]).toBe(1);
    expect(values(first, 54)[0]).toBe(50);
    expect(first.getRow(55).values).toEqual([]);
    expect(values(second, 5).slice(0, 3)).toEqual([51, '主项3', '子项51']);
    expect(values(third, 24)[0]).toBe(120);
    // 主项3 covers rows 41–60: merged up to the end of sheet 1, and again from the top of sheet 2.
    expect(merges(first)).toContain('B45:B54');
    expect(merges(second)).toContain('B5:B14');
    expect(merges(second)).toContain('B15:B34');
    expect(first.getCell('A56').value).toBeNull();
    expect(third.getCell('A26').value).toBe('备注：');
    expect(third.getCell('A27').value).toBe('1．版本日期：2026年11月20日。');
    expect(first.autoFilter).toBe('A4:J54');
  });

  it('splits a run of merged cells longer than the merge limit', async () => {
    const file = join(dir, 'limit.xlsx');
    await writeWorkbook(file, buildTable(kind, records.slice(0, 7).map((r) => ({ ...r, main_name: '同一主项' }))), spec, { mergeLimit: 3 });
    const sheet = (await readWorkbook(file)).worksheets[0]!;
    expect(merges(sheet).filter((m) => m.startsWith('B') && !m.startsWith('B3'))).toEqual(['B5:B7', 'B8:B10']);
    expect(sheet.getCell('B11').value).toBe('同一主项');
  });

  it('makes sheet names Excel accepts', () => {
    expect(sheetName('a/b:c?d*e[f]g\\h', 0, 1)).toBe('a_b_c_d_e_f_g_h');
    expect(sheetName('很长的清单名称'.repeat(6), 1, 2)).toHaveLength(31);
    expect(sheetName('很长的清单名称'.repeat(6), 1, 2).endsWith('（2）')).toBe(true);
  });
});
