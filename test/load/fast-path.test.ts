/**
 * The loader's fast path (js-yaml for the data, one entry parsed with `yaml`
 * for a position) against the whole-document path: the same data, the same
 * problems and the same locations, for every field of every entry of lists/
 * and of a generated tree; and whatever the two parsers could read differently
 * goes the whole-document path. A file read as a whole document because of a
 * syntax error also finds positions entry by entry later (its layout): the
 * same locations as in the whole document, damaged entries included. An
 * edited file that takes its unchanged entries from its earlier read reads
 * the same as when it is read whole.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, findConfig } from '../../src/config/load.js';
import { parseFast, type EarlierRead } from '../../src/load/fast.js';
import { parseListFile, type ParsedFile } from '../../src/load/parse.js';
import type { DataPath } from '../../src/load/source.js';
// @ts-expect-error: a plain script, shared with the benchmark
import { generateTree } from '../bench/generate.mjs';

const LISTS = new URL('../../lists/', import.meta.url).pathname;
const generated = mkdtempSync(join(tmpdir(), 'qingdan-fast-'));
afterAll(() => rmSync(generated, { recursive: true, force: true }));

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return listFiles(full);
    return /\.ya?ml$/.test(name) && name !== 'qingdan.config.yaml' ? [full] : [];
  });
}

function bothWays(dir: string, path: string, text = readFileSync(path, 'utf8')): { fast: ParsedFile; slow: ParsedFile } {
  const { config, kinds } = loadConfig(findConfig([dir], dir), dir);
  return {
    fast: parseListFile(path, path, text, kinds, config.limits),
    slow: parseListFile(path, path, text, kinds, config.limits, { fast: false, layout: false }),
  };
}

/** A seeded random source (the same edits on every run), and a pick from a list with it. */
function seeded(seed: number): { random: () => number; pick: <T>(list: readonly T[]) => T } {
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return { random, pick: (list) => list[Math.floor(random() * list.length)]! };
}

/** Every path in the data, and one missing child under each mapping and sequence. */
function* pathsOf(value: unknown, path: (string | number)[] = []): Generator<DataPath> {
  yield path;
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) yield* pathsOf(child, [...path, Array.isArray(value) ? Number(key) : key]);
  yield [...path, Array.isArray(value) ? value.length : 'no-such-field'];
}

const dataOf = (parsed: ParsedFile) => {
  const data = parsed.file.data;
  return data && { ...data, brokenEntries: [...data.brokenEntries] };
};

/** Compare two parses of a file: data, problems, and the location of every path (value and key, and characters of strings). */
function expectSame(fast: ParsedFile, slow: ParsedFile): number {
  expect(fast.diagnostics).toEqual(slow.diagnostics);
  expect(dataOf(fast)).toEqual(dataOf(slow));
  const data = slow.file.data;
  if (!data) return 0;
  const root = { kind: data.kind, ...data.defaults, entries: data.entries };
  const where = (parsed: ParsedFile) => {
    const out: unknown[] = [];
    for (const path of pathsOf(root)) {
      out.push(path.join('.'), parsed.file.locate(path), parsed.file.locate(path, 'key'));
      const value = path.reduce<unknown>((v, p) => (v as Record<string | number, unknown> | undefined)?.[p], root);
      if (typeof value === 'string' && value.length > 1) out.push(parsed.file.locateInString(path, 1, value.length));
    }
    return out;
  };
  // As a file from a worker or the cache is: without its text or document at hand (positions by entry, when it has a layout).
  fast.file.release();
  const locations = where(fast);
  expect(locations).toEqual(where(slow));
  return locations.length;
}

