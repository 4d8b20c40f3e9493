#!/usr/bin/env node
/**
 * A generated tree of lists for the benchmark: seeded (the same arguments give
 * the same bytes), Chinese text, entries spread over the departments of
 * lists/departments.yaml and over the kinds (items, inspections, leniency,
 * key supervision), citing the laws of lists/laws.yaml, with about 1% broken
 * entries (schema errors, unknown references, duplicate codes, bad citations)
 * and a YAML syntax error in one file of 50, so that the error paths
 * are measured too.
 *
 *   node test/bench/generate.mjs --entries 100000 --out /tmp/tree [--per-file 1000] [--seed 1]
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import jsyaml from 'js-yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const EDITION_DATE = '2026-11-20';

/** Share of each kind in the tree (the rest of an entry budget goes to inspections). */
const SHARES = { items: 0.2, inspections: 0.5, leniency: 0.25, 'key-supervision': 0.05 };

/** What each department supervises: objects, activities and the laws it cites. */
const DOMAINS = {
  market: {
    objects: ['餐饮服务提供者', '食品销售经营者', '食品生产企业', '特种设备使用单位', '电梯维护保养单位', '网络交易平台经营者', '商品零售经营者', '广告发布者', '计量器具使用单位', '集中用餐单位食堂'],
    activities: ['食品安全', '特种设备安全', '价格行为', '广告发布', '产品质量', '计量', '网络交易', '标签标识'],
    laws: ['food-safety-law', 'special-equipment-safety-law', 'price-law', 'advertising-law', 'product-quality-law', 'e-commerce-law'],
    field: '食品',
  },
  health: {
    objects: ['医疗机构', '公共场所经营者', '集中式供水单位', '消毒产品生产企业', '职业病危害用人单位', '放射诊疗机构', '托幼机构', '学校卫生室'],
    activities: ['医疗服务', '公共场所卫生', '生活饮用水卫生', '传染病防治', '职业卫生', '放射卫生', '消毒管理'],
    laws: ['public-places-hygiene-regulation', 'medical-institution-regulation', 'medical-waste-regulation', 'drug-administration-law', 'medical-device-regulation'],
    field: '公共卫生',
  },
  emergency: {
    objects: ['危险化学品经营单位', '工贸企业', '有限空间作业单位', '粉尘涉爆企业', '烟花爆竹零售经营单位', '冶金企业', '仓储物流企业'],
    activities: ['安全生产', '危险化学品安全', '有限空间作业', '粉尘防爆', '应急预案管理', '安全培训'],
    laws: ['work-safety-law'],
    field: '安全生产',
  },
  'ecology-environment': {
    objects: ['排污单位', '建设项目单位', '医疗废物处置单位', '机动车排放检验机构', '餐饮油烟排放单位'],
    activities: ['排污许可', '环境影响评价', '噪声污染防治', '固体废物污染防治', '大气污染防治'],
    laws: ['noise-pollution-law'],
    field: '生态环境',
  },
  'housing-construction': {
    objects: ['建筑施工企业', '房地产开发企业', '物业服务企业', '预拌混凝土生产企业', '建设工程监理单位'],
    activities: ['施工安全', '工程质量', '物业服务', '房地产经纪', '扬尘治理'],
    laws: ['work-safety-law', 'product-quality-law'],
    field: '建设工程',
  },
  'culture-tourism': {
    objects: ['旅行社', '营业性演出经营单位', '网吧', '娱乐场所', 'A级旅游景区'],
    activities: ['旅游服务', '演出市场', '上网服务', '娱乐场所经营'],
    laws: ['work-safety-law'],
    field: '其他',
  },
  transport: {
    objects: ['道路运输经营者', '机动车维修经营者', '出租汽车经营者', '驾驶员培训机构'],
    activities: ['道路运输', '机动车维修', '客运服务', '危险货物运输'],
    laws: ['work-safety-law'],
    field: '其他',
  },
  agriculture: {
    objects: ['农药经营者', '兽药经营者', '种子生产经营者', '饲料生产企业', '生猪屠宰企业'],
    activities: ['农药经营', '兽药质量', '种子质量', '饲料安全', '动物防疫'],
    laws: ['product-quality-law'],
    field: '食品',
  },
  commerce: {
    objects: ['单用途预付卡发卡企业', '报废机动车回收企业', '二手车交易市场', '成品油零售企业'],
    activities: ['预付卡管理', '再生资源回收', '成品油流通', '商贸流通安全'],
    laws: ['e-commerce-law', 'price-law'],
    field: '其他',
  },
  education: {
    objects: ['校外培训机构', '民办学校', '学校食堂', '幼儿园'],
    activities: ['办学行为', '校园安全', '学校食品安全', '收费行为'],
    laws: ['food-safety-law', 'price-law'],
    field: '食品',
  },
};
const PLACES = ['兴丰街道', '林校路街道', '清源街道', '观音寺街道', '天宫院街道', '黄村镇', '旧宫镇', '西红门镇', '瀛海镇', '亦庄镇', '青云店镇', '采育镇', '安定镇', '礼贤镇', '榆垡镇', '庞各庄镇', '北臧村镇', '魏善庄镇', '长子营镇', '大兴国际机场临空经济区'];
const SPECIFICS = ['冷链食品', '散装白酒', '网红食品', '婴幼儿配方乳粉', '保健食品', '校园周边', '农村集市', '电梯', '锅炉', '压力容器', '燃气器具', '儿童用品', '电动自行车', '消防产品', '装饰装修材料', '汽车配件', '计量器具', '加油机', '眼镜制配', '美容美发', '游泳场所', '住宿场所', '二次供水', '口腔诊疗', '医疗美容', '疫苗接种', '危险废物', '有限空间', '铝镁粉尘', '液氨制冷', '烟花爆竹', '油气储存', '夜间施工', '渣土运输', '老旧小区', '长租公寓', '网约车', '共享单车', '景区索道', '剧本娱乐', '密室逃脱', '校外培训', '托育机构', '养老机构', '农药残留', '兽药残留', '种子标签', '饲料添加剂', '生猪屠宰', '预付消费'];
/** Characters of place and business names, for the names that make entries distinct. */
const NAME_CHARS = '安宝北昌成诚大德东丰福富广国海和恒宏华辉佳嘉建金锦京久康乐利联隆龙美明南鹏平启庆仁荣瑞润盛顺泰天通万旺伟祥新鑫兴旭阳业亿益永裕元园源远跃云长正志中众';
const QUALIFIERS = ['日常', '专项', '重点时段', '节假日', '汛期', '夜间', '网络', '跨区域', '新设', '高风险', '中风险', '低风险'];
const CHECKS = ['许可证件及其公示情况', '进货查验记录', '从业人员健康管理', '设施设备维护保养', '安全管理制度落实情况', '应急预案及演练', '台账记录是否完整', '标签标识是否规范', '隐患排查治理情况', '培训教育记录', '投诉举报处理情况', '整改落实情况'];
const MEASURES = ['每年全覆盖现场检查', '跟踪监管：对发现问题的单位逐一复查整改情况', '直接指导：会同主管部门指导落实主体责任', '信用分级分类监管', '开展专项整治'];
const CONDITIONS = ['首次违法', '危害后果轻微', '在责令改正期限内改正', '未造成危害后果', '主动消除或者减轻违法行为危害后果', '配合行政机关查处违法行为有立功表现'];
const CORRECTIONS = ['责令改正', '批评教育', '约谈提醒', '指导建立管理制度', '回访检查'];
const REMARKS = ['按年度抽查计划执行。', '与相关部门联合开展。', '列入重点监管清单。', '结合信用风险分类结果确定频次。', '数值待核实确认后方可正式发布。'];
const TREATMENTS = [['不予处罚', 33, '第一款'], ['从轻处罚', 32, ''], ['减轻处罚', 32, '']];

