/**
 * Bench section: a 100,000-entry 检查实施清单 written as the Excel attachment
 * with the streaming writer, against the same rows written as plain CSV.
 * The entries are generated in memory from a seeded pseudo-random source, so
 * every run writes the same text.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../build/config/index.js';
import { buildKinds } from '../../build/config/load.js';
import { writeCsv } from '../../build/emit/opendata.js';
import { buildTable } from '../../build/emit/xlsx/table.js';
import { writeWorkbook } from '../../build/emit/xlsx/workbook.js';

export const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);

/** mulberry32: a small seeded generator, good enough to pick words. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OBJECTS = ['食品销售者', '餐饮服务提供者', '食品生产企业', '药品零售企业', '医疗器械经营企业', '化妆品经营者', '特种设备使用单位', '危险化学品经营单位', '公共场所经营者', '建筑施工企业', '网络交易平台经营者', '加油站', '游泳场所', '学校食堂'];
const ACTIVITIES = ['经营活动', '生产条件', '安全管理制度落实情况', '许可事项', '进货查验', '从业人员健康管理', '标签标识', '广告宣传', '计量器具使用', '价格行为'];
const CONTENTS = ['许可证是否在有效期内', '经营场所是否与许可一致', '从业人员是否持有有效健康证明', '进货查验记录是否完整', '是否建立食品安全追溯体系', '设备是否按期检验', '应急预案是否按规定演练', '台账是否真实完整', '是否存在超范围经营行为', '标签标识是否符合规定', '安全生产责任制是否落实', '隐患排查治理记录是否完整'];
const LAWS = ['中华人民共和国食品安全法', '中华人民共和国药品管理法', '医疗器械监督管理条例', '中华人民共和国特种设备安全法', '中华人民共和国安全生产法', '危险化学品安全管理条例', '公共场所卫生管理条例', '中华人民共和国广告法', '中华人民共和国计量法', '中华人民共和国价格法'];
const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const DEPARTMENTS = ['区市场监管局', '区卫生健康委', '区应急管理局', '区住房城乡建设委', '区生态环境局', '区城市管理委', '区交通局', '区文化和旅游局'];
const METHODS = ['现场检查', '书面检查', '网络检查', '抽样检测', '远程监管', '移动监管'];

function chineseNumber(n) {
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${DIGITS[n % 10]}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${DIGITS[n % 10]}`;
  const rest = n % 100;
  return `${DIGITS[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest)}`;
}

/** `n` inspection checklist entries, as a list file would hold them. */
export function generateInspections(n, seed = 20261120) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const some = (list, max) => {
    const count = 1 + Math.floor(next() * max);
    const out = new Set();
    while (out.size < count) out.add(pick(list));
    return [...out];
  };
  const entries = [];
  let category = '日常检查';
  for (let i = 0; i < n; i++) {
    // Categories come in runs, as in a real list, so their cells merge.
    if (next() < 0.02) category = category === '日常检查' ? '专项检查' : '日常检查';
    const object = pick(OBJECTS);
    const law = pick(LAWS);
    entries.push({
      code: `11110115MB0${String(1000000 + (i % 900000)).slice(1)}X${1 + (i % 5)}${String(i).padStart(6, '0')}`,
      name: `对${object}${pick(ACTIVITIES)}的${category === '日常检查' ? '日常' : '专项'}监督检查`,
      item: String(11000000000000 + (i % 5000)),
      category,
      methods: some(METHODS, 2),
      random: next() < 0.8,
      objects: object,
      contents: some(CONTENTS, 4),
      basis: `《${law}》第${chineseNumber(1 + Math.floor(next() * 150))}条`,
      sampling: [
        { grade: 'A', ratio: 3, per_year: 1 },
        { grade: 'B', ratio: 5, per_year: 1 },
        { grade: 'C', ratio: 10, per_year: 2 },
        { grade: 'D', ratio: 100, per_year: 4 },
      ],
      department: pick(DEPARTMENTS),
      ...(next() < 0.1 ? { joint_departments: [pick(DEPARTMENTS)] } : {}),
    });
  }
  return entries;
}

function inspectionsKind() {
  const { kinds } = buildKinds(defaultConfig());
  return kinds.get('inspections');
}

const SPEC = {
  label: '附件3',
  title: '北京市大兴区检查实施清单（基准测试）',
  sheetName: '检查实施清单',
  notes: ['版本日期：2026年11月20日。', '本表为基准测试生成的数据。'],
  fonts: { title: '方正小标宋简体', header: '黑体', body: '仿宋' },
  properties: { title: '北京市大兴区检查实施清单（基准测试）', creator: 'qingdan bench' },
  timestamp: new Date('2026-11-20T00:00:00Z'),
};

/** Run one case in this process; returns what it measured besides time and memory. */
async function run(caseId) {
  const records = generateInspections(ENTRIES);
  const table = buildTable(inspectionsKind(), records);
  const dir = mkdtempSync(join(tmpdir(), 'qingdan-bench-'));
  try {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    let file;
    if (caseId === 'csv') {
      file = join(dir, 'inspections.csv');
      await writeCsv(file, table);
    } else {
      file = join(dir, 'inspections.xlsx');
      await writeWorkbook(file, table, SPEC);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    return { seconds, cpuSeconds: (used.user + used.system) / 1e6, rows: table.rows.length, bytes: statSync(file).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default {
  name: 'workbook',
  title: `检查实施清单 ${ENTRIES.toLocaleString('en')} 条：Excel 附件（流式写入） vs CSV`,
  cases: [
    { id: 'csv', label: 'CSV (baseline)', baseline: true },
    { id: 'xlsx', label: 'xlsx, streaming writer' },
  ],
  run,
};
