/**
 * Every rule's declared scope (rules/types.ts) is what it does, since a
 * re-check keeps findings by it (src/check/incremental.ts):
 * - a rule that declares what it reads reads nothing else of the lists: each
 *   entry's data is watched while the rule runs alone on a fresh catalog;
 * - a rule of file scope finds on each file, run with that file and the
 *   registries alone, exactly what it finds there over the whole catalog.
 * On the district's lists, the acceptance tree broken five ways, and a
 * generated tree with every kind of problem.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enabledRules, runRules, type Finding } from '../../src/check/index.js';
import { Entry } from '../../src/core/entry.js';
import { link, REGISTRY_KINDS, type Catalog } from '../../src/link/index.js';
import { compile, validateProject } from '../../src/pipeline.js';
import { rules } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/types.js';
import { writeTree } from '../helpers/tree.js';
// @ts-expect-error: a plain script, shared with the benchmark
import { generateTree } from '../bench/generate.mjs';

const repo = new URL('../../', import.meta.url).pathname;

function trees(): Record<string, string> {
  const generated = writeTree({});
  generateTree({ entries: 2400, perFile: 200, out: generated, seed: 11 });
  const lists = writeTree({});
  cpSync(join(repo, 'lists'), lists, { recursive: true });
  // The district's lists with problems for the rules of file scope, and the transcribed table without its waivers.
  const broken = writeTree({});
  cpSync(join(repo, 'lists'), broken, { recursive: true });
  const edit = (file: string, ...pairs: [string | RegExp, string][]) => {
    let text = readFileSync(join(broken, file), 'utf8');
    for (const [from, to] of pairs) {
      const next = text.replace(from, to);
      expect(next, `${file}: ${from}`).not.toBe(text);
      text = next;
    }
    writeFileSync(join(broken, file), text);
  };
  edit(
    'market/items.yaml',
    ['approval: {type: 审批, name: 食品经营许可, department: market, level: 区级}', 'approval: {type: 审批, name: 食品经营许可, department: 区卫健委, level: 市级}'],
    ['第一百一十条\n', '第九百九十条\n'],
    ['《中华人民共和国食品安全法》第三十五条第一款、第五十三条、第一百一十条', '《大兴区不存在的条例》第三条,第五条'],
    ['code: SCJG-SX-002', 'code: scjg-sx-2'],
    ['name: 对食品销售经营者的监督检查', 'name: 对食品销售经营者的  監督検查'],
  );
  edit('market/leniency.yaml', ['valid_to: 2027-12-31', 'valid_to: 2025-01-01'], ['ground: 《中华人民共和国行政处罚法》第三十三条第一款', 'ground: 《中华人民共和国行政处罚法》第九十九条']);
  edit('market/inspections.yaml', ['{grade: A, ratio: 3, per_year: 1}', '{grade: A, ratio: 30, per_year: 1}']);
  edit('market/key-supervision.yaml', [/\n {4}traceability: [^\n]*/, '']);
  edit('tasks.yaml', [/\n\s*waivers:[\s\S]*?(?=\n {2}-|\n\S|$)/g, '']);
  return { generated, lists, broken };
}
const TREES = trees();

/** Watch every read of the entries' data (registries aside): kind → fields read. */
function watch(catalog: Catalog): Map<string, Set<string>> {
  const reads = new Map<string, Set<string>>();
  for (const entry of catalog.allEntries()) {
    const kind = entry.kind.name;
    if (REGISTRY_KINDS.includes(kind)) continue;
    const seen = reads.get(kind) ?? reads.set(kind, new Set()).get(kind)!;
    const data = entry.data;
    (entry as { data: unknown }).data = new Proxy(data, {
      get: (target, key, receiver) => (typeof key === 'string' && seen.add(key), Reflect.get(target, key, receiver)),
      has: (target, key) => (typeof key === 'string' && seen.add(key), Reflect.has(target, key)),
      ownKeys: (target) => (seen.add('*'), Reflect.ownKeys(target)),
    });
  }
  return reads;
}

