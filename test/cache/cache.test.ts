/**
 * The cache: the same diagnostics and entries with and without it, cold and
 * warm; after a one-file change only that file is compiled again; a corrupt,
 * foreign or stale cache file is ignored and rewritten, never a crash. A
 * file read the fast way has its bytes kept with its record, and an edit of
 * it parses only the entries that changed.
 */
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { describe, expect, it, vi } from 'vitest';
import { checkCatalog } from '../../src/check/index.js';
import type { Diagnostic } from '../../src/core/diagnostics.js';
import type { Catalog } from '../../src/link/index.js';
import { compileFile, earlierFile } from '../../src/compile/file.js';
import { compile, ProjectCompilation } from '../../src/pipeline.js';
import { runCli } from '../helpers/cli.js';
import { DEPARTMENTS, LAWS, writeTree } from '../helpers/tree.js';
// @ts-expect-error: a plain script, shared with the benchmark
import { generateTree } from '../bench/generate.mjs';

const ITEMS = `kind: items
department: market
entries:
  - code: '12345678901234'
    main_name: 食品经营监督
    name: 对食品经营者的监督检查
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
  - code: '12345678901235'
    main_name: 食品经营监督
    name: 对餐饮服务提供者的监督检查
    action: 行政检察
    basis: 食品安全法第一百一十条
    level: 区级
`;

/** A tree with problems of every stage: YAML, schema, citations, rules; and a file on the slow path. */
function tree(): string {
  const root = writeTree({
    'lists/departments.yaml': DEPARTMENTS,
    'lists/laws.yaml': LAWS,
    'lists/market/items.yaml': ITEMS,
    'lists/market/broken.yaml': ITEMS.replace('    level: 区级\n', '      level: 区级\n').replace(/1234567890123(\d)/g, '2234567890123$1'),
    'lists/market/aliases.yaml': ITEMS.replace("code: '12345678901234'", "code: &c '32345678901234'").replace("code: '12345678901235'", 'code: *c'),
    // Numbers JSON would change: the record keeps them all the same.
    'lists/numbers.yaml': 'kind: laws\nentries:\n  - id: odd\n    title: 某某条例\n    level: 法律\n    articles: .inf\n    note: -0\n  - id: nan\n    title: 某某办法\n    level: 法律\n    articles: .nan\n',
  });
  generateTree({ entries: 600, perFile: 100, out: join(root, 'generated'), seed: 3 });
  return root;
}

const everything = (catalog: Catalog): { diagnostics: Diagnostic[]; findings: Diagnostic[]; entries: unknown[] } => ({
  diagnostics: catalog.diagnostics as Diagnostic[],
  findings: checkCatalog(catalog),
  entries: catalog.files.flatMap((f) => f.data?.entries ?? []),
});

const slots = (dir: string) =>
  new Map(
    readdirSync(dir)
      .filter((n) => n.endsWith('.bin'))
      .map((n) => [n, statSync(join(dir, n)).mtimeMs] as const),
  );

/** Age every cache file, so that a rewrite shows in its modification time. */
function age(dir: string): void {
  for (const name of readdirSync(dir)) utimesSync(join(dir, name), new Date(2000, 0, 1), new Date(2000, 0, 1));
}

