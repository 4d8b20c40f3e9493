import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../src/check/index.js';
import { rule as mixedPunctuation } from '../../src/rules/mixed-punctuation.js';
import { rule } from '../../src/rules/stray-whitespace.js';
import { rule as variantCharacter } from '../../src/rules/variant-character.js';
import { brief, catalogOf, DEPARTMENTS, runRule } from '../helpers/tree.js';

const item = (fields: string, code = "'12345678901234'") => `kind: items
entries:
  - code: ${code}
    action: 行政检查
    level: 区级
    department: market
${fields}`;

const run = (fields: string, code?: string) => runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': item(fields, code) }, rule).diagnostics;

describe('stray-whitespace', () => {
  it('passes single spaces between words and line breaks in block text', () => {
    const fields = `    main_name: 食品经营监督
    name: 对食品经营者执行 GB 2760 标准情况的监督检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    remarks: |
      第一行
      第二行
`;
    expect(run(fields)).toEqual([]);
  });

  it('reports leading, trailing, doubled, between-Chinese and invisible characters, naming each', () => {
    const fields = `    main_name: ' 食品经营监督'
    name: '对食品经营者的监督检查  '
    basis: 《中华人民共和国食品安全法》第一百一十条
    objects: 食品 药品经营者
    remarks: GB  2760，详见附件\u3000二，含\u200b零宽空格
`;
    const diagnostics = run(fields);
    expect(brief(diagnostics)).toEqual([
      'stray-whitespace/leading items.yaml:7:17',
      'stray-whitespace/trailing items.yaml:8:23',
      'stray-whitespace/between-cjk items.yaml:10:16',
      'stray-whitespace/doubled items.yaml:11:16',
      'stray-whitespace/between-cjk items.yaml:11:27',
      'stray-whitespace/invisible items.yaml:11:31',
    ]);
    expect(diagnostics.map((d) => d.data.chars)).toEqual([
      'U+0020 空格',
      'U+0020 空格 ×2',
      'U+0020 空格',
      'U+0020 空格 ×2',
      'U+3000 全角空格',
      'U+200B 零宽空格',
    ]);
    expect(diagnostics[5]!.data.chars_en).toBe('U+200B zero-width space');
    expect(diagnostics[1]!.location!.endColumn).toBe(25);
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('reports unusual spaces, bidi controls, and blanks in codes', () => {
    const fields = `    main_name: 食品经营监督
    name: 'version 1.0\u00a0beta'
    basis: 《中华人民共和国食品安全法》第一百一十条
    remarks: 对食品\u202e经营者
`;
    const diagnostics = run(fields, "'12345678901234 '");
    expect(brief(diagnostics)).toEqual([
      'stray-whitespace/trailing items.yaml:3:26',
      'stray-whitespace/unusual items.yaml:8:23',
      'stray-whitespace/invisible items.yaml:10:17',
    ]);
    expect(diagnostics.map((d) => d.data.chars_en)).toEqual(['U+0020 space', 'U+00A0 no-break space', 'U+202E bidirectional control']);
    expect(diagnostics[0]!.location!.pointer).toBe('/entries/0/code');
  });

  it('reports every blank and invisible character it names, between Chinese characters', () => {
    const blanks = [0x09, 0xa0, 0x1680, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i), 0x202f, 0x205f, 0x3000];
    const invisible = [0xad, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0xfeff, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
    const label = (u: number) => 'U+' + u.toString(16).toUpperCase().padStart(4, '0');
    const escaped = [...blanks, ...invisible].map((u) => '\\u' + u.toString(16).padStart(4, '0'));
    const fields = `    main_name: 食品经营监督
    name: 对食品经营者的监督检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    remarks: "食${escaped.join('食')}品"
`;
    const diagnostics = run(fields);
    expect(diagnostics.map((d) => `${d.messageId} ${String(d.data.chars_en).split(' ')[0]}`)).toEqual([
      ...blanks.map((u) => `between-cjk ${label(u)}`),
      ...invisible.map((u) => `invisible ${label(u)}`),
    ]);
  });

  it('finds the same when the other text rules have looked at the catalog first', () => {
    const fields = `    main_name: ' 食品経営,监督'
    name: 对食品\u3000经营者的监督检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    remarks: '備注:无  '
`;
    const files = { 'departments.yaml': DEPARTMENTS, 'items.yaml': item(fields, "'1234567890123\u00a04'") };
    const alone = checkCatalog(catalogOf(files), { rules: [rule] });
    const catalog = catalogOf(files);
    checkCatalog(catalog, { rules: [variantCharacter, mixedPunctuation] });
    expect(checkCatalog(catalog, { rules: [rule] })).toEqual(alone);
    expect(brief(alone)).toEqual([
      'stray-whitespace/unusual items.yaml:3:25',
      'stray-whitespace/leading items.yaml:7:17',
      'stray-whitespace/between-cjk items.yaml:8:14',
      'stray-whitespace/trailing items.yaml:10:19',
    ]);
  });
});