/** mulberry32: a small, fast, seeded generator. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIGITS = '零一二三四五六七八九';
/** 1..9999 in Chinese numerals, as laws number their articles (一百一十, not 一百十). */
function chineseNumber(n) {
  if (n < 10) return DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i];
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    out += DIGITS[d] + unit;
  });
  return out;
}

/** A YAML plain scalar when safe, else double-quoted. */
function scalar(value) {
  if (typeof value !== 'string') return String(value);
  return /^[\p{Script=Han}A-Za-z（《][^:#\n]*$/u.test(value) && !/\s$/.test(value) ? value : JSON.stringify(value);
}

function flowList(values) {
  return `[${values.map(scalar).join(', ')}]`;
}

export function generateTree({ entries: total, out, perFile = 1000, seed = 1 }) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  /** A business or community name: what tells two otherwise alike entries apart. */
  const named = () => Array.from({ length: 4 }, () => pick(NAME_CHARS)).join('');
  const some = (list, min, max) => {
    const n = min + Math.floor(rnd() * (max - min + 1));
    const copy = [...list];
    const chosen = [];
    while (chosen.length < n && copy.length > 0) chosen.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0]);
    return chosen;
  };

  const departmentsText = readFileSync(join(ROOT, 'lists/departments.yaml'), 'utf8');
  const lawsText = readFileSync(join(ROOT, 'lists/laws.yaml'), 'utf8');
  const laws = new Map(jsyaml.load(lawsText, { schema: jsyaml.CORE_SCHEMA }).entries.map((l) => [l.id, l]));
  const departments = Object.keys(DOMAINS);
  const prefixOf = (id) => id.replace(/-/g, '').toUpperCase().slice(0, 6);

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'departments.yaml'), departmentsText);
  writeFileSync(join(out, 'laws.yaml'), lawsText);
  const codes = Object.fromEntries(
    [['items', 'SX', 6], ['inspections', 'JC', 7], ['leniency', 'RC', 6], ['key-supervision', 'ZD', 6]].map(([kind, tag, n]) => [kind, `^[A-Z]{2,6}-${tag}-\\d{${n}}$`]),
  );
  writeFileSync(
    join(out, 'qingdan.config.yaml'),
    jsyaml.dump({
      edition: { jurisdiction: '北京市大兴区', title: '事中事后监管清单（基准测试生成数据）', edition: '基准测试', sample: true, date: EDITION_DATE },
      codes,
      key_supervision_cap: 1_000_000,
    }),
  );

  /** A citation of a law the department cites, within the law's articles. */
  const citation = (domain) => {
    const law = laws.get(pick(domain.laws)) ?? laws.get('work-safety-law');
    const max = typeof law.articles === 'number' ? law.articles : 60;
    const articles = some(Array.from({ length: max }, (_, i) => i + 1), 1, 2).sort((a, b) => a - b);
    return `《${law.title}》${articles.map((a) => `第${chineseNumber(a)}条`).join('、')}`;
  };

  // Budget: entries per department and kind; items first so that the others can refer to them.
  const budget = {};
  for (const [kind, share] of Object.entries(SHARES)) budget[kind] = Math.floor(total * share);
  budget.inspections += total - Object.values(budget).reduce((a, b) => a + b, 0);

  const itemsOf = new Map(departments.map((d) => [d, { inspection: [], penalty: [], compulsory: [] }]));
  const serial = { items: 0, inspections: 0, leniency: 0, 'key-supervision': 0 };
  const state = { broken: 0, syntaxFiles: [], files: 0, entries: 0 };
  let lastCode;

  const write = (department, kind, fileIndex, lines, header) => {
    const name = kind === 'key-supervision' ? `${department}/key-supervision-${String(fileIndex).padStart(4, '0')}.yaml` : `${department}/${kind}-${String(fileIndex).padStart(4, '0')}.yaml`;
    mkdirSync(join(out, department), { recursive: true });
    let text = [...header, 'entries:', ...lines].join('\n') + '\n';
    // One file in 50 holds a YAML syntax error (an over-indented line).
    if (state.files % 50 === 10) {
      const all = text.split('\n');
      const candidates = all.map((l, i) => [l, i]).filter(([l]) => /^ {4}[a-z_]+: \S/.test(l));
      const [line, at] = pick(candidates);
      all[at] = '  ' + line;
      text = all.join('\n');
      state.syntaxFiles.push(name);
    }
    writeFileSync(join(out, name), text);
    state.files++;
  };

  /** One entry as YAML lines, maybe broken (about 1% of the entries). */
  const entryLines = (fields, kind) => {
    state.entries++;
    if (rnd() < 0.01) {
      state.broken++;
      const how = Math.floor(rnd() * 7);
      const keys = Object.keys(fields).filter((k) => k !== 'code');
      if (how === 0) delete fields[pick(keys)];
      else if (how === 1) fields.remark = pick(REMARKS);
      else if (how === 2 && lastCode) fields.code = lastCode;
      else if (how === 3) fields.department = '区食药监局';
      else if (how === 4 && 'item' in fields) fields.item = fields.item.replace(/\d+$/, (d) => '9'.repeat(d.length));
      else if (how === 5 && kind === 'inspections') fields.category = '日常检察';
      else fields.name = 'x';
    }
    lastCode = fields.code;
    const lines = [];
    let first = true;
    for (const [key, value] of Object.entries(fields)) {
      const lead = first ? '  - ' : '    ';
      first = false;
      if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object') {
        lines.push(`${lead}${key}:`);
        for (const v of value) lines.push(`      - { ${Object.entries(v).map(([k, x]) => `${k}: ${scalar(x)}`).join(', ')} }`);
      } else if (Array.isArray(value) && value.join('').length > 30) {
        lines.push(`${lead}${key}:`);
        for (const v of value) lines.push(`      - ${scalar(v)}`);
      } else if (Array.isArray(value)) lines.push(`${lead}${key}: ${flowList(value)}`);
      else if (value !== null && typeof value === 'object') lines.push(`${lead}${key}: { ${Object.entries(value).map(([k, x]) => `${k}: ${scalar(x)}`).join(', ')} }`);
      else if (typeof value === 'string' && value.length > 60) lines.push(`${lead}${key}: >-`, `      ${value.slice(0, 40)}`, `      ${value.slice(40)}`);
      else lines.push(`${lead}${key}: ${scalar(value)}`);
    }
    return lines;
  };

  const perDepartment = (kind) => {
    const n = budget[kind];
    return departments.map((d, i) => Math.floor(n / departments.length) + (i < n % departments.length ? 1 : 0));
  };

  const makers = {
    items(department, domain) {
      const code = `${prefixOf(department)}-SX-${String(++serial.items).padStart(6, '0')}`;
      const r = rnd();
      const [action, list, verb] = r < 0.55 ? ['行政检查', 'inspection', '监督检查'] : r < 0.9 ? ['行政处罚', 'penalty', '行政处罚'] : ['行政强制', 'compulsory', '行政强制'];
      const inspection = action === '行政检查';
      const activity = pick(domain.activities);
      const object = pick(domain.objects);
      itemsOf.get(department)[list].push(code);
      const fields = {
        code,
        main_name: `对${activity}的${verb}`,
        name: `对${pick(PLACES)}${named()}${pick(SPECIFICS)}${object}${pick(QUALIFIERS)}${activity}的${verb}`,
        action,
        objects: object,
        basis: citation(domain),
        level: '区级',
      };
      if (inspection && rnd() < 0.5) fields.approval = { type: pick(['审批', '备案']), name: `${activity}许可`, department, level: '区级' };
      if (rnd() < 0.2) fields.remarks = pick(REMARKS);
      return fields;
    },
    inspections(department, domain) {
      const items = itemsOf.get(department).inspection;
      // Every inspection item gets inspections, in turn (no supervision vacuum).
      const item = items[serial.inspections % Math.max(1, items.length)] ?? `${prefixOf(department)}-SX-000000`;
      const code = `${prefixOf(department)}-JC-${String(++serial.inspections).padStart(7, '0')}`;
      const object = pick(domain.objects);
      const fields = {
        code,
        name: `${pick(PLACES)}${named()}${pick(SPECIFICS)}${object}${pick(domain.activities)}${pick(QUALIFIERS)}${pick(['检查', '巡查', '抽查', '核查'])}`,
        item,
        category: '日常检查',
        methods: some(['现场检查', '书面检查', '网络检查', '抽样检测'], 1, 2),
        random: true,
        targets: '企业',
        objects: `${pick(PLACES)}${object}`,
        contents: some(CHECKS, 2, 5),
        basis: citation(domain),
        sampling: [
          { grade: 'A', ratio: 3, per_year: 1 },
          { grade: 'B', ratio: 5, per_year: 1 },
          { grade: 'C', ratio: 10, per_year: 2 },
          { grade: 'D', ratio: 20, per_year: 2 },
        ],
      };
      if (rnd() < 0.1) fields.full_coverage = true;
      if (rnd() < 0.2) fields.remarks = pick(REMARKS);
      return fields;
    },
    leniency(department, domain) {
      const items = itemsOf.get(department).penalty;
      const [treatment, article, paragraph] = pick(TREATMENTS);
      const object = pick(domain.objects);
      const fields = {
        code: `${prefixOf(department)}-RC-${String(++serial.leniency).padStart(6, '0')}`,
        category: pick(domain.activities),
        violation: `${pick(PLACES)}${named()}${pick(SPECIFICS)}${object}未按规定落实${pick(domain.activities)}${pick(CHECKS)}要求`,
        violated: citation(domain),
        penalty_basis: citation(domain),
        treatment,
        conditions: some(CONDITIONS.filter((c) => c !== '首次违法'), 2, 3),
        corrections: some(CORRECTIONS, 1, 3),
        ground: `《中华人民共和国行政处罚法》第${chineseNumber(article)}条${paragraph}`,
        item: items[serial.leniency % Math.max(1, items.length)] ?? `${prefixOf(department)}-SX-000000`,
        valid_from: '2026-01-01',
        valid_to: '2027-12-31',
      };
      if (rnd() < 0.1) fields.remarks = pick(REMARKS);
      return fields;
    },
    'key-supervision'(department, domain) {
      // Compulsory-measure items: an inspection item would need full-coverage inspections, a penalty item clashes with leniency.
      const items = itemsOf.get(department).compulsory;
      const fields = {
        code: `${prefixOf(department)}-ZD-${String(++serial['key-supervision']).padStart(6, '0')}`,
        field: domain.field,
        name: `${pick(PLACES)}${named()}${pick(SPECIFICS)}${pick(domain.objects)}${pick(domain.activities)}${pick(QUALIFIERS)}重点监管`,
        items: [items[serial['key-supervision'] % Math.max(1, items.length)] ?? `${prefixOf(department)}-SX-000000`],
        objects: pick(domain.objects),
        reason: `${pick(domain.activities)}风险较高，一旦发生事故影响面广，直接涉及人民群众生命健康和财产安全。`,
        measures: some(MEASURES, 1, 3),
        basis: citation(domain),
        departments: [department],
      };
      if (['食品', '药品', '医疗器械', '特种设备'].includes(domain.field)) fields.traceability = '建立进货查验记录，按批次留存供货者、生产批号、保质期等信息，推行电子化追溯记录。';
      return fields;
    },
  };

  for (const kind of ['items', 'inspections', 'leniency', 'key-supervision']) {
    const counts = perDepartment(kind);
    departments.forEach((department, d) => {
      const domain = DOMAINS[department];
      let fileIndex = 0;
      for (let done = 0; done < counts[d]; ) {
        const n = Math.min(perFile, counts[d] - done);
        const lines = [];
        for (let i = 0; i < n; i++) {
          if (i % 50 === 0) lines.push(`  # ${pick(domain.activities)}`);
          lines.push(...entryLines(makers[kind](department, domain), kind));
        }
        const header = [
          `# 生成的${kind}清单（基准测试数据，非正式清单）。`,
          `kind: ${kind}`,
          ...(kind === 'key-supervision' ? [] : [`department: ${department}`]),
        ];
        write(department, kind, ++fileIndex, lines, header);
        done += n;
      }
    });
  }
  return { files: state.files + 2, entries: state.entries, broken: state.broken, syntaxFiles: state.syntaxFiles };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      entries: { type: 'string', default: '10000' },
      out: { type: 'string' },
      'per-file': { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (!values.out) {
    process.stderr.write('usage: node test/bench/generate.mjs --entries <n> --out <dir> [--per-file <n>] [--seed <n>]\n');
    process.exit(2);
  }
  const summary = generateTree({ entries: Number(values.entries), out: values.out, perFile: Number(values['per-file']), seed: Number(values.seed) });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}
