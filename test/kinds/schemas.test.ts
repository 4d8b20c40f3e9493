/** Each built-in kind's schema accepts a realistic entry and rejects broken ones. */
import { describe, expect, it } from 'vitest';
import { buildKinds } from '../../src/config/load.js';
import { defaultConfig } from '../../src/config/index.js';
import { createAjv } from '../../src/validate/ajv.js';
import { BUILTIN_KIND_NAMES } from '../../src/kinds/index.js';

const { kinds, diagnostics } = buildKinds(defaultConfig());
const ajv = createAjv();
const validator = (name: string) => ajv.compile(kinds.get(name)!.entrySchema);

const valid: Record<string, Record<string, unknown>> = {
  departments: { id: 'market', name: '北京市大兴区市场监督管理局', short_name: '区市场监管局', aliases: ['区市场监督管理局'], member: true, role: '成员单位' },
  laws: {
    id: 'administrative-penalty-law',
    title: '中华人民共和国行政处罚法',
    short_titles: ['行政处罚法'],
    level: '法律',
    effective: '2021-07-15',
    articles: 86,
    renumberings: [{ effective: '2021-07-15', from: '27.2', to: '33.1' }],
  },
  items: {
    code: '11000000000001',
    main_name: '食品经营监督检查',
    name: '对食品经营者的监督检查',
    action: '行政检查',
    basis: '《中华人民共和国食品安全法》第一百一十条',
    level: '区级',
    department: 'market',
    approval: { type: '审批', department: 'market', level: '区级' },
  },
  inspections: {
    code: '11110000000000000X1001',
    name: '食品经营者日常监督检查',
    item: '11000000000001',
    category: '日常检查',
    methods: ['现场检查', '书面检查'],
    random: true,
    objects: '食品经营者',
    basis: '《中华人民共和国食品安全法》第一百一十条',
    sampling: [
      { grade: 'A', ratio: 3, per_year: 1 },
      { grade: 'D', ratio: 100, per_year: 2 },
    ],
    department: 'market',
  },
  'key-supervision': {
    code: 'ZD-001',
    field: '特种设备',
    name: '电梯使用单位重点监管',
    items: ['11000000000001'],
    reason: '直接涉及公共安全和人民群众生命健康',
    measures: ['跟踪监管', '直接指导'],
    traceability: '电梯使用标志和产品编码追溯',
    departments: ['market'],
  },
  leniency: {
    code: 'SCJG-RC-001',
    category: '广告',
    violation: '广告使用绝对化用语，首次违法且危害后果轻微并及时改正',
    violated: '《中华人民共和国广告法》第九条第（三）项',
    penalty_basis: '《中华人民共和国广告法》第五十七条',
    treatment: '不予处罚',
    conditions: ['首次违法', '危害后果轻微', '及时改正'],
    corrections: ['责令改正', '批评教育'],
    ground: '《中华人民共和国行政处罚法》第三十三条第一款',
    department: 'market',
    valid_from: '2026-01-01',
    valid_to: '2027-12-31',
  },
};

const invalid: Record<string, [string, Record<string, unknown>, string][]> = {
  departments: [
    ['id with capitals', { id: 'Market' }, 'pattern'],
    ['unknown role', { role: '组长' }, 'enum'],
  ],
  laws: [
    ['unknown level', { level: '法规' }, 'enum'],
    ['impossible date', { effective: '2021-02-30' }, 'format'],
    ['renumbering without target', { renumberings: [{ effective: '2021-07-15', from: '27' }] }, 'required'],
  ],
  items: [
    ['action outside 监管行为', { action: '行政检察' }, 'enum'],
    ['level outside 实施层级', { level: '县级' }, 'enum'],
    ['approval type outside the list', { approval: { type: '许可' } }, 'enum'],
    ['an extra field', { colour: 'red' }, 'additionalProperties'],
  ],
  inspections: [
    ['检查类别 outside', { category: '例行检查' }, 'enum'],
    ['methods as a string', { methods: '现场检查' }, 'type'],
    ['ratio over 100', { sampling: [{ grade: 'A', ratio: 120 }] }, 'maximum'],
  ],
  'key-supervision': [
    ['no items', { items: [] }, 'minItems'],
    ['unknown field', { field: '金融' }, 'enum'],
  ],
  leniency: [
    ['treatment outside', { treatment: '免予处罚' }, 'enum'],
    ['date not ISO', { valid_to: '2027/12/31' }, 'format'],
  ],
};

describe('built-in kinds', () => {
  it('are all defined, valid against the kind-definition schema', () => {
    expect(diagnostics).toEqual([]);
    expect(kinds.names).toEqual([...BUILTIN_KIND_NAMES]);
  });

  for (const name of BUILTIN_KIND_NAMES) {
    describe(name, () => {
      it('accepts a realistic entry', () => {
        const validate = validator(name);
        expect(validate(valid[name]), JSON.stringify(validate.errors)).toBe(true);
      });
      it('requires its required fields', () => {
        const validate = validator(name);
        for (const field of kinds.get(name)!.entrySchema.required ?? []) {
          const entry = { ...valid[name] };
          delete entry[field];
          expect(validate(entry), field).toBe(false);
          expect(validate.errors!.some((e) => e.keyword === 'required')).toBe(true);
        }
      });
      for (const [what, change, keyword] of invalid[name] ?? []) {
        it(`rejects ${what}`, () => {
          const validate = validator(name);
          expect(validate({ ...valid[name], ...change })).toBe(false);
          expect(validate.errors!.map((e) => e.keyword)).toContain(keyword);
        });
      }
      it('gives every field a Chinese title and closes the entry (additionalProperties: false)', () => {
        const kind = kinds.get(name)!;
        expect(kind.entrySchema.additionalProperties).toBe(false);
        for (const [field, schema] of Object.entries(kind.entrySchema.properties ?? {})) {
          expect(schema.title, field).toMatch(/\p{Script=Han}/u);
        }
        for (const column of kind.columns) expect(column.header).toMatch(/\p{Script=Han}/u);
      });
    });
  }
});

describe('field titles', () => {
  it('name nested fields and array elements in Chinese', () => {
    const inspections = kinds.get('inspections')!;
    expect(inspections.fieldTitle('methods')).toBe('检查方式');
    expect(inspections.fieldTitle(['methods', 0])).toBe('检查方式第1项');
    expect(inspections.fieldTitle(['sampling', 1, 'ratio'])).toBe('抽查比例（%）');
    expect(inspections.fieldTitle(['sampling', 1])).toBe('抽查比例和频次第2项');
    expect(kinds.get('items')!.fieldTitle('approval.type')).toBe('审批方式');
    expect(kinds.get('items')!.fieldTitle('nothing')).toBe('nothing');
  });
});