describe('the cache', () => {
  it('gives the same diagnostics, findings and entries as no cache, cold and warm', () => {
    for (const paths of [['lists'], ['generated'], ['.']]) {
      const root = tree();
      const options = { paths, cwd: root };
      const cache = { directory: join(root, '.qingdan-cache') };
      const expected = everything(compile(options));
      expect(expected.diagnostics.length + expected.findings.length).toBeGreaterThan(0);
      expect(everything(compile({ ...options, cache }))).toEqual(expected);
      expect(everything(compile({ ...options, cache }))).toEqual(expected);
    }
  });

  it('after a one-file change compiles only that file again', () => {
    const root = tree();
    const directory = join(root, '.qingdan-cache');
    const options = { paths: ['.'], cwd: root, cache: { directory } };
    compile(options);
    age(directory);
    const before = slots(directory);
    expect(before.size).toBeGreaterThan(10);
    compile(options);
    expect(slots(directory)).toEqual(before);

    const changed = join(root, 'lists/market/items.yaml');
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('行政检察', '行政检查'));
    const catalog = compile(options);
    const after = slots(directory);
    const rewritten = [...after].filter(([name, time]) => before.get(name) !== time);
    expect(rewritten).toHaveLength(1);
    expect(catalog.diagnostics.some((d) => d.location?.file === 'lists/market/items.yaml' && d.ruleId === 'schema')).toBe(false);
    expect(everything(catalog)).toEqual(everything(compile({ paths: ['.'], cwd: root })));
  });

  it('keeps the bytes of a file read the fast way, and parses only the entries an edit changed', () => {
    const root = tree();
    const directory = join(root, '.qingdan-cache');
    const options = { paths: ['.'], cwd: root, cache: { directory } };
    compile(options);
    const project = new ProjectCompilation(options);
    const indexes = [...Array(project.count).keys()];
    const indexOf = (name: string) => indexes.find((i) => project.file(i).display === name)!;
    // Every generated file but those with a syntax error (read as a whole document) has its bytes kept.
    const generated = indexes.filter((i) => project.file(i).display.startsWith('generated/'));
    const kept = generated.filter((i) => project.earlier(i).source !== undefined);
    expect(kept.length).toBeGreaterThan(generated.length * 0.8);
    for (const i of kept) expect(Buffer.from(project.earlier(i).source!)).toEqual(readFileSync(project.file(i).path));
    const path = project.file(kept.find((i) => project.file(i).display.includes('inspections'))!).path;
    // Not kept: a file read as a whole document (an alias), and one whose numbers JSON would change.
    expect(project.earlier(indexOf('lists/market/aliases.yaml')).source).toBeUndefined();
    expect(project.earlier(indexOf('lists/numbers.yaml')).source).toBeUndefined();

    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace(/^( {4}name: .*)$/m, '$1（修订）'));
    const load = vi.spyOn(jsyaml, 'load');
    try {
      const catalog = compile(options);
      // The edited entry and the lines outside the entries, each parsed alone: nothing near the whole file.
      const parsed = load.mock.calls.map(([t]) => String(t).length);
      expect(parsed.length).toBeGreaterThan(0);
      expect(Math.max(...parsed)).toBeLessThan(text.length / 10);
      expect(catalog.files.find((f) => f.path === path)!.data!.entries.some((e) => JSON.stringify(e).includes('（修订）'))).toBe(true);
      load.mockClear();
      expect(everything(catalog)).toEqual(everything(compile({ paths: ['.'], cwd: root })));
      // Without the cache, the file is read whole.
      expect(load.mock.calls.some(([t]) => String(t).length >= text.length)).toBe(true);
    } finally {
      load.mockRestore();
    }

    // An edit that brings in a number JSON would change (NaN): its bytes are no longer kept, so a
    // later edit reads the file whole, and the NaN is never written into a JSON record.
    const odd = readFileSync(path, 'utf8').replace(/^( {4}name: .*)$/m, '$1\n    remarks: .nan');
    writeFileSync(path, odd);
    compile(options);
    expect(new ProjectCompilation(options).earlier(indexes.find((i) => project.file(i).path === path)!).source).toBeUndefined();
    // Another entry edited (the last): the one with the NaN is taken from the record.
    writeFileSync(path, odd.replace(/(\n {4}objects: [^\n]*)(?![\s\S]*\n {4}objects: )/, '$1改'));
    expect(everything(compile(options))).toEqual(everything(compile({ paths: ['.'], cwd: root })));
    expect(everything(compile(options))).toEqual(everything(compile({ paths: ['.'], cwd: root })));
  });

  it('keeps the validation of the entries an edit left as they were, moved to their lines', () => {
    const root = tree();
    const project = new ProjectCompilation({ paths: ['.'], cwd: root });
    const { config, kinds } = project;
    // A generated file read the fast way, with schema problems.
    const { path, display, first } = [...Array(project.count).keys()]
      .map((i) => ({ ...project.file(i), first: compileFile(project.file(i).path, project.file(i).display, kinds, config) }))
      .find(({ display, first }) => display.startsWith('generated/') && first.source && first.record?.validation?.diagnostics.some((d) => d.ruleId === 'schema'))!;
    const earlier = () => earlierFile(first.record, first.source)!;
    const text = readFileSync(path, 'utf8');
    const edits = [
      // Every entry two lines down, and one name edited.
      text.replace(/^entries:\n/m, 'entries:\n  # 新加的注释\n  # 又一行\n').replace(/^( {4}name: .*)$/m, '$1（改）'),
      // An entry moved to the end, one removed.
      (() => {
        const { bounds } = earlier().read.layout;
        const piece = (i: number) => text.slice(bounds[i], bounds[i + 1]);
        return text.slice(0, bounds[0]) + text.slice(bounds[2], bounds[bounds.length - 1]) + piece(0) + text.slice(bounds[bounds.length - 1]);
      })(),
      // The file-level defaults changed: every entry validated again.
      text.replace(/^department: .*$/m, 'department: 区某某局'),
    ];
    for (const edited of edits) {
      writeFileSync(path, edited);
      const whole = compileFile(path, display, kinds, config).record!;
      const taken = compileFile(path, display, kinds, config, earlier()).record!;
      expect(taken.validation).toEqual(whole.validation);
    }
    expect(compileFile(path, display, kinds, config).record!.validation!.diagnostics.length).toBeGreaterThan(0);

    // The verdicts kept are the earlier record's: one that says every entry passed shows through, but for the entry edited.
    writeFileSync(path, edits[0]!);
    const passed = { ...first.record!, validation: { valid: first.record!.validation!.valid.map(() => 1), diagnostics: [] } };
    const kept = compileFile(path, display, kinds, config, earlierFile(passed, first.source)).record!.validation!;
    expect(kept.valid.filter((v) => v === 0).length).toBeLessThanOrEqual(1);
    expect(kept.diagnostics.length).toBeLessThan(compileFile(path, display, kinds, config).record!.validation!.diagnostics.length);
  });

  it('takes an unchanged file by its stamp, and sees a change that keeps size and modification time', () => {
    const root = tree();
    const directory = join(root, '.qingdan-cache');
    const options = { paths: ['.'], cwd: root, cache: { directory } };
    const changed = join(root, 'lists/market/items.yaml');
    // Old files: recent ones are always read again (their times may not yet tell a change).
    const old = new Date(2020, 0, 1);
    for (const name of readdirSync(root, { recursive: true }) as string[]) if (name.endsWith('.yaml')) utimesSync(join(root, name), old, old);
    const expected = everything(compile(options));
    age(directory);
    const before = slots(directory);
    // Taken by their stamps: nothing rewritten, the same results.
    expect(everything(compile(options))).toEqual(expected);
    expect(slots(directory)).toEqual(before);

    // The same size, the modification time set back: the change time still tells.
    const text = readFileSync(changed, 'utf8');
    const edited = text.replace('行政检察', '行政检查');
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(text));
    writeFileSync(changed, edited);
    utimesSync(changed, old, old);
    const catalog = compile(options);
    expect(catalog.diagnostics.some((d) => d.location?.file === 'lists/market/items.yaml' && d.ruleId === 'schema')).toBe(false);
    expect(everything(catalog)).toEqual(everything(compile({ paths: ['.'], cwd: root })));
  });

  it('ignores a corrupt, truncated or foreign cache file, and writes it anew', () => {
    const root = tree();
    const directory = join(root, '.qingdan-cache');
    const options = { paths: ['.'], cwd: root, cache: { directory } };
    const expected = everything(compile({ paths: ['.'], cwd: root }));
    compile(options);
    const names = [...slots(directory).keys()];
    const damage = [
      () => Buffer.from('not a cache file'),
      (b: Buffer) => b.subarray(0, Math.floor(b.length / 2)),
      (b: Buffer) => Buffer.concat([b.subarray(0, b.indexOf(10) + 1), Buffer.from('J{"hash": 1')]),
      (b: Buffer) => Buffer.concat([b.subarray(0, b.indexOf(10) + 1), Buffer.from([0x56, 0xff, 0x0f, 0x6f])]),
      (b: Buffer) => Buffer.from(b.toString('utf8').replace(/"key":"[^"]*"/, '"key":"0.0.0/1/other"')),
      () => Buffer.alloc(0),
    ];
    names.forEach((name, i) => writeFileSync(join(directory, name), damage[i % damage.length]!(readFileSync(join(directory, name)))));
    expect(everything(compile(options))).toEqual(expected);
    age(directory);
    const rewritten = slots(directory);
    // Every cache file is whole again: the next run takes all of them as they are.
    expect(everything(compile(options))).toEqual(expected);
    expect(slots(directory)).toEqual(rewritten);
    expect(readdirSync(directory).filter((n) => !n.endsWith('.bin'))).toEqual([]);
  });

  it('is invalidated by a change of the configuration', () => {
    const root = tree();
    const directory = join(root, '.qingdan-cache');
    const options = { paths: ['lists'], cwd: root, cache: { directory } };
    compile(options);
    age(directory);
    const before = slots(directory);
    writeFileSync(join(root, 'lists/qingdan.config.yaml'), 'codes:\n  items: "^\\\\d{14}$"\nlimits:\n  max_entries: 1000\n');
    const catalog = compile(options);
    const after = slots(directory);
    expect([...after].every(([name, time]) => before.get(name) !== time)).toBe(true);
    expect(everything(catalog)).toEqual(everything(compile({ paths: ['lists'], cwd: root })));
  });
});

