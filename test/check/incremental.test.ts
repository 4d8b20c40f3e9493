/**
 * The re-check (src/check/incremental.ts) gives what a full check gives: lists
 * are edited at random, the way staff edit them (a comment, a field, an entry
 * removed or copied, a code, a registry, a waiver, a YAML error, a touch),
 * and after each edit the report of the re-check is compared, byte for byte
 * in every format, with that of a run without the cache. Also: what it redid
 * is only what the edit touched.
 */
import { cpSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProject, type CheckedProject } from '../../src/check/incremental.js';
import { compareDiagnostics } from '../../src/core/diagnostics.js';
import { formatReport, formatters } from '../../src/report/index.js';
import { rules } from '../../src/rules/index.js';
import { runCli } from '../helpers/cli.js';
import { writeCopies } from '../helpers/copies.js';
import { writeTree } from '../helpers/tree.js';
// @ts-expect-error: a plain script, shared with the benchmark
import { generateTree } from '../bench/generate.mjs';

const repo = new URL('../../', import.meta.url).pathname;

function listFiles(root: string, under = ''): string[] {
  return readdirSync(join(root, under)).flatMap((name) => {
    if (name.startsWith('.')) return [];
    const path = join(under, name);
    return statSync(join(root, path)).isDirectory() ? listFiles(root, path) : path.endsWith('.yaml') && name !== 'qingdan.config.yaml' ? [path] : [];
  });
}

/** Every format's report of a run, as the CLI prints it. */
function reports(run: CheckedProject): string {
  const sorted = [...run.diagnostics].sort(compareDiagnostics);
  return ['stylish', 'json', 'sarif', 'github'].map((f) => formatReport(formatters[f]!, sorted, { lang: 'zh', sources: run.sources, color: false, command: 'check', toolVersion: 'test' })).join('\n@@\n');
}

async function recheck(root: string): Promise<CheckedProject> {
  const run = await checkProject({ paths: ['.'], cwd: root, cache: { directory: join(root, '.qingdan-cache') }, workers: 1 });
  return run;
}

async function fresh(root: string): Promise<string> {
  return reports(await checkProject({ paths: ['.'], cwd: root, workers: 1 }));
}

/** A seeded random source (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Edit = (root: string, pick: <T>(list: readonly T[]) => T) => string;

const rewrite = (root: string, file: string, change: (text: string) => string) => {
  const path = join(root, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
};
const lists = (root: string) => listFiles(root).filter((f) => !/(^|\/)(departments|laws)\.yaml$/.test(f));
/** The entries of a file as line ranges [start, end) of its text. */
function entryBlocks(text: string): [number, number][] {
  const lines = text.split('\n');
  const starts = lines.flatMap((l, i) => (l.startsWith('  - ') ? [i] : []));
  return starts.map((s, k) => [s, k + 1 < starts.length ? starts[k + 1]! : lines.length - (lines.at(-1) === '' ? 1 : 0)]);
}

/** Edit one entry of a list picked at random: `change` gets the file's lines and the entry's lines [start, end); returns the file. */
function editEntry(root: string, pick: <T>(list: readonly T[]) => T, change: (lines: string[], block: [number, number]) => void): string {
  const file = pick(lists(root));
  rewrite(root, file, (t) => {
    const blocks = entryBlocks(t);
    if (blocks.length === 0) return t;
    const lines = t.split('\n');
    change(lines, pick(blocks));
    return lines.join('\n');
  });
  return file;
}

