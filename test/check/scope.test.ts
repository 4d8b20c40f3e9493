/**
 * Every rule's declared scope (rules/types.ts) is what it does, since a
 * re-check keeps findings by it (src/check/incremental.ts):
 * - a rule that declares what it reads reads nothing else of the lists: each
 *   entry's data is watched while the rule runs alone on a fresh catalog
 *   (what it reads only through Entry.label is no read, but the kind must be
 *   declared);
 * - such a rule shows labels only as it declares (Report.labels): with every
 *   label field it does not read changed, its findings are its findings
 *   before, relabelled as a re-check relabels them;
 * - a partitioned rule finds, over the entries of one partition alone (with
 *   the registries), what it finds on them over the whole catalog, and names
 *   only entries of that partition;
 * - a rule of file scope finds on each file, run with that file and the
 *   registries alone, exactly what it finds there over the whole catalog.
 * On the district's lists, the acceptance tree broken five ways, a generated
 * tree with every kind of problem, and one with entries written twice.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enabledRules, runRules, type Finding } from '../../src/check/index.js';
import { relabel } from '../../src/check/incremental.js';
import { Entry, LABEL_FIELDS } from '../../src/core/entry.js';
import { link, REGISTRY_KINDS, type Catalog } from '../../src/link/index.js';
import { compile, validateProject } from '../../src/pipeline.js';
import { rules } from '../../src/rules/index.js';
import type { ReadsScope, Rule } from '../../src/rules/types.js';
import { writeCopies } from '../helpers/copies.js';
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
  edit(
    'market/inspections.yaml',
    ['{grade: A, ratio: 3, per_year: 1}', '{grade: A, ratio: 30, per_year: 1}'],
    // Key items (SCJG-SX-004, -005) sampled only, and left without a full-coverage inspection: key-full-coverage's findings show labels.
    ['    methods: [现场检查, 抽样检测]\n    random: false\n    full_coverage: true', '    methods: [现场检查, 抽样检测]\n    random: true\n    full_coverage: false'],
    [/(name: 养老机构食堂食品安全全覆盖检查\n(?: {4}.*\n)*? {4})full_coverage: true/, '$1full_coverage: false'],
  );
  edit('market/key-supervision.yaml', [/\n {4}traceability: [^\n]*/, '']);
  edit('tasks.yaml', [/\n\s*waivers:[\s\S]*?(?=\n {2}-|\n\S|$)/g, '']);
  // A generated tree with entries written again in a second file of their department.
  const copies = writeTree({});
  generateTree({ entries: 2400, perFile: 200, out: copies, seed: 12 });
  writeCopies(copies);
  return { generated, lists, broken, copies };
}
const TREES = trees();

/** While Entry.label is read: its reads of the data are no read of the rule's (they are marked LABEL instead). */
let labelling = 0;
const LABEL = '(label)';
const labelGetter = Object.getOwnPropertyDescriptor(Entry.prototype, 'label')!.get!;
Object.defineProperty(Entry.prototype, 'label', {
  get(this: Entry) {
    labelling++;
    try {
      return labelGetter.call(this);
    } finally {
      labelling--;
    }
  },
});

