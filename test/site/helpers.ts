/**
 * Site tests: a small tree of every list kind, emitted into a fresh folder,
 * and Debian's chromium driven by playwright-core over file:// URLs.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { checkCatalog } from '../../src/check/index.js';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import { siteEmitter } from '../../src/emit/site/index.js';
import type { Artifact } from '../../src/emit/types.js';
import type { Catalog } from '../../src/link/index.js';
import { catalogOf, DEPARTMENTS, LAWS } from '../helpers/tree.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'qingdan-site-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export const CONFIG = `edition:
  jurisdiction: 北京市大兴区
  issuer: 北京市大兴区事中事后监管工作联席会议办公室
  title: 北京市大兴区事中事后监管清单
  edition: 第一版
  date: 2026-11-20
  written: 2026-11-10
  published: 2026-11-20
  index_number: 000014348/2026-00123
  doc_number: 京兴监管办发〔2026〕1号
  validity: 有效
  notes:
    - 本清单实行动态调整。
attachments:
  items: 2
  inspections: 3
  key-supervision: 4
  leniency: 5
codes:
  items: '^[A-Z]{2,6}-SX-\\d{3}$'
  inspections: '^[A-Z]{2,6}-JC-\\d{3}$'
  key-supervision: '^ZD-\\d{3}$'
  leniency: '^[A-Z]{2,6}-RC-\\d{3}$'
`;

export const ITEMS = `kind: items
entries:
  - code: SCJG-SX-001
    main_name: 食品经营监督检查
    name: 对餐饮服务提供者的监督检查
    action: 行政检查
    objects: 取得食品经营许可的餐饮服务提供者
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: market
  - code: SCJG-SX-002
    main_name: 食品经营监督检查
    name: 对学校食堂的监督检查
    action: 行政检查
    objects: 学校、托幼机构食堂
    basis: 《中华人民共和国食品安全法》第五十七条、第一百一十条
    level: 区级
    department: 区市场监督管理局
  - code: SCJG-SX-003
    main_name: 食品安全行政处罚
    name: 对未取得许可从事食品经营的处罚
    action: 行政处罚
    basis: 《中华人民共和国食品安全法》第一百二十二条
    level: 区级
    department: market
  - code: WSJK-SX-001
    main_name: 公共场所卫生监督
    name: 对公共场所卫生的监督检查
    action: 行政检查
    objects: 住宿、沐浴、美容美发场所
    basis: 《公共场所卫生管理条例》第十条
    level: 区级
    department: 区卫健委
  - code: WSJK-SX-002
    main_name: 公共场所卫生监督
    name: 对游泳场所卫生的监督检查
    action: 行政检查
    basis: 《公共场所卫生管理条例》第十条
    level: 区级
    department: health
`;

export const INSPECTIONS = `kind: inspections
entries:
  - code: SCJG-JC-001
    name: 餐饮服务食品安全日常监督检查
    item: SCJG-SX-001
    category: 日常检查
    methods: [现场检查]
    random: true
    objects: 餐饮服务提供者
    contents: [食品经营许可证件公示, 进货查验记录]
    basis: 《中华人民共和国食品安全法》第一百一十条
    sampling:
      - { grade: A, ratio: 3, per_year: 1 }
      - { grade: D, ratio: 20, per_year: 2 }
    department: market
  - code: SCJG-JC-002
    name: 节假日餐饮服务食品安全专项检查
    item: SCJG-SX-001
    category: 专项检查
    methods: [现场检查, 抽样检测]
    random: false
    objects: 节假日客流集中区域的餐饮服务提供者
    basis: 《中华人民共和国食品安全法》第一百一十条
    department: market
  - code: SCJG-JC-003
    name: 学校食堂食品安全全覆盖检查
    item: SCJG-SX-002
    category: 日常检查
    methods: [现场检查]
    random: false
    full_coverage: true
    objects: 学校、托幼机构食堂
    basis: 《中华人民共和国食品安全法》第五十七条
    department: market
    joint_departments: [health]
  - code: WSJK-JC-001
    name: 公共场所卫生日常监督检查
    item: WSJK-SX-001
    category: 日常检查
    methods: [现场检查]
    random: true
    objects: 住宿、沐浴、美容美发场所
    basis: 《公共场所卫生管理条例》第十条
    department: health
`;

export const KEY_SUPERVISION = `kind: key-supervision
entries:
  - code: ZD-001
    field: 食品
    name: 学校食堂食品安全
    items: [SCJG-SX-002]
    reason: 就餐人员集中，直接涉及人民群众生命健康。
    measures: [每年全覆盖现场检查]
    departments: [market, education-missing]
`;

export const LENIENCY = `kind: leniency
entries:
  - code: SCJG-RC-001
    category: 食品经营
    violation: 未按规定公示食品经营许可证
    violated: 《中华人民共和国食品安全法》第三十五条
    penalty_basis: 《中华人民共和国食品安全法》第一百二十六条
    treatment: 不予处罚
    conditions: [首次违法, 及时改正]
    ground: 《中华人民共和国行政处罚法》第三十三条第一款
    department: market
  - code: WSJK-RC-001
    category: 公共场所卫生
    violation: 未按规定公示卫生许可证
    violated: 《公共场所卫生管理条例》第八条
    penalty_basis: 《公共场所卫生管理条例》第十四条
    treatment: 从轻处罚
    conditions: [首次违法]
    ground: 《中华人民共和国行政处罚法》第三十二条
    department: health
`;

export const EXTRA_DEPARTMENTS = `kind: departments
entries:
  - id: emergency
    name: 北京市大兴区应急管理局
    short_name: 区应急管理局
    member: true
`;

/** A tree with every kind, each a file; `extra` adds or replaces files. */
export function siteTree(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'qingdan.config.yaml': CONFIG,
    'departments.yaml': DEPARTMENTS,
    'departments-more.yaml': EXTRA_DEPARTMENTS,
    'laws.yaml': LAWS,
    'market/items.yaml': ITEMS,
    'market/inspections.yaml': INSPECTIONS,
    'market/key-supervision.yaml': KEY_SUPERVISION,
    'market/leniency.yaml': LENIENCY,
    ...extra,
  };
}