const EDITS: Record<string, Edit> = {
  comment(root, pick) {
    const file = pick(listFiles(root));
    rewrite(root, file, (t) => `${t}# 备注：已复核\n`);
    return file;
  },
  field(root, pick) {
    const file = pick(lists(root));
    rewrite(root, file, (t) => {
      const lines = t.split('\n');
      const candidates = lines.flatMap((l, i) => (/^ {4}(name|objects|violation|basis|category|department|main_name|remarks|violated|item|random): \S/.test(l) ? [i] : []));
      if (candidates.length === 0) return t;
      const i = pick(candidates);
      const line = lines[i]!;
      lines[i] = / random: true$/.test(line) ? line.replace('true', 'false') : / item: /.test(line) ? line.replace(/(\d)$/, (d) => String((Number(d) + 1) % 10)) : line.replace(/(\S)$/, '$1改');
      return lines.join('\n');
    });
    return file;
  },
  name(root, pick) {
    // Another entry's name (of any list), as it is or nearly: duplicates and near-duplicates across files.
    const file = pick(lists(root));
    const names = [...readFileSync(join(root, pick(lists(root))), 'utf8').matchAll(/^ {4}name: (\S.*)$/gm)].map((m) => m[1]!);
    rewrite(root, file, (t) => {
      const lines = t.split('\n');
      const at = lines.flatMap((l, i) => (/^ {4}name: \S/.test(l) ? [i] : []));
      if (at.length === 0 || names.length === 0) return t;
      lines[pick(at)] = `    name: ${pick(names)}${pick(['', '等', '（修订）'])}`;
      return lines.join('\n');
    });
    return file;
  },
  department(root, pick) {
    // An entry moved to another department (or one the registry does not know).
    const department = pick(['market', 'health', 'agriculture', '区市场监督管理局', '区食药监局']);
    return editEntry(root, pick, (lines, [s, e]) => {
      const own = lines.slice(s, e).findIndex((l) => /^ {4}department: /.test(l));
      if (own >= 0) lines[s + own] = `    department: ${department}`;
      else lines.splice(e, 0, `    department: ${department}`);
    });
  },
  remove(root, pick) {
    const file = pick(lists(root));
    rewrite(root, file, (t) => {
      const blocks = entryBlocks(t);
      if (blocks.length < 2) return t;
      const [s, e] = pick(blocks);
      const lines = t.split('\n');
      lines.splice(s, e - s);
      return lines.join('\n');
    });
    return file;
  },
  copy(root, pick) {
    const file = pick(lists(root));
    rewrite(root, file, (t) => {
      const blocks = entryBlocks(t);
      if (blocks.length === 0) return t;
      const [s, e] = pick(blocks);
      const lines = t.split('\n');
      return `${t.replace(/\n*$/, '\n')}${lines.slice(s, e).join('\n')}\n`;
    });
    return file;
  },
  code(root, pick) {
    const file = pick(lists(root));
    rewrite(root, file, (t) => {
      const codes = [...t.matchAll(/^ {2}- code: (\S+)$/gm)].map((m) => m[1]!);
      if (codes.length < 2) return t;
      return t.replace(`- code: ${pick(codes)}\n`, `- code: ${pick(codes)}\n`);
    });
    return file;
  },
  registry(root, pick) {
    const file = pick(listFiles(root).filter((f) => /(^|\/)(departments|laws)\.yaml$/.test(f)));
    rewrite(root, file, (t) => t.replace(/^( {4}(?:name|title): \S+)$/m, '$1（修订）'));
    return file;
  },
  waiver(root, pick) {
    const rule = pick(['unknown-item', 'near-duplicate', 'duplicate-code', 'variant-character', 'no-such-rule']);
    return editEntry(root, pick, (lines, [, e]) => lines.splice(e, 0, `    waivers: [{rule: ${rule}, reason: 经核实无误, approved_by: 区政务服务局}]`));
  },
  syntax(root, pick) {
    const file = pick(lists(root));
    rewrite(root, file, (t) => t.replace(/^( {4}name: )(.*)$/m, '$1[$2'));
    return file;
  },
  touch(root, pick) {
    const file = pick(listFiles(root));
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, file), later, later);
    return file;
  },
};

function makeTree(): string {
  const root = writeTree({});
  cpSync(join(repo, 'lists'), join(root, 'district'), { recursive: true });
  generateTree({ entries: 1200, perFile: 150, out: join(root, 'generated'), seed: 21 });
  writeCopies(join(root, 'generated'));
  return join(root, 'generated');
}

describe('a re-check after an edit reports what a full check reports', () => {
  for (const seed of [1, 2, 3]) {
    it(`random edits, seed ${seed}`, async () => {
      const root = seed === 3 ? join(makeTree(), '../district') : makeTree();
      const rnd = random(seed);
      const pick = <T,>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
      const first = await recheck(root);
      first.keep();
      expect(first.redone.full).toBe(true);
      expect(reports(first)).toBe(await fresh(root));
      const names = Object.keys(EDITS);
      let incremental = 0;
      for (let round = 0; round < 18; round++) {
        const name = pick(names);
        const file = EDITS[name]!(root, pick);
        const run = await recheck(root);
        const got = reports(run);
        run.keep();
        expect(got, `round ${round}: ${name} ${file}`).toBe(await fresh(root));
        if (!run.redone.full) incremental++;
      }
      // Most edits were re-checked, not checked afresh (a registry edit is a full run).
      expect(incremental).toBeGreaterThan(7);
    }, 120_000);
  }
});

