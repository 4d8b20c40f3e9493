/**
 * Nothing lost: `import` and `fmt` never overwrite without being asked, write
 * by renaming a finished temporary file into place (no temporary file left
 * behind), never touch a file they cannot read, keep every comment; and no
 * name taken from the data (a file name, a sheet name, a department) becomes
 * a path outside the output folder. Complements test/lifecycle/import.test.ts
 * and fmt.test.ts (refusal, --dry-run, fmt of broken files) and
 * test/cli/build.test.ts (the build's swap, lock and refusals).
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { mkdirSync, openSync, readFileSync, readSync, closeSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultConfig } from '../../src/config/index.js';
import { buildKinds } from '../../src/config/load.js';
import { formatListText } from '../../src/fmt/index.js';
import { runCli } from '../helpers/cli.js';
import { toCsv } from '../helpers/legacy.js';
import { writeTree } from '../helpers/tree.js';
import { TREE } from '../emit/fixtures.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const kinds = buildKinds(defaultConfig()).kinds;

const HEADER = ['编号', '类别', '违法行为', '违反条款', '处罚依据', '处理方式', '适用条件', '法律依据', '实施部门'];
const ROW = ['SCJG-RC-001', '广告', '广告中使用“国家级”用语', '《广告法》第九条', '《广告法》第五十七条', '不予处罚', '首次违法、及时改正', '《行政处罚法》第三十三条第一款', '区市场监管局'];
const CSV = toCsv([HEADER, ROW]);

/** Every file under a folder (relative path → bytes), dot-files included. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full).split(sep).join('/'), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

/** Temporary files of an atomic write (`.<name>.<pid>.<n>.tmp`) anywhere under a folder. */
function temporaries(dir: string): string[] {
  return [...files(dir).keys()].filter((p) => /(^|\/)\.[^/]*\.tmp$/.test(p));
}

/** Bytes a YAML parser or a text editor could "fix": a BOM, CRLF, trailing spaces, no final line end. */
const PRECIOUS = Buffer.from('\uFEFF# 部门手工维护的文件，请勿覆盖\r\nkind: leniency  \r\nentries: []', 'utf8');