const readsRules = rules.filter((r) => r.meta.scope !== 'file');
const fileRules = rules.filter((r) => r.meta.scope === 'file');

describe('rules that read other lists declare what they read', () => {
  it('both kinds of rule are there', () => {
    expect(readsRules.length).toBeGreaterThan(5);
    expect(fileRules.length).toBeGreaterThan(5);
  });
  for (const rule of readsRules) {
    it(rule.meta.id, () => {
      const scope = rule.meta.scope as { reads: (kind: Entry['kind']) => readonly string[] | undefined };
      let total = 0;
      for (const [name, root] of Object.entries(TREES)) {
        const catalog = compile({ paths: ['.'], cwd: root });
        const reads = watch(catalog);
        rule.check({ catalog, options: {}, shared: (value) => value.make(catalog), report: () => {} });
        for (const [kind, fields] of reads) {
          const declared = scope.reads(catalog.kinds.get(kind)!) ?? [];
          for (const field of fields) expect(declared, `${name}: ${kind}.${field}`).toContain(field);
          total += fields.size;
        }
      }
      // A rule that reads no list field at all still counts entries (key-supervision-cap).
      if (rule.meta.id !== 'key-supervision-cap') expect(total).toBeGreaterThan(0);
    });
  }
  it('the watch sees reads (a rule that reads an undeclared field is caught)', () => {
    const sneaky: Rule = { meta: { ...readsRules[0]!.meta, id: 'sneaky' }, check: ({ catalog }) => void catalog.valid('items').map((e) => e.get('remarks')) };
    const catalog = compile({ paths: ['.'], cwd: TREES.lists! });
    const reads = watch(catalog);
    sneaky.check({ catalog, options: {}, shared: (value) => value.make(catalog), report: () => {} });
    expect([...reads.get('items')!]).toContain('remarks');
  });
});

/** The findings of a rule over some files of a catalog (and the registries), numbered as in the whole. */
function findingsOver(catalog: Catalog, rule: Rule, files: readonly number[]): Finding[] {
  const sub = link(
    validateProject({
      cwd: catalog.cwd,
      paths: ['.'],
      config: catalog.config,
      kinds: catalog.kinds,
      files: files.map((i) => catalog.files[i]!),
      diagnostics: [],
    }),
  );
  const number = new Map(files.map((i) => [catalog.files[i]!, i]));
  return runRules(sub, enabledRules(catalog.config, { rules: [rule] }), (f) => number.get(f)!)[0]!.findings;
}

const finding = new Set<string>();

describe('rules of file scope find on a file what they find on it over the whole catalog', () => {
  for (const rule of fileRules) {
    it(rule.meta.id, () => {
      let found = 0;
      for (const [name, root] of Object.entries(TREES)) {
        const catalog = compile({ paths: ['.'], cwd: root });
        const whole = runRules(catalog, enabledRules(catalog.config, { rules: [rule] }))[0]!.findings;
        found += whole.length;
        const registries = catalog.files.flatMap((f, i) => (REGISTRY_KINDS.includes(f.data?.kind ?? '') ? [i] : []));
        catalog.files.forEach((file, i) => {
          if (registries.includes(i)) return;
          const alone = findingsOver(catalog, rule, [...registries, i].sort((a, b) => a - b)).filter((f) => f.file === i);
          expect(alone, `${name}: ${file.display}`).toEqual(whole.filter((f) => f.file === i));
          // … and names no entry of another list file.
          for (const f of alone) for (const r of f.related ?? []) expect([i, ...registries]).toContain(r.file);
        });
      }
      if (found > 0) finding.add(rule.meta.id);
    });
  }
  it('most of them find something on the trees, so that the comparisons mean something', () => {
    const silent = fileRules.map((r) => r.meta.id).filter((id) => !finding.has(id));
    // These two need laws repealed or renumbered in the registry; their own tests have them.
    expect(silent).toEqual(['law-not-in-force', 'renumbered-article']);
  });
});