describe('what a re-check redoes', () => {
  it('a comment: that file, the rules of file scope, no rule over the whole catalog; then nothing', async () => {
    const root = makeTree();
    (await recheck(root)).keep();
    const file = listFiles(root).find((f) => f.includes('inspections'))!;
    rewrite(root, file, (t) => `${t}# 已复核\n`);
    const run = await recheck(root);
    run.keep();
    expect(run.redone.full).toBe(false);
    expect(run.redone.files).toEqual([relative(root, join(root, file))]);
    expect(run.redone.rules).toContain('variant-character');
    expect(run.redone.rules).not.toContain('near-duplicate');
    const again = await recheck(root);
    expect(again.redone).toEqual({ full: false, files: [], rules: [] });
  });

  it("an inspection's name: the rules that compare names (over the partitions touched), not those that only show it", async () => {
    const root = makeTree();
    (await recheck(root)).keep();
    const file = listFiles(root).find((f) => f.includes('inspections'))!;
    rewrite(root, file, (t) => t.replace(/^( {4}name: .*)$/m, '$1改'));
    const run = await recheck(root);
    expect(run.redone.full).toBe(false);
    expect(run.redone.rules).toEqual(expect.arrayContaining(['near-duplicate', 'duplicate-entry']));
    // joint-inspection and random-inspection show it as a label: relabelled, not run again.
    for (const id of ['joint-inspection', 'random-inspection', 'key-full-coverage', 'supervision-vacuum', 'leniency-conflict']) expect(run.redone.rules).not.toContain(id);
    expect(reports(run)).toBe(await fresh(root));
  });

  it('entries written twice renamed, moved and put back: duplicates, near-duplicates and the labels that show them follow', async () => {
    const root = makeTree();
    (await recheck(root)).keep();
    const file = listFiles(root).find((f) => f.endsWith('inspections-0001.yaml'))!;
    const original = readFileSync(join(root, file), 'utf8');
    /** The file with the names of these entries (by their place in it) changed. */
    const renamed = (changes: Record<number, string>) => {
      let n = 0;
      return original.replace(/^( {4}name: )(.*)$/gm, (line, key: string, name: string) => (n in changes ? `${key}${changes[n++]!.replace('$', name)}` : (n++, line)));
    };
    const steps = [
      // No longer the same as its copy, nor near it; one that shows in joint inspections of another department.
      renamed({ 0: '$（已合并至综合执法检查事项）', 5: '$改' }),
      // Now the same as another's copy, and near a third's.
      renamed({ 0: '$（已合并至综合执法检查事项）', 2: '$', 3: '$等', 5: '改$' }),
      original,
      // Moved to another department, away from its copy.
      original.replace(/^( {4}name: .*)$/m, '$1\n    department: health'),
      original,
    ];
    for (const [k, text] of steps.entries()) {
      writeFileSync(join(root, file), text);
      const run = await recheck(root);
      expect(run.redone.full).toBe(false);
      expect(reports(run), `step ${k}`).toBe(await fresh(root));
      run.keep();
    }
  });

  it("an inspection's legal basis: the rules of file scope alone (no rule over all lists reads it)", async () => {
    const root = makeTree();
    (await recheck(root)).keep();
    const file = listFiles(root).find((f) => f.includes('inspections'))!;
    rewrite(root, file, (t) => t.replace(/^( {4}basis: .*)$/m, '$1、第一条'));
    const run = await recheck(root);
    expect(run.redone.full).toBe(false);
    const fileScope = rules.filter((r) => r.meta.scope === 'file').map((r) => r.meta.id);
    expect(run.redone.rules.sort()).toEqual(fileScope.sort());
  });

  it('a registry edit, or another rule selection, is a full run', async () => {
    const root = makeTree();
    (await recheck(root)).keep();
    rewrite(root, 'departments.yaml', (t) => `${t}# 已复核\n`);
    const run = await recheck(root);
    expect(run.redone.full).toBe(true);
    run.keep();
    const only = await checkProject({ paths: ['.'], cwd: root, cache: { directory: join(root, '.qingdan-cache') }, workers: 1, only: ['unknown-item'] });
    expect(only.redone.full).toBe(true);
    expect((await recheck(root)).redone).toEqual({ full: false, files: [], rules: [] });
  });
});

describe('the edition date', () => {
  it('without one in the configuration, laws are checked as in force today: another day is a full run', async () => {
    const root = join(makeTree(), '../district');
    rewrite(root, 'qingdan.config.yaml', (t) => t.replace(/^ {2}date: .*\n/m, ''));
    const saved = process.env.SOURCE_DATE_EPOCH;
    try {
      process.env.SOURCE_DATE_EPOCH = '1767225600'; // 2026-01-01
      (await recheck(root)).keep();
      expect((await recheck(root)).redone.full).toBe(false);
      process.env.SOURCE_DATE_EPOCH = '1798761600'; // 2027-01-01
      expect((await recheck(root)).redone.full).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });
});

describe('qingdan check, run twice', () => {
  it('prints the same after an edit as with --no-cache', async () => {
    const root = makeTree();
    const first = await runCli(['check', '.', '--format', 'json'], root);
    expect(first.stdout).toContain('"diagnostics"');
    rewrite(root, listFiles(root).find((f) => f.includes('items'))!, (t) => t.replace(/^( {4}name: .*)$/m, '$1改'));
    for (const format of ['stylish', 'json']) {
      const warm = await runCli(['check', '.', '--format', format], root);
      const cold = await runCli(['check', '.', '--format', format, '--no-cache'], root);
      expect(warm.stdout).toBe(cold.stdout);
      expect(warm.code).toBe(cold.code);
    }
  });
});