describe('import never overwrites without being asked', () => {
  it('refuses an existing output without --force, leaving its bytes, inode and time as they were', async () => {
    const root = writeTree({ 'rc.csv': CSV, 'lists/imported/rc.yaml': PRECIOUS, 'lists/market/rc.yaml': PRECIOUS });
    for (const [target, extra] of [
      ['lists/imported/rc.yaml', []],
      ['lists/market/rc.yaml', ['--out', 'lists/market/rc.yaml']],
      ['lists/market/rc.yaml', ['--out', join(root, 'lists/market/rc.yaml'), '--department', 'market']],
    ] as const) {
      const before = statSync(join(root, target));
      const r = await runCli(['import', 'rc.csv', '--kind', 'leniency', ...extra], root);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${target} 已存在；加 --force 覆盖`);
      const after = statSync(join(root, target));
      expect(readFileSync(join(root, target))).toEqual(PRECIOUS);
      expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    }
    expect(temporaries(root)).toEqual([]);
  });

  it('with --force, renames a finished file into place: a reader of the old file still reads it whole, no temporary file is left', async () => {
    const root = writeTree({ 'rc.csv': CSV, 'lists/imported/rc.yaml': PRECIOUS });
    const target = join(root, 'lists/imported/rc.yaml');
    const before = statSync(target);
    const reader = openSync(target, 'r');
    try {
      const r = await runCli(['import', 'rc.csv', '--kind', 'leniency', '--force'], root);
      expect(r.code, r.stderr).toBe(0);
      // A new file took the name; the old one was never truncated or written into.
      const old = Buffer.alloc(PRECIOUS.length + 16);
      expect(old.subarray(0, readSync(reader, old, 0, old.length, 0))).toEqual(PRECIOUS);
    } finally {
      closeSync(reader);
    }
    expect(statSync(target).ino).not.toBe(before.ino);
    const data = parse(readFileSync(target, 'utf8')) as { kind: string; entries: Record<string, unknown>[] };
    expect(data.kind).toBe('leniency');
    expect(data.entries.map((e) => e.code)).toEqual(['SCJG-RC-001']);
    expect(temporaries(root)).toEqual([]);
    expect([...files(join(root, 'lists')).keys()]).toEqual(['imported/rc.yaml']);
  });

  it('names a write that fails (a folder, a path under a file) as an I/O error, and leaves nothing behind', async () => {
    const root = writeTree({ 'rc.csv': CSV, 'lists/imported/rc.yaml/keep.yaml': PRECIOUS });
    const before = files(root);
    for (const [out, force] of [
      ['lists/imported/rc.yaml', ['--force']],
      ['rc.csv/rc.yaml', []],
      ['rc.csv/rc.yaml', ['--force']],
    ] as const) {
      const r = await runCli(['import', 'rc.csv', '--kind', 'leniency', '--out', out, ...force], root);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`qingdan: 无法写入 ${out}：`);
      expect(r.stderr).not.toContain('内部错误');
    }
    const en = await runCli(['--lang', 'en', 'import', 'rc.csv', '--kind', 'leniency', '--out', 'rc.csv/rc.yaml'], root);
    expect(en.stderr).toContain('qingdan: Cannot write rc.csv/rc.yaml: ');
    expect(files(root)).toEqual(before);
  });
});

describe('fmt never loses a file', () => {
  const CANONICAL = 'kind: leniency\nentries:\n  - code: SCJG-RC-001\n    category: 广告\n';

  it('leaves files it cannot parse byte for byte, and writes nothing with --check', async () => {
    const broken = {
      'lists/syntax.yaml': Buffer.from('\uFEFFkind: leniency\r\nentries:\r\n  - code: "SCJG-RC-001\r\n    category:   广告\r\n', 'utf8'),
      'lists/duplicate.yaml': Buffer.from('kind: leniency\nentries:\n  - code: A\n    code: B\n', 'utf8'),
      'lists/indent.yaml': Buffer.from('kind: leniency\nentries:\n  - code: A\n   category: 广告\n', 'utf8'),
    };
    const root = writeTree({ ...broken, 'lists/messy.yaml': '# 保留\nentries:\n  - category: 广告\n    code: "SCJG-RC-001"\nkind: leniency\n' });
    const before = files(root);
    const times = Object.keys(broken).map((p) => statSync(join(root, p)).mtimeMs);

    const check = await runCli(['fmt', '--check'], root);
    expect(check.code).toBe(1);
    expect(files(root)).toEqual(before);

    const r = await runCli(['fmt'], root);
    expect(r.code).toBe(1);
    for (const [path, bytes] of Object.entries(broken)) expect(readFileSync(join(root, path)), path).toEqual(bytes);
    expect(Object.keys(broken).map((p) => statSync(join(root, p)).mtimeMs)).toEqual(times);
    expect(readFileSync(join(root, 'lists/messy.yaml'), 'utf8')).toBe(`# 保留\n${CANONICAL}`);
    expect(temporaries(root)).toEqual([]);
    expect([...files(root).keys()]).toEqual([...before.keys()]);
  });

  /** Fields of an inspection, each with a value, in schema order. */
  const FIELDS: [string, string][] = [
    ['code', 'SCJG-JC-001'],
    ['name', '餐饮服务食品安全检查'],
    ['item', 'SCJG-SX-001'],
    ['category', '日常检查'],
    ['methods', '[现场检查, 书面检查]'],
    ['random', 'true'],
    ['objects', '餐饮服务提供者'],
    ['contents', '|-\n      第一项 # 不是注释\n      第二项'],
    ['basis', '《中华人民共和国食品安全法》第一百一十条'],
    ['sampling', '\n      - { grade: A, ratio: 3 }'],
    ['department', 'market'],
    ['contact', '张三'],
  ];

  /** An entry: its fields in some order, each with or without a comment above it and at the end of its line. */
  const entry = fc.record({
    order: fc.shuffledSubarray(FIELDS, { minLength: 2 }),
    above: fc.array(fc.boolean(), { minLength: FIELDS.length, maxLength: FIELDS.length }),
    after: fc.array(fc.boolean(), { minLength: FIELDS.length, maxLength: FIELDS.length }),
    comment: fc.boolean(),
  });

  it('keeps every comment when it reorders keys, each comment above a key still above that key', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), fc.boolean(), (entries, kindLast) => {
        const lines: string[] = ['# 文件头注释'];
        const above = new Map<string, string>();
        const comments: string[] = ['# 文件头注释'];
        const body: string[] = ['entries:'];
        entries.forEach((e, n) => {
          if (e.comment) {
            body.push(`  # 条目 ${n}`);
            comments.push(`# 条目 ${n}`);
          }
          e.order.forEach(([key, value], i) => {
            const comment = `# ${n}.${key}`;
            // A comment above an entry's first key belongs to the entry (it stays on top): only later keys carry one.
            if (i > 0 && e.above[i]) {
              body.push(`    ${comment} 上`);
              comments.push(`${comment} 上`);
              above.set(`${comment} 上`, key);
            }
            const trailing = e.after[i] && !value.startsWith('|') && !value.startsWith('\n') ? ` ${comment} 后` : '';
            if (trailing) comments.push(trailing.trim());
            body.push(`${i === 0 ? '  - ' : '    '}${key}: ${value}${trailing}`);
          });
        });
        body.push('# 文件末尾注释');
        comments.push('# 文件末尾注释');
        lines.push(...(kindLast ? [...body, 'kind: inspections'] : ['kind: inspections', ...body]));
        const text = lines.join('\n') + '\n';

        const formatted = formatListText(text, kinds);
        expect(formatted).toBeDefined();
        expect(parse(formatted!)).toEqual(parse(text));
        // A comment that moves to the top of its entry is written on the entry's `- ` line.
        const out = formatted!.split('\n').map((l) => l.trim().replace(/^- /, ''));
        for (const comment of comments) expect(out.filter((l) => l === comment || l.endsWith(` ${comment}`)), comment).toHaveLength(1);
        for (const [comment, key] of above) {
          const at = out.indexOf(comment);
          expect(at, comment).toBeGreaterThanOrEqual(0);
          expect(out[at + 1], comment).toMatch(new RegExp(`^${key}:`));
        }
        if (text.includes('第一项 # 不是注释')) expect(formatted).toContain('第一项 # 不是注释');
        expect(formatListText(formatted!, kinds)).toBe(formatted);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('output paths stay in their folder', () => {
  it('import writes its default output in lists/imported/ whatever the spreadsheet, sheet or department is called', async () => {
    const root = writeTree({ 'in/rc.csv': CSV });
    const names = ['..csv', '..\\..\\evil.csv', ' -rf .csv', '%2e%2e%2fevil.csv'];
    for (const name of names) writeFileSync(join(root, 'in', name), CSV);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('..');
    sheet.addRows([HEADER, ROW]);
    await workbook.xlsx.writeFile(join(root, 'in', '...xlsx'));
    mkdirSync(join(root, 'work'));
    const cwd = join(root, 'work');

    const runs = [
      ...names.map((name) => ['import', `../in/${name}`, '--kind', 'leniency', '--department', '../../../evil']),
      ['import', '../in/...xlsx', '--kind', 'leniency', '--sheet', '..'],
      ['import', join(root, 'in/rc.csv'), '--kind', 'leniency'],
    ];
    for (const argv of runs) {
      const r = await runCli(argv, cwd);
      expect(r.code, `${argv.join(' ')}\n${r.stderr}`).toBeLessThan(2);
    }
    // One file per input, each directly in lists/imported/ under the working directory; nothing anywhere else.
    const written = [...files(root).keys()].filter((p) => !p.startsWith('in/'));
    expect(written).toHaveLength(runs.length);
    for (const path of written) expect(path).toMatch(/^work\/lists\/imported\/[^/]+\.yaml$/);
  });

  it('import writes exactly where --out points, even outside the working directory: the user asked for that path', async () => {
    const root = writeTree({ 'work/rc.csv': CSV });
    const r = await runCli(['import', 'rc.csv', '--kind', 'leniency', '--out', '../elsewhere/x.yaml'], join(root, 'work'));
    expect(r.code, r.stderr).toBe(0);
    expect([...files(root).keys()]).toEqual(['elsewhere/x.yaml', 'work/rc.csv']);
  });

  // test/cli/build.test.ts covers short names with ../ and /; here: ids (the site's page names), names that clean up to nothing, and names that do not resolve.
  it('build --by department keeps every department’s share and page inside dist/: hostile ids, dots, device names, unresolved names', async () => {
    const hostile = [
      { id: '../../evil-id', short: '..' },
      { id: 'a\\b/../c', short: 'a/b\\c' },
      { id: 'CON', short: 'CON' },
      { id: '.', short: ' . ' },
    ];
    const departments =
      TREE['lists/departments.yaml']! +
      hostile.map((d) => `  - id: ${JSON.stringify(d.id)}\n    name: ${JSON.stringify(`北京市大兴区${d.id}局`)}\n    short_name: ${JSON.stringify(d.short)}\n`).join('');
    let items = TREE['lists/market/items.yaml']!;
    const names = [...hostile.map((d) => d.short), '../../../未登记部门'];
    names.forEach((name, i) => {
      items += `  - code: '1100000000010${i}'\n    main_name: 路径测试\n    name: 路径测试事项${i}\n    action: 行政处罚\n    basis: 《中华人民共和国食品安全法》第一百一十条\n    level: 区级\n    department: ${JSON.stringify(name)}\n`;
    });
    const root = writeTree({ ...TREE, 'lists/departments.yaml': departments, 'lists/market/items.yaml': items });
    const r = await runCli(['build', '--by', 'department', '--force', '--quiet'], root);
    expect(r.code, r.stderr).toBe(0);

    const paths = [...files(root).keys()];
    // The lists, the publication, and the compile cache (named by hashes, not by list text).
    for (const path of paths) expect(path).toMatch(/^(lists\/|dist\/|\.qingdan-cache\/[0-9a-f]{40}\.bin$)/);
    const folders = new Set(paths.filter((p) => p.startsWith('dist/departments/')).map((p) => p.split('/')[2]!));
    expect(folders.size).toBeGreaterThanOrEqual(names.length);
    for (const folder of folders) expect(folder).not.toMatch(/^\.|[\\/]/);
    for (const path of paths.filter((p) => p.startsWith('dist/departments/'))) expect(path.split('/')).toHaveLength(4);
    for (const path of paths.filter((p) => p.startsWith('dist/site/dept/'))) expect(path.split('/')).toHaveLength(4);
  });
});
