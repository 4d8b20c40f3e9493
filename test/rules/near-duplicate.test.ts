import { distance } from 'fastest-levenshtein';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkCatalog } from '../../src/check/index.js';
import type { Catalog } from '../../src/link/index.js';
import { nearPairs, rule } from '../../src/rules/near-duplicate.js';
import { brief, catalogOf, DEPARTMENTS, runRule } from '../helpers/tree.js';

const item = (code: string, name: string, department = 'market') =>
  `  - { code: '${code}', main_name: 食品经营监督, name: ${name}, action: 行政检查, basis: 《中华人民共和国食品安全法》第一百一十条, level: 区级, department: ${department} }\n`;
const items = (...entries: string[]) => `kind: items\nentries:\n${entries.join('')}`;

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POOL = [...'餐饮服务食品销售经营者生产企业药品医疗器械化妆品特种设备危险化学品建筑工地养老机构学校托幼旅馆公共场所游泳美容美发集中用餐单位网络平台冷链仓储批发市场农贸超市商场加油站燃气供热排水道路运输出租汽车驾驶培训广告计量标准认证检验检测价格合同商标专利'];

function randomObject(next: () => number, minLength = 4): string {
  let text = '';
  const length = minLength + Math.floor(next() * 6);
  for (let i = 0; i < length; i++) text += POOL[Math.floor(next() * POOL.length)];
  return text;
}

describe('near-duplicate', () => {
  it('passes different names, near names of different departments, and exact duplicates (left to duplicate-entry)', () => {
    const list = items(
      item('12345678901234', '对食品经营者的监督检查'),
      item('12345678901235', '对餐饮服务提供者的监督检查'),
      item('12345678901236', '对食品经营者监督检查', 'health'),
      item('12345678901237', '对食品经营者的监督检查。'),
    );
    expect(runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': list }, rule).diagnostics).toEqual([]);
  });

  it('reports a name one word or one character away from an earlier one of the same department', () => {
    const list = items(
      item('12345678901234', '对食品经营者的监督检查'),
      item('12345678901235', '对餐饮服务提供者的监督检查'),
      item('12345678901236', '对食品经营者监督检查', '区市场监管局'),
      item('12345678901237', '对餐饮服务提供者的监督抽查'),
    );
    const { diagnostics } = runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': list }, rule);
    expect(brief(diagnostics)).toEqual(['near-duplicate/near items.yaml:5:56', 'near-duplicate/near items.yaml:6:56']);
    expect(diagnostics.every((d) => d.ruleId === 'near-duplicate' && d.severity === 'warning')).toBe(true);
    expect(diagnostics[0]!.data).toMatchObject({ text: '对食品经营者监督检查', other: '对食品经营者的监督检查', similarity: 90, field: '子项名称' });
    expect(diagnostics.map((d) => d.related.map((r) => `${r.messageId} ${r.file}:${r.line}:${r.column}`))).toEqual([
      ['similar items.yaml:3:56'],
      ['similar items.yaml:4:56'],
    ]);
  });

  it('takes its threshold from the rule options', () => {
    const list = items(item('12345678901234', '对药品经营者的监督检查'), item('12345678901235', '对食品经营者的监督检查'));
    const strict = `rules:\n  near-duplicate: { options: { threshold: 0.95 } }\n`;
    expect(brief(runRule({ 'departments.yaml': DEPARTMENTS, 'items.yaml': list }, rule).diagnostics)).toEqual(['near-duplicate/near items.yaml:4:56']);
    expect(runRule({ 'qingdan.config.yaml': strict, 'departments.yaml': DEPARTMENTS, 'items.yaml': list }, rule).diagnostics).toEqual([]);
  });

  it('finds by blocking exactly the pairs that comparing every pair finds', () => {
    const next = random(7);
    const texts: string[] = [];
    for (let i = 0; i < 800; i++) {
      const base = `对${randomObject(next)}的监督检查`;
      texts.push(base);
      if (next() < 0.3) {
        const at = Math.floor(next() * base.length);
        const edits = [base.slice(0, at) + base.slice(at + 1), base.slice(0, at) + POOL[i % POOL.length] + base.slice(at + 1), base.slice(0, at) + '的' + base.slice(at)];
        texts.push(edits[Math.floor(next() * edits.length)]!);
      }
    }
    const unique = [...new Set(texts)];
    const expected: string[] = [];
    for (let a = 0; a < unique.length; a++) {
      for (let b = a + 1; b < unique.length; b++) {
        const d = distance(unique[a]!, unique[b]!);
        if (d > 0 && 1 - d / Math.max(unique[a]!.length, unique[b]!.length) >= 0.85) expected.push(`${a}-${b}`);
      }
    }
    expect(expected.length).toBeGreaterThan(100);
    expect(nearPairs(unique, 0.85).map((p) => `${p.a}-${p.b}`)).toEqual(expected);
  });

  describe('20 000 entries', () => {
    let catalog: Catalog;
    beforeAll(() => {
      const next = random(2024);
      const lines: string[] = [];
      const names: string[] = [];
      for (let i = 0; i < 20_000; i++) names.push(`对${randomObject(next, 8)}的监督检查`);
      // Near duplicates planted late in the list: one without 的, one with a character changed.
      names[19_998] = names[1_000]!.replace('的', '');
      names[19_999] = names[2_000]!.slice(0, 2) + '★' + names[2_000]!.slice(3);
      names.forEach((name, i) => lines.push(`  - { code: '${10_000_000_000_000 + i}', main_name: 主项${i % 50}, name: ${name}, action: 行政检查, basis: 《食品安全法》第一百一十条, level: 区级 }`));
      catalog = catalogOf({ 'departments.yaml': DEPARTMENTS, 'items.yaml': `kind: items\ndepartment: market\nentries:\n${lines.join('\n')}\n` });
    });

    // The bound is vitest's default timeout of five seconds for the rule alone (loading the YAML is not the rule's work).
    it('are compared in blocks, not pair by pair', { timeout: 5_000 }, () => {
      const diagnostics = checkCatalog(catalog, { rules: [rule] });
      expect(brief(diagnostics)).toEqual(['near-duplicate/near items.yaml:20002:54', 'near-duplicate/near items.yaml:20003:54']);
      expect(diagnostics.map((d) => d.related[0]!.line)).toEqual([1_004, 2_004]);
    });
  });
});