describe('--cache, --no-cache, --cache-location', () => {
  it('caches by default in .qingdan-cache, or node_modules/.cache/qingdan when there is node_modules', async () => {
    const root = tree();
    const first = await runCli(['validate', 'lists', '--format', 'json'], root);
    expect(existsSync(join(root, '.qingdan-cache'))).toBe(true);
    const second = await runCli(['validate', 'lists', '--format', 'json'], root);
    expect(second).toEqual(first);

    const withModules = writeTree({ 'lists/departments.yaml': DEPARTMENTS, 'node_modules/.keep': '' });
    await runCli(['check', 'lists'], withModules);
    expect(readdirSync(join(withModules, 'node_modules/.cache/qingdan')).length).toBeGreaterThan(0);
    expect(existsSync(join(withModules, '.qingdan-cache'))).toBe(false);
  });

  it('--no-cache writes nothing; --cache-location puts the cache elsewhere', async () => {
    const root = tree();
    const none = await runCli(['check', 'lists', '--no-cache', '--format', 'json'], root);
    expect(existsSync(join(root, '.qingdan-cache'))).toBe(false);
    const elsewhere = await runCli(['check', 'lists', '--cache-location', 'tmp/cache', '--format', 'json'], root);
    expect(readdirSync(join(root, 'tmp/cache')).length).toBeGreaterThan(0);
    expect(existsSync(join(root, '.qingdan-cache'))).toBe(false);
    expect(elsewhere).toEqual(none);
    expect((await runCli(['check', 'lists', '--workers', '0'], root)).code).toBe(2);
  });
});