describe('the fast path', () => {
  it('reads lists/ with the same data, problems and locations as the whole document', () => {
    let fastFiles = 0;
    let compared = 0;
    const files = listFiles(LISTS);
    for (const path of files) {
      const { fast, slow } = bothWays(LISTS, path);
      if (fast.layout) fastFiles++;
      compared += expectSame(fast, slow);
    }
    expect(fastFiles).toBe(files.length);
    expect(compared).toBeGreaterThan(10_000);
  });

  it('reads a generated tree (Chinese text, comments, flow and block styles, broken entries) the same way', () => {
    const summary = generateTree({ entries: 1500, perFile: 250, out: generated, seed: 7 });
    expect(summary.broken).toBeGreaterThan(0);
    const files = listFiles(generated);
    let fastFiles = 0;
    for (const path of files) {
      const { fast, slow } = bothWays(generated, path);
      if (fast.layout) fastFiles++;
      expectSame(fast, slow);
    }
    // All but the files with a YAML syntax error.
    expect(fastFiles).toBeGreaterThanOrEqual(files.length - 1);
  });

  it('reads numbers, booleans and nulls as YAML 1.2 core (as the yaml package does)', () => {
    const scalars = ['010', '0o17', '0x1F', '0b101', '1_000', '-.5', '+.5e2', '1e3', '.inf', '-.Inf', '.nan', 'true', 'True', 'yes', 'no', 'on', '~', 'null', 'Null', '', '2021-07-15', '12:30', '-0', '+12', '3.'];
    const text = `kind: laws\nentries:\n${scalars.map((s, i) => `  - id: v${i}\n    note: ${s}\n`).join('')}`;
    const { fast, slow } = bothWays(LISTS, join(LISTS, 'laws.yaml'), text);
    expect(fast.layout).toBeDefined();
    expectSame(fast, slow);
  });

  it('leaves to the whole-document path what the two parsers could read differently', () => {
    const base = 'kind: departments\nentries:\n  - id: a\n    name: 北京市大兴区某局\n';
    const odd = [
      base + '  - &x { id: b, name: 某某局 }\n  - *x\n',
      base + '    note: !!str 010\n',
      base + '    note: a\rb\n',
      base + '  - ? id\n    : c\n',
      base + '  - [id]: c\n',
      base + '    aliases: [区某局,\n      某局]\n',
      base + '    aliases: [a]#comment\n',
      '%YAML 1.2\n---\n' + base,
      base + '    ' + 'x'.repeat(1100) + ': long key\n',
      base + '    aliases: [' + 'x'.repeat(1100) + ']\n',
      base.replace('entries:\n', 'entries: [\n') + ']\n',
      base + 'department: x\n  - id: b\n',
    ];
    for (const text of odd) expect(parseFast(text), JSON.stringify(text)).toBeUndefined();
    expect(parseFast(base)).toBeDefined();
    // A long line with a short key is read the fast way, and read the same.
    const long = base + '    note: ' + '长'.repeat(3000) + '，注意：这里\n';
    expect(parseFast(long)).toBeDefined();
    const { fast, slow } = bothWays(LISTS, join(LISTS, 'departments.yaml'), long);
    expectSame(fast, slow);
  });

  it('finds fields by a line scan only where the parser would put them', () => {
    // Shapes where a line looks like a key but is not one, or a value goes on past its line.
    const entries = [
      '  - id: a\n    name: 一行\n    note: 两行的\n      值\n    remarks: 后\n',
      '  - id: b\n    name: "引号里\n    remarks: 不是键"\n    note: x\n',
      "  - id: c\n    name: '单引号''里'\n    remarks: 值 # 注释\n",
      '  - id: d\n    aliases:\n    - 同一缩进的序列\n    name: 名\n',
      '  - id: e\n    name: 名\r\n    note: |\n      remarks: 块里\n    remarks: 真的\n',
      '  -   id: f\n      name: 宽缩进\n  # 注释在外\n      note: 续\n',
      '  - id: g\n    name: -开头\n    note: a#b\n    remarks: "整行引号"\n',
      '  - id: h\n    name: 名\n\n      续于空行后\n    note: 末\n',
    ];
    const fastOnes = entries.filter((entry) => {
      const text = `kind: departments\nentries:\n${entry}  - id: z\n    name: 末条\n`;
      const { fast, slow } = bothWays(LISTS, join(LISTS, 'departments.yaml'), text);
      // Read either way, positions are found entry by entry.
      expect(fast.layout).toBeDefined();
      expectSame(fast, slow);
      return parseFast(text) !== undefined;
    });
    // All but the quoted value that spans lines, which goes the whole-document path (`yaml` refuses it, js-yaml does not).
    expect(fastOnes.length).toBe(entries.length - 1);
    expect(fastOnes.some((e) => e.includes('引号里'))).toBe(false);

    // The scan's own answers: the one-line plain values, and none for a value continued, quoted or commented.
    const { fast } = bothWays(LISTS, join(LISTS, 'departments.yaml'), `kind: departments\nentries:\n${entries[0]}${entries[2]}`);
    fast.file.release();
    const scan = (index: number, field: string) => (fast.file as unknown as { quickField(p: DataPath, t: 'value'): unknown }).quickField(['entries', index, field], 'value');
    expect(scan(0, 'name')).toBeDefined();
    expect(scan(0, 'remarks')).toBeDefined();
    expect(scan(0, 'note')).toBeUndefined();
    expect(scan(1, 'name')).toBeUndefined();
    expect(scan(1, 'remarks')).toBeUndefined();
  });

  it('agrees with the whole-document path on lists/ files with random damage', () => {
    const texts = listFiles(LISTS).map((p) => readFileSync(p, 'utf8'));
    const snippets = [' ', '  ', '\t', '- ', ': ', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '&a ', '*a', '!', '? ', '%', '\n', '\n  ', '\n      ', 'x: y', '0b11', '-.5', '~', '\r', '---', '\\', '\u3000', '：', 'key: [a,\n b]', '"a\n b"', '|\n  a\n b', '"\\q"', '1: x', '"": e'];
    const { random, pick } = seeded(11);
    let damagedWithLayout = 0;
    for (let k = 0; k < 150; k++) {
      let text = pick(texts);
      for (let m = 0; m < 1 + Math.floor(random() * 3); m++) {
        const lines = text.split('\n');
        const at = Math.floor(random() * lines.length);
        const r = random();
        if (r < 0.25) lines[at] = ' '.repeat(Math.floor(random() * 8)) + lines[at]!.trimStart();
        else if (r < 0.35) lines.splice(at, 1);
        else if (r < 0.45) lines.splice(at, 0, pick(lines));
        if (r < 0.45) text = lines.join('\n');
        else {
          const pos = Math.floor(random() * text.length);
          text = text.slice(0, pos) + pick(snippets) + text.slice(pos + (random() < 0.3 ? 1 : 0));
        }
      }
      const { fast, slow } = bothWays(LISTS, join(LISTS, 'damaged.yaml'), text);
      if (fast.layout && (fast.file.data?.brokenEntries.size ?? 0) > 0) damagedWithLayout++;
      expectSame(fast, slow);
    }
    // Files with a broken entry found the others' positions entry by entry.
    expect(damagedWithLayout).toBeGreaterThan(5);
  });

  describe('over an edited file (entries taken from the earlier read)', () => {
    const limits = () => loadConfig(findConfig([LISTS], LISTS), LISTS);
    /** What the fast path read of a text, as the cache keeps it (compile/file.ts earlierRead). */
    const earlierOf = (text: string): EarlierRead => {
      const read = parseFast(text)!;
      return { text, layout: read.layout, entries: (read.value as { entries: unknown[] }).entries };
    };
    const edited = (text: string, earlier: EarlierRead) => {
      const { config, kinds } = limits();
      return parseListFile('edited.yaml', 'edited.yaml', text, kinds, config.limits, { earlier });
    };
    const whole = (text: string) => {
      const { config, kinds } = limits();
      return parseListFile('edited.yaml', 'edited.yaml', text, kinds, config.limits);
    };

    it('parses only the entries whose lines changed, and reads the same as the whole text', () => {
      const text = readFileSync(join(LISTS, 'departments.yaml'), 'utf8');
      const earlier = earlierOf(text);
      const count = earlier.entries.length;
      expect(count).toBeGreaterThan(3);
      const second = earlier.layout.bounds[1]!;
      const changed = text.slice(0, second) + text.slice(second).replace(/^( {4}name: .*)$/m, '$1（改）');
      const read = edited(changed, earlier);
      expect(read.takenFrom).toBeDefined();
      const entries = read.file.data!.entries;
      // The very objects of the earlier read, but the edited one.
      expect(entries.filter((e, i) => e === earlier.entries[i]).length).toBe(count - 1);
      expect(entries[1]).not.toBe(earlier.entries[1]);
      expect(JSON.stringify(entries[1])).toContain('（改）');
      expectSame(read, whole(changed));
      // Entries moved, added and removed are found by their lines, wherever they are now.
      const { bounds } = earlier.layout;
      const piece = (i: number) => text.slice(bounds[i], bounds[i + 1]);
      const shuffled = text.slice(0, bounds[0]) + piece(2) + piece(0) + piece(0).replace(/^( {4}name: .*)$/m, '$1（二）') + piece(1) + text.slice(bounds[3]);
      const moved = edited(shuffled, earlier);
      expect(moved.takenFrom).toBeDefined();
      expect(moved.file.data!.entries[0]).toBe(earlier.entries[2]);
      expect(moved.file.data!.entries[1]).toBe(earlier.entries[0]);
      expectSame(moved, whole(shuffled));
      // An entry copied: the copy is an object of its own, as when the text is read whole.
      const copied = text.slice(0, bounds[1]) + piece(0) + text.slice(bounds[1]);
      const twice = edited(copied, earlier);
      expect(twice.takenFrom!.slice(0, 2)).toEqual([0, -1]);
      expect(twice.file.data!.entries[1]).not.toBe(twice.file.data!.entries[0]);
      expectSame(twice, whole(copied));
    });

    it('reads the whole text when what changed cannot be read piece by piece (and piece by piece within the limits), with the same result', () => {
      const text = 'kind: departments\nentries:\n  - id: a\n    name: 北京市大兴区某局\n  - id: b\n    name: 某某局\n';
      const earlier = earlierOf(text);
      const cases = [
        // An anchor and alias between entries; a tag.
        text.replace('  - id: b', '  - &x\n    id: b') + '  - *x\n',
        text.replace('name: 某某局', 'name: !!str 某某局'),
        // An entry that is not a mapping, a syntax error, a duplicate key in the edited entry.
        text + '  - 只是文字\n',
        text.replace('name: 某某局', 'name: [某某局'),
        text.replace('name: 某某局', 'name: 某某局\n    name: 又一个'),
        // The file-level keys changed; no entries left.
        text.replace('kind: departments', 'kind: departments\nkind: laws'),
        'kind: departments\nentries:\n',
        // Over the limits, in the edited entry: too deep, too long (a block scalar of short lines).
        text.replace('name: 某某局', 'name: 某某局\n    note: ' + '['.repeat(70) + ']'.repeat(70)),
        text.replace('name: 某某局', 'name: 某某局\n    note: |\n' + '      很长的一行文字。\n'.repeat(12_000)),
      ];
      cases.forEach((changed, i) => {
        const read = edited(changed, earlier);
        // All but the two over the limits are read whole; those piece by piece, the limits still checked.
        expect(read.takenFrom === undefined, JSON.stringify(changed.slice(0, 120))).toBe(i < 7);
        expectSame(read, whole(changed));
      });
      // The limits hold in the entries read anew.
      expect(edited(cases[7]!, earlier).diagnostics.map((d) => d.messageId)).toContain('too-deep');
      expect(edited(cases[8]!, earlier).diagnostics.map((d) => d.messageId)).toContain('value-too-long');
    });

    it('agrees with the whole text on lists/ files edited at random', () => {
      const texts = listFiles(LISTS)
        .map((p) => readFileSync(p, 'utf8'))
        .filter((t) => parseFast(t) !== undefined);
      const snippets = [' ', '  ', '- ', ': ', '#', ' #', '"', '[', ']', '{', ',', '&a ', '*a', '\n', '\n  ', '\n    ', '\n  - ', 'x: y', '0x1F', '~', '（改）', '\n    note: 新加\n', '\u3000'];
      const { random, pick } = seeded(29);
      let piecewise = 0;
      for (let k = 0; k < 150; k++) {
        const original = pick(texts);
        const earlier = earlierOf(original);
        let text = original;
        for (let m = 0; m < 1 + Math.floor(random() * 2); m++) {
          const lines = text.split('\n');
          const at = Math.floor(random() * lines.length);
          const r = random();
          if (r < 0.15) lines.splice(at, 1);
          else if (r < 0.3) lines.splice(at, 0, pick(lines));
          if (r < 0.3) text = lines.join('\n');
          else {
            const pos = Math.floor(random() * text.length);
            text = text.slice(0, pos) + pick(snippets) + text.slice(pos + (random() < 0.3 ? 1 : 0));
          }
        }
        const read = edited(text, earlier);
        if (read.takenFrom) piecewise++;
        expectSame(read, whole(text));
      }
      expect(piecewise).toBeGreaterThan(50);
    });
  });
});
