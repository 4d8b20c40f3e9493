/**
 * Fuzzing with fast-check: for any input the outcome is a result or
 * diagnostics, never an uncaught exception, a rule crash or a location that
 * points outside the file. Bounded in runs so CI stays fast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseCitations } from '../../src/link/citation.js';
import { checkCatalog } from '../../src/check/index.js';
import { catalogOf, DEPARTMENTS, LAWS } from '../helpers/tree.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

/** Text made of the characters that matter to the parsers: YAML indicators, CJK, brackets, numerals, control characters. */
const trickyText = fc.string({
  unit: fc.constantFrom(
    ...'《》〈〉第条款项之至、，；：:-[]{}#&*!|>\'"%@`?\n\t  （）()一二三四五六七八九十百千零0123456789食品安全法区局委実\u200b\u202e\ufeff\u0000'.split(''),
  ),
  maxLength: 200,
});

function checkLocations(files: Record<string, string>, diagnostics: ReturnType<typeof checkCatalog>): void {
  for (const d of diagnostics) {
    if (!d.location) continue;
    const text = files[d.location.file];
    if (text === undefined) continue;
    const lines = text.split(/\r\n|\r|\n/);
    expect(d.location.line).toBeGreaterThanOrEqual(1);
    expect(d.location.line).toBeLessThanOrEqual(lines.length + 1);
    expect(d.location.column).toBeGreaterThanOrEqual(1);
  }
}

describe('fuzz: citation parser', () => {
  it('never throws, and every citation and problem points inside the text', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        const { citations, problems } = parseCitations(text, { requireCitation: true });
        for (const c of [...citations, ...problems]) {
          expect(c.start).toBeGreaterThanOrEqual(0);
          expect(c.end).toBeLessThanOrEqual(text.length);
          expect(c.start).toBeLessThanOrEqual(c.end);
        }
      }),
      { numRuns: RUNS * 20 },
    );
  });
});

describe('fuzz: loader and validation', () => {
  it('turns any text into diagnostics with locations inside the file, never an exception', () => {
    fc.assert(
      fc.property(trickyText, fc.constantFrom('kind: items\nentries:\n', 'kind: tasks\n', '', 'entries:\n  - '), (tail, head) => {
        const files = { 'a.yaml': head + tail };
        const catalog = catalogOf(files);
        checkLocations(files, [...catalog.diagnostics]);
      }),
      { numRuns: RUNS },
    );
  });
});

/** Entries built from the schemas' own vocabularies, with random text and random references. */
const inspection = fc.record({
  code: fc.stringMatching(/^[0-9A-Z]{4,22}$/),
  name: fc.string({ minLength: 2, maxLength: 12, unit: fc.constantFrom(...'食品经营监督检查特种设备电梯药品'.split('')) }),
  item: fc.constantFrom('12345678901234', '12345678901235', 'nope'),
  category: fc.constantFrom('日常检查', '专项检查'),
  methods: fc.uniqueArray(fc.constantFrom('现场检查', '书面检查', '网络检查', '抽样检测'), { minLength: 1 }),
  random: fc.boolean(),
  full_coverage: fc.boolean(),
  objects: fc.constantFrom('食品经营者', '电梯使用单位', '药品零售企业'),
  basis: fc.constantFrom('《中华人民共和国食品安全法》第一百一十条', '《食品安全法》第200条', '《不存在法》第一条', '第三条'),
  sampling: fc.array(fc.record({ grade: fc.constantFrom('A', 'B', 'C', 'D', 'E'), ratio: fc.integer({ min: 0, max: 100 }), per_year: fc.integer({ min: 0, max: 12 }) }), { maxLength: 4 }),
  department: fc.constantFrom('market', 'health', '区卫健委', '区域指中心'),
});
const leniency = fc.record({
  code: fc.stringMatching(/^[A-Z]{2}-RC-\d{3}$/),
  category: fc.constantFrom('食品', '广告'),
  violation: fc.constantFrom('未按规定公示许可证', '未建立进货查验记录', '使用绝对化用语'),
  violated: fc.constantFrom('《中华人民共和国食品安全法》第五十三条', '《食品安全法》第二十七条'),
  penalty_basis: fc.constantFrom('《中华人民共和国食品安全法》第一百二十六条第一款第（三）项'),
  treatment: fc.constantFrom('不予处罚', '从轻处罚', '减轻处罚'),
  conditions: fc.array(fc.constantFrom('首次违法', '危害后果轻微', '及时改正', '应当不予处罚的首次违法'), { minLength: 1, maxLength: 3 }),
  terms: fc.array(fc.record({ term: fc.constant('首次违法'), definition: fc.constantFrom('二年内第一次', '一年内第一次') }), { maxLength: 1 }),
  ground: fc.constantFrom('《中华人民共和国行政处罚法》第三十三条第一款', '《行政处罚法》第二十七条', '《行政处罚法》第三十二条'),
  item: fc.constantFrom('12345678901234', '12345678901235'),
  department: fc.constantFrom('market', 'health'),
  valid_from: fc.constantFrom('2020-01-01', '2026-01-01'),
  valid_to: fc.constantFrom('2021-12-31', '2027-12-31'),
});

const ITEMS = `kind: items
entries:
  - code: '12345678901234'
    main_name: 食品经营监督
    name: 对食品经营者的监督检查
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: market
    approval: { type: 告知承诺, department: health, level: 市级 }
  - code: '12345678901235'
    main_name: 食品经营监督
    name: 对食品经营者违法行为的行政处罚
    action: 行政处罚
    basis: 《中华人民共和国食品安全法》第一百二十六条
    level: 区级
    department: market
`;

describe('fuzz: check end to end', () => {
  it('runs every rule over random lists without a crash, with locations inside the files', () => {
    fc.assert(
      fc.property(fc.array(inspection, { maxLength: 8 }), fc.array(leniency, { maxLength: 6 }), (inspections, lenient) => {
        const files = {
          'qingdan.config.yaml': 'edition:\n  date: 2026-11-20\nkey_supervision_cap: 1\n',
          'departments.yaml': DEPARTMENTS,
          'laws.yaml': LAWS,
          'items.yaml': ITEMS,
          'inspections.yaml': stringify({ kind: 'inspections', entries: inspections }),
          'leniency.yaml': stringify({ kind: 'leniency', entries: lenient }),
          'key.yaml': stringify({
            kind: 'key-supervision',
            entries: [{ code: 'ZD-001', field: '食品', name: '食品重点监管', items: ['12345678901234'], reason: '涉及生命健康', measures: ['跟踪监管'], departments: ['market'] }],
          }),
        };
        const catalog = catalogOf(files);
        const diagnostics = checkCatalog(catalog);
        expect(diagnostics.filter((d) => d.ruleId === 'rule')).toEqual([]);
        checkLocations(files, diagnostics);
      }),
      { numRuns: RUNS },
    );
  });
});
