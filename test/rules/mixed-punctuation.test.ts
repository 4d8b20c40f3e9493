import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/mixed-punctuation.js';
import { brief, DEPARTMENTS, runRule } from '../helpers/tree.js';

const item = (fields: string) => `kind: items
entries:
  - code: '12345678901234'
    action: 行政检查
    level: 区级
    department: market
${fields}`;

const run = (fields: string) => runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': item(fields) }, rule).diagnostics;

describe('mixed-punctuation', () => {
  it('leaves numbers, URLs, ASCII text and full-width punctuation alone', () => {
    const fields = `    main_name: 食品经营监督（含网络食品交易）
    name: 对食品经营者的监督检查，每年不少于1次
    basis: 《中华人民共和国食品安全法》第一百二十六条第一款第（三）项
    objects: 'A,B;C:D (E) Node.js(v20)版本'
    remarks: 罚款1,000元，比例3.5%，时间12:30，详见http://www.example.cn/a,b?c=1 或 https://例子.中国/路径,文件
`;
    expect(run(fields)).toEqual([]);
  });

  it('reports each half-width mark between Chinese characters, with its full-width form', () => {
    const fields = `    main_name: 食品,药品经营监督
    name: 对食品经营者的监督检查
    basis: 《中华人民共和国食品安全法》第一百二十六条(三)
    remarks: 备注:无
`;
    const diagnostics = run(fields);
    expect(brief(diagnostics)).toEqual([
      'mixed-punctuation/half-width items.yaml:7:18',
      'mixed-punctuation/half-width items.yaml:9:33',
      'mixed-punctuation/half-width items.yaml:9:35',
      'mixed-punctuation/half-width items.yaml:10:16',
    ]);
    expect(diagnostics.map((d) => `${d.data.char}→${d.data.suggestion}`)).toEqual([',→，', '(→（', ')→）', ':→：']);
    expect(diagnostics[0]!.severity).toBe('warning');
    expect(diagnostics[0]!.location!.endColumn).toBe(19);
  });

  it('treats parentheses as a pair: around Chinese, or between Chinese', () => {
    const fields = `    main_name: 符合标准(GB 2760)要求
    name: GB 2760-2014(食品添加剂使用标准)
    basis: 《中华人民共和国食品安全法》第一百一十条
    remarks: 是否合格?
`;
    const diagnostics = run(fields);
    expect(brief(diagnostics)).toEqual([
      'mixed-punctuation/half-width items.yaml:7:20',
      'mixed-punctuation/half-width items.yaml:7:28',
      'mixed-punctuation/half-width items.yaml:8:23',
      'mixed-punctuation/half-width items.yaml:8:33',
      'mixed-punctuation/half-width items.yaml:10:18',
    ]);
  });
});