/** Watch every read of the entries' data (registries aside): kind → fields read (LABEL: read a label). */
function watch(catalog: Catalog): Map<string, Set<string>> {
  const reads = new Map<string, Set<string>>();
  for (const entry of catalog.allEntries()) {
    const kind = entry.kind.name;
    if (REGISTRY_KINDS.includes(kind)) continue;
    const seen = reads.get(kind) ?? reads.set(kind, new Set()).get(kind)!;
    const add = (key: string) => seen.add(labelling > 0 ? LABEL : key);
    const data = entry.data;
    (entry as { data: unknown }).data = new Proxy(data, {
      get: (target, key, receiver) => (typeof key === 'string' && add(key), Reflect.get(target, key, receiver)),
      has: (target, key) => (typeof key === 'string' && add(key), Reflect.has(target, key)),
      ownKeys: (target) => (add('*'), Reflect.ownKeys(target)),
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
        // What the partition is worked out from is read too.
        const partition = (scope as ReadsScope).partition;
        if (partition) for (const entry of catalog.allEntries()) partition(entry, catalog);
        for (const [kind, fields] of reads) {
          const declared = scope.reads(catalog.kinds.get(kind)!);
          if (fields.has(LABEL)) expect(declared, `${name}: the labels of ${kind}`).toBeDefined();
          for (const field of fields) if (field !== LABEL) expect(declared ?? [], `${name}: ${kind}.${field}`).toContain(field);
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

/** The catalog with every label field a rule does not read changed (those that are no key), with what it was (by file number and entry). */
function relabelled(catalog: Catalog, scope: ReadsScope): { catalog: Catalog; labels: Map<string, string> } {
  const files = catalog.files.map((f) => f);
  const labels = new Map<string, string>();
  for (const entry of catalog.allEntries()) {
    const declared = scope.reads(entry.kind) ?? [];
    const changed: Record<string, unknown> = { ...entry.data };
    for (const field of LABEL_FIELDS) {
      if (declared.includes(field) || entry.kind.key.includes(field) || typeof changed[field] !== 'string') continue;
      // In front: a label shows only the first 40 characters.
      changed[field] = `改${changed[field] as string}`;
    }
    (entry as { data: unknown }).data = changed;
    labels.set(`${files.indexOf(entry.file)}:${entry.index}`, entry.label);
  }
  return { catalog, labels };
}

describe('rules show labels only as they declare (Report.labels): a label edited relabels their findings', () => {
  let labelled = 0;
  const labelledBy = new Map<string, number>();
  for (const rule of readsRules) {
    it(rule.meta.id, () => {
      for (const [name, root] of Object.entries(TREES)) {
        const before = runRules(compile({ paths: ['.'], cwd: root }), enabledRules(compile({ paths: ['.'], cwd: root }).config, { rules: [rule] }))[0]!;
        const { catalog, labels } = relabelled(compile({ paths: ['.'], cwd: root }), rule.meta.scope as ReadsScope);
        const after = runRules(catalog, enabledRules(catalog.config, { rules: [rule] }))[0]!;
        expect(after.crashed).toBeUndefined();
        for (const finding of before.findings) {
          if (finding.labels) {
            labelled++;
            labelledBy.set(rule.meta.id, (labelledBy.get(rule.meta.id) ?? 0) + 1);
          }
          relabel(finding, (file, entry) => labels.get(`${file}:${entry}`));
          for (const related of finding.related ?? []) relabel(related, (file, entry) => labels.get(`${file}:${entry}`));
        }
        expect(after.findings, name).toEqual(before.findings);
      }
    });
  }
  it('some findings show labels, so that the comparisons mean something', () => expect(labelled).toBeGreaterThan(0));
  it('every rule that reports labels has findings with them in some tree (else its comparison proves nothing)', () => {
    const reporting = readsRules.filter((r) => /\blabels: \{/.test(readFileSync(join(repo, 'src/rules', `${r.meta.id}.ts`), 'utf8')));
    expect(reporting.map((r) => r.meta.id)).toContain('key-full-coverage');
    for (const rule of reporting) expect(labelledBy.get(rule.meta.id) ?? 0, rule.meta.id).toBeGreaterThan(0);
  });
});

const partitioned = readsRules.filter((r) => (r.meta.scope as ReadsScope).partition !== undefined);

describe('partitioned rules find over a partition alone what they find on it over the whole catalog', () => {
  it('there are some', () => expect(partitioned.length).toBeGreaterThan(1));
  for (const rule of partitioned) {
    it(rule.meta.id, () => {
      const partition = (rule.meta.scope as ReadsScope).partition!;
      let compared = 0;
      for (const [name, root] of Object.entries(TREES)) {
        const catalog = compile({ paths: ['.'], cwd: root });
        const enabled = enabledRules(catalog.config, { rules: [rule] });
        const whole = runRules(catalog, enabled)[0]!.findings;
        const number = new Map(catalog.files.map((f, i) => [f, i]));
        const partOf = new Map<string, string | undefined>();
        for (const entry of catalog.allEntries()) partOf.set(`${number.get(entry.file)}:${entry.index}`, partition(entry, catalog));
        const at = (place: { file: number; entry: number }) => partOf.get(`${place.file}:${place.entry}`);
        for (const part of new Set([...partOf.values()].filter((p) => p !== undefined))) {
          // The registries and the entries of the partition, in catalog order.
          const validated = validateProject({ cwd: catalog.cwd, paths: ['.'], config: catalog.config, kinds: catalog.kinds, files: catalog.files, diagnostics: [] });
          const entries = validated.entries.filter((e) => REGISTRY_KINDS.includes(e.kind.name) || partition(e, catalog) === part);
          const alone = runRules(link({ ...validated, entries }), enabled)[0]!;
          expect(alone.crashed).toBeUndefined();
          const mine = alone.findings.filter((f) => at(f) === part);
          expect(mine, `${name}: ${part}`).toEqual(whole.filter((f) => at(f) === part));
          compared += mine.length;
        }
        for (const f of whole) {
          // Every finding is on an entry of a partition, and names only entries of it.
          expect(at(f), `${name}: finding on ${f.file}:${f.entry}`).toBeDefined();
          for (const r of f.related ?? []) expect(at(r)).toBe(at(f));
          for (const place of [f, ...(f.related ?? [])]) for (const [file, entry] of Object.values(place.labels ?? {})) expect(at({ file, entry })).toBe(at(f));
        }
      }
      expect(compared).toBeGreaterThan(0);
    });
  }
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
