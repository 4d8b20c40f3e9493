import { describe, expect, it } from 'vitest';
import { rule } from '../../src/rules/unknown-law.js';
import { brief, DEPARTMENTS, LAWS, runRule } from '../helpers/tree.js';

const item = (basis: string) => `kind: items
entries:
  - code: '12345678901234'
    main_name: 食品经营监督
    name: 对食品经营者的监督检查
    action: 行政检查
    basis: ${basis}
    level: 区级
    department: market
`;

const run = (basis: string) => runRule({ 'departments.yaml': DEPARTMENTS, 'laws.yaml': LAWS, 'items.yaml': item(basis) }, rule).diagnostics;

describe('unknown-law', () => {
  it('accepts a full title, a short title and the title without 中华人民共和国', () => {
    expect(run('《中华人民共和国食品安全法》第一百一十条、《行政处罚法》第三十三条、《食品安全法》第一百二十六条')).toEqual([]);
  });

  it('reports an unknown title at 《…》, once however many articles follow it', () => {
    const diagnostics = run('《中华人民共和国食品安全法》第一百一十条、《食品安全法实施条例》第二条、第三条、第五十一、五十二条');
    expect(brief(diagnostics)).toEqual(['unknown-law/unknown items.yaml:7:33']);
    expect(diagnostics[0]!.location!.endColumn).toBe(44);
    expect(diagnostics[0]!.data).toMatchObject({ title: '食品安全法实施条例', suggestion: '' });
  });

  it('suggests the closest registered title', () => {
    const diagnostics = run('《中华人民共和国食品安全》第一百一十条');
    expect(brief(diagnostics)).toEqual(['unknown-law/unknown items.yaml:7:12']);
    expect(diagnostics[0]!.data.suggestion).toBe('，是否为《中华人民共和国食品安全法》？');
    expect(diagnostics[0]!.data.suggestion_en).toBe('; did you mean 《中华人民共和国食品安全法》?');
  });

  it('reports each occurrence of an unknown title', () => {
    const diagnostics = run('《某某条例》第二条；《某某条例》第三条');
    expect(brief(diagnostics)).toEqual(['unknown-law/unknown items.yaml:7:12', 'unknown-law/unknown items.yaml:7:22']);
  });
});