export interface EmittedSite {
  catalog: Catalog;
  diagnostics: Diagnostic[];
  outDir: string;
  siteDir: string;
  artifacts: Artifact[];
}

export interface EmitOptions {
  draft?: boolean;
  options?: Record<string, unknown>;
  /** Files the build would have written beside site/ (workbooks, CSV, JSON). */
  beside?: readonly string[];
  outDir?: string;
  /** The findings to pass (default: run every rule, as a build does). */
  diagnostics?: Diagnostic[];
}

/** Emit the site of a catalog into a fresh output folder. */
export async function emitCatalog(catalog: Catalog, options: EmitOptions = {}): Promise<EmittedSite> {
  const diagnostics = options.diagnostics ?? [...catalog.diagnostics, ...checkCatalog(catalog)];
  const outDir = options.outDir ?? tempDir('qingdan-site-out-');
  for (const name of options.beside ?? []) writeFileSync(join(outDir, name), 'x');
  const artifacts = await siteEmitter.emit({
    catalog,
    outDir,
    draft: options.draft ?? false,
    diagnostics,
    timestamp: new Date(`${catalog.date}T00:00:00Z`),
    options: options.options ?? {},
    progress() {},
  });
  return { catalog, diagnostics, outDir, siteDir: join(outDir, 'site'), artifacts };
}

export async function emitTree(files: Record<string, string>, options: EmitOptions = {}): Promise<EmittedSite> {
  return emitCatalog(catalogOf(files), options);
}

export function read(site: EmittedSite, path: string): string {
  return readFileSync(join(site.siteDir, path), 'utf8');
}

/** Every file under a folder, relative path → bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

export function fileUrl(site: EmittedSite, path: string): string {
  return `file://${join(site.siteDir, path)}`;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

/** A page that records console errors and page errors. */
export async function open(context: BrowserContext, url: string): Promise<OpenedPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

/** axe-core's serious and critical violations on the page (axe injected as a script: the context must bypass CSP). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}
