/**
 * The round trip: the workbooks that `qingdan build` writes import back with
 * `qingdan import` to the same entries, field for field, for every field the
 * workbook shows: on the repository's lists/, and on a small tree of the
 * cases that are easy to get wrong.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/link/index.js';
import { compile } from '../../src/pipeline.js';
import { DEPARTMENTS, writeTree } from '../helpers/tree.js';
import { run } from './run.js';

/** The fields a workbook shows; a department by its short name; an empty cell is no field. */
function shown(catalog: Catalog, kindName: string, data: Record<string, unknown>): Record<string, unknown> {
  const kind = catalog.kinds.get(kindName)!;
  const row: Record<string, unknown> = {};
  for (const c of kind.columns) {
    let value: unknown = data;
    for (const part of c.field.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
    const isDepartment = kind.references.some((r) => r.field === c.field && r.to === 'departments' && (r.form ?? 'id') === 'id');
    const name = (v: unknown) => (typeof v === 'string' ? (catalog.departments.resolve(v)?.canonical ?? v) : v);
    if (isDepartment) value = Array.isArray(value) ? value.map(name) : name(value);
    if (value !== undefined && value !== '') row[c.field] = value;
  }
  return row;
}

/** Build the lists of `cwd`, import every 附件 back, compare each kind. Returns the kinds compared. */
async function roundTrip(cwd: string, lists: string): Promise<string[]> {
  const catalog = compile({ paths: [lists], cwd });
  const out = writeTree({});
  const build = await run(['build', lists, '--out', join(out, 'dist'), '--force', '-q'], cwd);
  expect(build.code, build.stderr + build.stdout).toBe(0);
  const byNumber = new Map(Object.entries(catalog.config.attachments).map(([kind, n]) => [n, kind]));
  const workbooks = readdirSync(join(out, 'dist')).filter((f) => /^附件\d+.*\.xlsx$/.test(f));
  const compared: string[] = [];
  for (const file of workbooks) {
    const kind = byNumber.get(Number(/^附件(\d+)/.exec(file)![1]))!;
    const imported = await run(['import', join(out, 'dist', file), '--kind', kind, '--dry-run'], cwd);
    expect(imported.stderr, file).not.toContain('不认识的列');
    const entries = (parse(imported.stdout) as { entries: Record<string, unknown>[] }).entries;
    const expected = catalog.entries(kind).map((e) => shown(catalog, kind, e.data as Record<string, unknown>));
    expect(entries.map((e) => shown(catalog, kind, e)), file).toEqual(expected);
    compared.push(kind);
  }
  return compared.sort();
}

describe('round trip: qingdan build → qingdan import', () => {
  it('gives back the data of every attachment of lists/', async () => {
    const kinds = await roundTrip(process.cwd(), 'lists');
    expect(kinds).toEqual(['inspections', 'items', 'key-supervision', 'leniency', 'tasks']);
  }, 120_000);

  it('gives back the hard cases: lone items with 、, sentences, 是/否, numbers, grades, merged categories', async () => {
    const inspections = `kind: inspections
department: market
entries:
  - code: SCJG-JC-001
    name: 餐具、饮具清洗消毒检查
    item: SCJG-SX-001
    category: 日常检查
    methods: [现场检查, 抽样检测]
    random: true
    objects: 餐饮服务提供者
    contents: [餐具、饮具清洗消毒]
    basis: 《中华人民共和国食品安全法》第一百一十条
    sampling:
      - { grade: A, ratio: 2.5 }
      - { grade: D, ratio: 100, per_year: 4 }
    joint_departments: [health, 区卫健委]
  - code: SCJG-JC-002
    name: 冷链食品检查
    item: SCJG-SX-002
    category: 日常检查
    methods: [网络检查]
    random: false
    objects: 冷链食品经营者，含“进口冷链”
    contents: [进货查验, 贮存温度]
    basis: "《中华人民共和国食品安全法》第五十三条\\n《中华人民共和国食品安全法》第一百一十条"
    remarks: 'A、B 两级：每年一次'
  - code: SCJG-JC-003
    name: 专项检查
    item: SCJG-SX-002
    category: 专项检查
    methods: [其他]
    objects: 全部
    contents: [原料控制：进货查验, 加工制作]
    basis: 《中华人民共和国食品安全法》第一百一十条
`;
    const leniency = `kind: leniency
entries:
  - code: SCJG-RC-001
    category: 广告
    violation: 广告使用“国家级”用语
    violated: 《中华人民共和国广告法》第九条
    penalty_basis: 《中华人民共和国广告法》第五十七条
    treatment: 不予处罚
    conditions: [首次违法, 危害后果轻微, 及时改正]
    corrections: [责令改正]
    ground: 《中华人民共和国行政处罚法》第三十三条第一款
    department: market
  - code: SCJG-RC-002
    category: 广告
    violation: 未标明广告字样
    violated: 《中华人民共和国广告法》第十四条
    penalty_basis: 《中华人民共和国广告法》第五十九条
    treatment: 从轻处罚
    conditions: [初次违法，且在市场监管部门发现前主动改正]
    corrections: [责令改正, 约谈]
    ground: 《中华人民共和国行政处罚法》第三十二条
    department: 区市场监管局
`;
    const config = 'attachments:\n  inspections: 1\n  leniency: 2\ncodes:\n  inspections: "^SCJG-JC-\\\\d{3}$"\n';
    const root = writeTree({ 'lists/qingdan.config.yaml': config, 'lists/departments.yaml': DEPARTMENTS, 'lists/inspections.yaml': inspections, 'lists/leniency.yaml': leniency });
    expect(await roundTrip(root, 'lists')).toEqual(['inspections', 'leniency']);
  }, 120_000);
});
