/**
 * A small clean tree for the build tests: a departments registry, laws,
 * supervision items whose 主项 repeat (merged cells), inspection checklists
 * (two-level header: 抽查项目 over 检查类别 | 检查事项名称) and leniency
 * entries (one header level), attachments 2, 3 and 5.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { build, buildTimestamp } from '../../src/emit/build.js';
import type { Manifest } from '../../src/emit/manifest.js';
import { openDataEmitter } from '../../src/emit/opendata.js';
import type { Emitter } from '../../src/emit/types.js';
import { workbookEmitter } from '../../src/emit/xlsx/index.js';
import { compile } from '../../src/pipeline.js';
import { checkCatalog } from '../../src/check/index.js';
import type { Catalog } from '../../src/link/index.js';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import { DEPARTMENTS, writeTree } from '../helpers/tree.js';

export const CONFIG = `edition:
  jurisdiction: 北京市大兴区
  issuer: 北京市大兴区事中事后监管工作联席会议办公室
  title: 北京市大兴区事中事后监管清单
  edition: 第一版（示例）
  sample: true
  date: 2026-11-20
  notes:
    - 各部门应于每年第一季度更新本清单。
attachments:
  items: 2
  inspections: 3
  leniency: 5
`;

export const LAWS = `kind: laws
entries:
  - id: food-safety-law
    title: 中华人民共和国食品安全法
    short_titles: [食品安全法]
    level: 法律
    effective: 2021-04-29
    articles: 154
  - id: medical-institutions
    title: 医疗机构管理条例
    level: 行政法规
    effective: 2022-05-01
    articles: 53
  - id: administrative-penalty-law
    title: 中华人民共和国行政处罚法
    short_titles: [行政处罚法]
    level: 法律
    effective: 2021-07-15
    articles: 86
`;

export const ITEMS = `kind: items
entries:
  - code: '11000000000001'
    main_name: 食品经营监督检查
    name: 对食品经营者经营活动的监督检查
    action: 行政检查
    objects: 食品经营者
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: 区市场监管局
  - code: '11000000000002'
    main_name: 食品经营监督检查
    name: 对网络食品交易第三方平台提供者的检查
    action: 行政检查
    objects: 网络食品交易第三方平台提供者
    basis: 《中华人民共和国食品安全法》第六十二条
    level: 区级
    department: 区市场监管局
  - code: '11000000000003'
    main_name: 医疗机构监督检查
    name: 对医疗机构执业活动的监督检查
    action: 行政检查
    objects: 医疗机构
    basis: 《医疗机构管理条例》第四十条
    level: 区级
    department: 区卫生健康委
  - code: '11000000000004'
    main_name: 食品经营行政处罚
    name: 对未按规定公示食品经营许可证的行政处罚
    action: 行政处罚
    objects: 食品经营者
    basis: 《中华人民共和国食品安全法》第一百四十五条
    level: 区级
    department: 区市场监管局
`;

export const INSPECTIONS = `kind: inspections
entries:
  - code: 11110115MB0000001X1000001
    name: 食品销售者日常监督检查
    item: '11000000000001'
    category: 日常检查
    methods: [现场检查, 书面检查]
    random: true
    objects: 食品销售者
    contents: [食品经营许可证是否在有效期内, 从业人员健康证明是否齐全, 进货查验记录是否完整]
    basis: 《中华人民共和国食品安全法》第一百一十条
    sampling:
      - { grade: A, ratio: 3, per_year: 1 }
      - { grade: B, ratio: 5, per_year: 1 }
      - { grade: C, ratio: 10, per_year: 2 }
      - { grade: D, ratio: 100, per_year: 4 }
    department: 区市场监管局
  - code: 11110115MB0000001X1000002
    name: 网络食品交易第三方平台日常检查
    item: '11000000000002'
    category: 日常检查
    methods: [网络检查]
    random: true
    objects: 网络食品交易第三方平台提供者
    contents: [是否对入网食品经营者进行实名登记]
    basis: 《中华人民共和国食品安全法》第六十二条
    department: 区市场监管局
  - code: 11110115MB0000002X1000001
    name: 医疗机构执业情况专项检查
    item: '11000000000003'
    category: 专项检查
    methods: [现场检查]
    random: false
    objects: 医疗机构
    contents: [执业许可证是否有效]
    basis: 《医疗机构管理条例》第四十条
    department: 区卫生健康委
`;

export const LENIENCY = `kind: leniency
entries:
  - code: SC-RC-001
    category: 食品经营
    violation: 食品经营者未按规定公示食品经营许可证
    violated: 《中华人民共和国食品安全法》第三十五条
    penalty_basis: 《中华人民共和国食品安全法》第一百二十六条
    treatment: 不予处罚
    conditions: [首次违法, 危害后果轻微并及时改正]
    corrections: [责令改正, 批评教育]
    ground: 《中华人民共和国行政处罚法》第三十三条第一款
    item: '11000000000004'
    department: 区市场监管局
    valid_from: 2026-01-01
    valid_to: 2027-12-31
`;

export const TREE: Record<string, string> = {
  'lists/qingdan.config.yaml': CONFIG,
  'lists/departments.yaml': DEPARTMENTS,
  'lists/laws.yaml': LAWS,
  'lists/market/items.yaml': ITEMS,
  'lists/market/inspections.yaml': INSPECTIONS,
  'lists/market/leniency.yaml': LENIENCY,
};

/** Write the tree (with changes) under a new temporary folder; returns the folder. */
export function fixtureTree(changes: Record<string, string> = {}): string {
  return writeTree({ ...TREE, ...changes });
}

export function compileTree(root: string): { catalog: Catalog; diagnostics: Diagnostic[] } {
  const catalog = compile({ paths: ['lists'], cwd: root });
  return { catalog, diagnostics: [...catalog.diagnostics, ...checkCatalog(catalog)] };
}

export interface FixtureBuild {
  outDir: string;
  manifest: Manifest;
  catalog: Catalog;
}

/** Compile a tree and publish its workbooks and open data with the library's build (no CLI), into `out` under the tree. */
export async function buildFixture(
  root: string,
  options: { out?: string; draft?: boolean; by?: 'department'; sheetRows?: number; emitters?: readonly Emitter[] } = {},
): Promise<FixtureBuild> {
  const { catalog, diagnostics } = compileTree(root);
  const result = await build(catalog, {
    out: options.out ?? 'dist',
    draft: options.draft ?? false,
    diagnostics,
    timestamp: buildTimestamp(catalog.config, {}),
    sources: ['lists'],
    sourceDir: join(root, 'lists'),
    version: '0.0.0-test',
    options: { by: options.by, sheetRows: options.sheetRows },
    // The site is someone else's stage: these tests look at the workbooks and open data.
    emitters: options.emitters ?? [workbookEmitter, openDataEmitter],
  });
  return { outDir: result.outDir, manifest: result.manifest, catalog };
}

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}
