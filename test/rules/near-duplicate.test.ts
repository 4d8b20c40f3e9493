import fc from 'fast-check';
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

/** Every pair compared: those at most the threshold apart (as nearPairs tests it), but not equal. */
function allPairs(texts: readonly string[], threshold: number): string[] {
  const pairs: string[] = [];
  for (let a = 0; a < texts.length; a++) {
    for (let b = a + 1; b < texts.length; b++) {
      const d = distance(texts[a]!, texts[b]!);
      const similarity = 1 - d / Math.max(texts[a]!.length, texts[b]!.length);
      if (d > 0 && similarity >= threshold - 1e-9) pairs.push(`${a}-${b}:${similarity}`);
    }
  }
  return pairs;
}

/**
 * The pairs blocking finds when boilerplate bigrams are skipped: of every pair compared, those whose lengths are
 * close enough and that share, in the 2k + 1 rarest bigrams of each (k = ⌊(1 − t) / t · length⌋, bigrams ranked by
 * how many texts with k > 0 have them, then by code units), one that at most maxBlock texts have there.
 */
function blockedPairs(texts: readonly string[], threshold: number, maxBlock: number): string[] {
  const maxEdits = (t: string) => Math.floor(((1 - threshold) / threshold) * t.length + 1e-9);
  const grams = texts.map((t) => {
    const set = new Set<string>();
    if (maxEdits(t) > 0) for (let i = 0; i + 1 < t.length; i++) set.add(t.slice(i, i + 2));
    return [...set];
  });
  const frequency = new Map<string, number>();
  for (const set of grams) for (const g of set) frequency.set(g, (frequency.get(g) ?? 0) + 1);
  const prefixes = grams.map((set, i) =>
    set.sort((x, y) => frequency.get(x)! - frequency.get(y)! || (x < y ? -1 : x > y ? 1 : 0)).slice(0, 2 * maxEdits(texts[i]!) + 1),
  );
  const block = new Map<string, number>();
  for (const prefix of prefixes) for (const g of prefix) block.set(g, (block.get(g) ?? 0) + 1);
  return allPairs(texts, threshold).filter((pair) => {
    const [a, b] = pair.split(/[-:]/).map(Number) as [number, number];
    const long = Math.max(texts[a]!.length, texts[b]!.length);
    const short = Math.min(texts[a]!.length, texts[b]!.length);
    if (long - short > (1 - threshold) * long + 1e-9) return false;
    return prefixes[a]!.some((g) => block.get(g)! <= maxBlock && prefixes[b]!.includes(g));
  });
}

/** Texts over a tiny alphabet (with a character of two UTF-16 code units), in families of a few edits apart. */
const ALPHABET = ['甲', '乙', '丙', 'a', '𠀀'];
const edit = fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom(...ALPHABET));
const textFamilies = fc
  .array(fc.tuple(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 16 }), fc.array(fc.array(edit, { maxLength: 3 }), { maxLength: 4 })), {
    minLength: 1,
    maxLength: 8,
  })
  .map((families) =>
    families.flatMap(([base, variants]) => [
      base.join(''),
      ...variants.map((edits) => {
        const chars = [...base];
        for (const [at, kind, char] of edits) {
          const i = at % (chars.length + 1);
          if (kind === 'insert') chars.splice(i, 0, char);
          else if (i < chars.length) chars.splice(i, 1, ...(kind === 'replace' ? [char] : []));
        }
        return chars.join('');
      }),
    ]),
  );
const thresholds = (min: number) => fc.integer({ min, max: 100 }).map((percent) => percent / 100);

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

  // Below 2/3, texts of a few characters can be similar without sharing a bigram (甲甲甲, 甲丙甲 at 0.6): blocking
  // cannot find those.
  it('finds exactly the pairs that comparing every pair finds, when no bigram is skipped (thresholds above 2/3)', () => {
    fc.assert(
      fc.property(textFamilies, thresholds(67), (texts, threshold) => {
        const found = nearPairs(texts, threshold, texts.length + 1).map((p) => `${p.a}-${p.b}:${p.similarity}`);
        expect(found).toEqual(allPairs(texts, threshold));
      }),
      { numRuns: 1000 },
    );
  });

  it('misses exactly the pairs that share only boilerplate bigrams in their prefixes', () => {
    fc.assert(
      fc.property(textFamilies, thresholds(50), fc.integer({ min: 1, max: 50 }), (texts, threshold, maxBlock) => {
        const found = nearPairs(texts, threshold, maxBlock).map((p) => `${p.a}-${p.b}:${p.similarity}`);
        expect(found).toEqual(blockedPairs(texts, threshold, maxBlock));
      }),
      { numRuns: 1000 },
    );
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

