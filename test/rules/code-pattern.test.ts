import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/code-pattern.js';
import { brief, DEPARTMENTS, runRule } from '../helpers/tree.js';

const items = (...codes: string[]) =>
  `kind: items
department: market
entries:
${codes
  .map(
    (code, i) => `  - code: '${code}'
    main_name: 食品经营监督
    name: 事项${i + 1}
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
`,
  )
  .join('')}`;

const inspection = (code: string) => `kind: inspections
entries:
  - code: '${code}'
    name: 对餐饮服务提供者的日常监督检查
    item: '12345678901234'
    category: 日常检查
    methods: [现场检查]
    objects: 餐饮服务提供者
    basis: 《中华人民共和国食品安全法》第一百一十条
    department: market
`;

describe('code-pattern', () => {
  it('accepts codes in the national formats', () => {
    const { diagnostics } = runRule(
      { 'departments.yaml': DEPARTMENTS, 'items.yaml': items('12345678901234'), 'inspections.yaml': inspection('91110115MA01ABCDE31001') },
      rule,
    );
    expect(diagnostics).toEqual([]);
  });

  it('reports an item code that is not 14 digits, in words', () => {
    const { diagnostics } = runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': items('12345678901234', '1234567890123', 'SCJG-SX-001') }, rule);
    expect(brief(diagnostics)).toEqual(['code-pattern/national items.yaml:10:11', 'code-pattern/national items.yaml:16:11']);
    expect(diagnostics[0]!.data).toMatchObject({ code: '1234567890123', label: '监管事项编码', format: '14 位数字' });
  });

  it('reports an inspection code that does not start with a unified social credit code', () => {
    // 91110115MA01ABCDE3 is the unified social credit code (no I, O, Z, S, V), then the category digit (1–5), then the serial.
    const { diagnostics } = runRule({ 'departments.yaml': DEPARTMENTS, 'inspections.yaml': inspection('91110115MA01ABCDEI1001') }, rule);
    expect(brief(diagnostics)).toEqual(['code-pattern/national inspections.yaml:3:11']);
    const wrongCategory = runRule({ 'departments.yaml': DEPARTMENTS, 'inspections.yaml': inspection('91110115MA01ABCDE37001') }, rule);
    expect(brief(wrongCategory.diagnostics)).toEqual(['code-pattern/national inspections.yaml:3:11']);
  });

  it('checks a configured pattern instead of the national one, and shows it', () => {
    const config = `codes:\n  items: '^[A-Z]{2,6}-SX-\\d{3}$'\n`;
    const { diagnostics } = runRule(
      { 'qingdan.config.yaml': config, 'departments.yaml': DEPARTMENTS, 'items.yaml': items('SCJG-SX-001', '12345678901234') },
      rule,
    );
    expect(brief(diagnostics)).toEqual(['code-pattern/pattern items.yaml:10:11']);
    expect(diagnostics[0]!.data).toMatchObject({ code: '12345678901234', kind: '监管事项目录清单', pattern: '/^[A-Z]{2,6}-SX-\\d{3}$/' });
  });
});
