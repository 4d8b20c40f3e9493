import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slug, fileSlug, listPageFile } from '../../src/emit/site/paths.js';
import { paginate, pageWindow } from '../../src/emit/site/paginate.js';
import { scriptSafeJson } from '../../src/emit/site/json.js';
import { DEFAULT_TEMPLATES_DIR } from '../../src/emit/site/templates.js';
import { attachmentBaseName } from '../../src/emit/names.js';
import { catalogOf } from '../helpers/tree.js';
import { CONFIG, emitCatalog, emitTree, read, siteTree, snapshot, tempDir } from './helpers.js';

describe('site: pages and links', () => {
  it('writes an index, an overview, a page per list and per department, assets and a search index', async () => {
    const site = await emitTree(siteTree());
    const paths = site.artifacts.map((a) => a.path);
    for (const p of [
      'site/index.html',
      'site/overview.html',
      'site/items.html',
      'site/inspections.html',
      'site/key-supervision.html',
      'site/leniency.html',
      'site/departments.html',
      'site/laws.html',
      'site/dept/market.html',
      'site/dept/health.html',
      'site/dept/emergency.html',
      'site/assets/site.css',
      'site/assets/site.js',
      'site/assets/columns.css',
      'site/assets/search/manifest.js',
      'site/assets/search/items-1.js',
    ]) {
      expect(paths, p).toContain(p);
    }
    for (const a of site.artifacts) expect(existsSync(join(site.outDir, a.path)), a.path).toBe(true);
    expect(new Set(paths).size).toBe(paths.length);
    expect(site.artifacts.find((a) => a.path === 'site/items.html')).toMatchObject({ type: 'html', kind: 'items' });
    expect(site.artifacts.find((a) => a.path === 'site/dept/market.html')).toMatchObject({ type: 'html', department: 'market' });
    // Nothing but the artifacts is left in the folder (no temporary files of the atomic writes).
    expect(snapshot(site.siteDir).size).toBe(paths.length);
  });

  it('shows the edition metadata box on the index, with 示例 only for a sample and 草稿 only for a draft', async () => {
    const site = await emitTree(siteTree());
    const index = read(site, 'index.html');
    expect(index).toContain('<html lang="zh-CN">');
    for (const [label, value] of [
      ['索引号', '000014348/2026-00123'],
      ['发布机构', '北京市大兴区事中事后监管工作联席会议办公室'],
      ['文号', '京兴监管办发〔2026〕1号'],
      ['成文日期', '2026-11-10'],
      ['发布日期', '2026-11-20'],
      ['有效性', '有效'],
    ]) {
      expect(index).toContain(`<dt>${label}</dt><dd>${value}</dd>`);
    }
    expect(index).not.toContain('banner-sample');
    expect(index).not.toContain('banner-draft');
    expect(index).toContain('本清单实行动态调整。');
    // No script from anywhere but the site itself, even if escaping ever failed.
    expect(index).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self';`);
    const css = read(site, 'assets/site.css');
    expect(css).toContain('@page { size: A4 landscape;');
    expect(css).toContain('thead { display: table-header-group; }');

    const sample = await emitTree(siteTree({ 'qingdan.config.yaml': CONFIG.replace('edition: 第一版', 'edition: 第一版（示例）\n  sample: true') }));
    expect(read(sample, 'index.html')).toContain('<strong>示例</strong>');
    expect(read(sample, 'items.html')).toContain('<strong>示例</strong>');
    const draft = await emitTree(siteTree(), { draft: true });
    for (const page of ['index.html', 'items.html', 'overview.html', 'dept/market.html']) {
      expect(read(draft, page), page).toContain('<strong>草稿</strong>');
      expect(read(draft, page), page).toContain('<title>【草稿】');
    }
  });

  it('gives every entry an anchor from its code, and links departments and laws to their pages', async () => {
    const site = await emitTree(siteTree());
    const items = read(site, 'items.html');
    expect(items).toContain('<tr id="items-SCJG-SX-001"');
    expect(items).toContain('<a href="#items-SCJG-SX-001">1</a>');
    const inspections = read(site, 'inspections.html');
    expect(inspections).toContain('<tr id="inspections-SCJG-JC-003"');
    // Departments by their short name, linked to their page; laws linked to the law's entry.
    expect(inspections).toContain('<a href="dept/market.html">区市场监管局</a>');
    expect(inspections).toContain('<a href="laws.html#laws-food-safety-law">《中华人民共和国食品安全法》第一百一十条</a>');
    // Registries without a code use their key.
    expect(read(site, 'departments.html')).toContain('<tr id="departments-market"');
  });

  it('keeps anchors unique and stable: duplicate codes, entries without code or key, codes with any character', async () => {
    const tasks = `kind: tasks
entries:
  - { seq: 1, content: 甲, departments: 区市场监管局 }
  - { seq: 1, content: 乙, departments: 区市场监管局 }
  - { seq: 3, content: 丙, departments: 区市场监管局 }
`;
    const config = `${CONFIG}kinds:
  - name: tasks
    title: 任务分工
    sequence: seq
    layout: { columns: [{ field: seq }, { field: content }, { field: departments }] }
    schema: { type: object, properties: { seq: { type: integer, title: 序号 }, content: { type: string }, departments: { type: string } } }
`;
    const items = `${ITEMS_WITH_DUPLICATE}`;
    const site = await emitTree(siteTree({ 'qingdan.config.yaml': config, 'tasks.yaml': tasks, 'market/items.yaml': items }));
    const html = read(site, 'items.html');
    expect(html).toContain('id="items-SCJG-SX-001"');
    expect(html).toContain('id="items-SCJG-SX-001.2"');
    expect(html).toContain('id="items-A_20_B_2f__3c_x_3e_"');
    const t = read(site, 'tasks.html');
    expect(t).toContain('id="tasks-1"');
    expect(t).toContain('id="tasks-1.2"');
    expect(t).toContain('id="tasks-3"');
    // The kind's own 序号 column carries the permalink: no second 序号 column.
    expect(t).toContain('<td><a href="#tasks-3">3</a></td>');
    expect(t.match(/>序号</g)).toHaveLength(1);
  });

  it('links the downloads the build wrote beside site/, relative to site/, and no others', async () => {
    const catalog = catalogOf(siteTree());
    const items = catalog.kinds.get('items')!;
    expect(attachmentBaseName(items, catalog.config)).toBe('附件2-监管事项目录清单');
    expect(attachmentBaseName(catalog.kinds.get('laws')!, catalog.config)).toBe('法律法规依据库');
    const site = await emitCatalog(catalog, { beside: ['附件2-监管事项目录清单.xlsx', '附件2-监管事项目录清单.csv', '附件2-监管事项目录清单.json', '附件3-检查实施清单.xlsx'] });
    const index = read(site, 'index.html');
    const href = (name: string) => `href="../${encodeURIComponent(name)}"`;
    expect(index).toContain(href('附件2-监管事项目录清单.xlsx'));
    expect(index).toContain(href('附件2-监管事项目录清单.csv'));
    expect(index).toContain(href('附件2-监管事项目录清单.json'));
    expect(index).toContain(href('附件3-检查实施清单.xlsx'));
    expect(index).not.toContain(href('附件3-检查实施清单.csv'));
    expect(read(site, 'items.html')).toContain(href('附件2-监管事项目录清单.xlsx'));
  });

  it('puts on a department page what it supervises, inspects and forgives, found through aliases', async () => {
    const site = await emitTree(siteTree());
    const market = read(site, 'dept/market.html');
    expect(market).toContain('<h1>北京市大兴区市场监督管理局');
    for (const code of ['SCJG-SX-001', 'SCJG-SX-002', 'SCJG-SX-003', 'SCJG-JC-001', 'SCJG-JC-003', 'ZD-001', 'SCJG-RC-001']) expect(market, code).toContain(code);
    expect(market).not.toContain('WSJK-SX-001');
    // Rows link to the entry's permalink on its list page.
    expect(market).toContain('<a href="../items.html#items-SCJG-SX-002">2</a>');
    const health = read(site, 'dept/health.html');
    // 区卫健委 is an alias of health; health joins SCJG-JC-003 as a joint inspector.
    expect(health).toContain('WSJK-SX-001');
    expect(health).toContain('WSJK-RC-001');
    expect(health).toContain('检查实施清单（作为联合检查部门）');
    expect(health).toContain('SCJG-JC-003');
    expect(read(site, 'dept/emergency.html')).toContain('本版清单中没有由本部门负责或参与的条目。');
  });

  it('computes the overview figures, with charts labelled for screen readers and the numbers in tables', async () => {
    const site = await emitTree(siteTree());
    const html = read(site, 'overview.html');
    // 5 items, 3 with an inspection checklist; 3 routine inspections, 2 random; 1 key item, covered.
    expect(html).toMatch(/<th scope="row">全部<\/th><td class="num">5<\/td><td class="num">3<\/td><td class="num">60\.0%<\/td>/);
    expect(html).toMatch(/<th scope="row">全部<\/th><td class="num">3<\/td><td class="num">2<\/td><td class="num">66\.7%<\/td>/);
    expect(html).toMatch(/<th scope="row">全部<\/th><td class="num">1<\/td><td class="num">1<\/td><td class="num">100\.0%<\/td>/);
    // Findings per rule, waived apart (education-missing is an unknown department).
    expect(html).toContain('<code>unknown-department</code>');
    for (const id of ['fig-entries', 'fig-checklists', 'fig-random', 'fig-coverage', 'fig-findings']) {
      expect(html).toContain(`role="img" aria-labelledby="${id}-title ${id}-desc"`);
      expect(html).toContain(`<title id="${id}-title">`);
    }
    expect(html).toContain('<title>区市场监管局：');
  });
});

const ITEMS_WITH_DUPLICATE = `kind: items
entries:
  - { code: SCJG-SX-001, main_name: 甲类, name: 第一项, action: 行政检查, basis: 《中华人民共和国食品安全法》第一百一十条, level: 区级, department: market }
  - { code: SCJG-SX-001, main_name: 甲类, name: 重复的一项, action: 行政检查, basis: 《中华人民共和国食品安全法》第一百一十条, level: 区级, department: market }
  - { code: 'A B/<x>', main_name: 甲类, name: 奇怪的编码, action: 行政检查, basis: 《中华人民共和国食品安全法》第一百一十条, level: 区级, department: market }
`;

describe('site: escaping', () => {
  const hostile = `kind: items
entries:
  - code: SCJG-SX-001
    main_name: '<script>window.__pwned=1</script>'
    name: '"><img src=x onerror="window.__pwned=1">'
    action: 行政检查
    objects: 'javascript:window.__pwned=1'
    basis: '《中华人民共和国食品安全法》第一百一十条</script><script>window.__pwned=1</script>'
    level: 区级
    department: 'javascript:window.__pwned=1'
    remarks: "\\u2028\\u2029 & <!-- '\\u202E' {{site.title}}"
`;

  it('escapes list text everywhere and never turns data into a URL', async () => {
    const site = await emitTree(siteTree({ 'market/items.yaml': hostile }));
    for (const [path, bytes] of snapshot(site.siteDir)) {
      const text = bytes.toString('utf8');
      if (path.endsWith('.html')) {
        expect(text, path).not.toContain('<script>window');
        expect(text, path).not.toContain('<img src=x');
        expect(text, path).not.toMatch(/href="\s*javascript:/i);
        expect(text, path).not.toMatch(/<script(?![^>]*\bsrc="(\.\.\/)?assets\/site\.js")/);
      }
      if (path.startsWith('assets/search/')) {
        // JSON in the search index: no <, >, &, U+2028/2029 that could end a script or a line.
        expect(text, path).not.toMatch(/[<>&\u2028\u2029]/);
      }
    }
    const items = read(site, 'items.html');
    expect(items).toContain('&lt;script&gt;window.__pwned&#x3D;1&lt;/script&gt;');
    expect(items).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;&quot;window.__pwned&#x3D;1&quot;&gt;');
    // Handlebars syntax in data is data.
    expect(items).toContain('{{site.title}}');
  });

  it('serialises JSON for scripts with <, >, &, U+2028 and U+2029 escaped', () => {
    const json = scriptSafeJson({ a: '</script><!--&\u2028\u2029' });
    expect(json).toBe('{"a":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029"}');
    expect(JSON.parse(json)).toEqual({ a: '</script><!--&\u2028\u2029' });
  });

  it('has no triple-stash and no helper in the built-in templates', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.hbs') ? [join(dir, d.name)] : []));
    const files = walk(DEFAULT_TEMPLATES_DIR);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain('{{{');
      expect(text, file).not.toMatch(/\{\{&/);
    }
  });
});

describe('site: template overrides', () => {
  it('takes a partial from --templates and the rest from templates/', async () => {
    const tree = siteTree();
    const dir = tempDir('qingdan-templates-');
    mkdirSync(join(dir, 'partials'));
    writeFileSync(join(dir, 'partials/footer.hbs'), '<footer class="site-footer"><p>大兴区政务公开专用页脚 {{site.date}} {{site.title}}</p></footer>\n');
    const site = await emitTree(tree, { options: { templates: dir } });
    for (const page of ['index.html', 'items.html', 'dept/market.html', 'overview.html']) {
      const html = read(site, page);
      expect(html, page).toContain('大兴区政务公开专用页脚 2026-11-20 北京市大兴区事中事后监管清单');
      expect(html, page).toContain('<nav class="site-nav"');
    }
    expect(read(site, 'index.html')).toContain('<dt>索引号</dt>');
  });

  it('takes a page template from --templates (relative to the working directory), still escaping data', async () => {
    const tree = siteTree({ 'market/items.yaml': ITEMS_WITH_DUPLICATE.replace('第一项', '<b>第一项</b>') });
    const catalog = catalogOf(tree);
    mkdirSync(join(catalog.cwd, 'site-templates'));
    writeFileSync(join(catalog.cwd, 'site-templates/index.hbs'), '{{#> layout}}<h1>本区首页</h1><ul>{{#each lists}}<li>{{title}} {{count}}</li>{{/each}}</ul>{{/layout}}\n');
    const site = await emitCatalog(catalog, { options: { templates: 'site-templates' } });
    const index = read(site, 'index.html');
    expect(index).toContain('<h1>本区首页</h1>');
    expect(index).toContain('<li>监管事项目录清单 3</li>');
    expect(index).not.toContain('<dt>索引号</dt>');
    expect(read(site, 'items.html')).toContain('&lt;b&gt;第一项&lt;/b&gt;');
    expect(read(site, 'items.html')).toContain('<nav class="site-nav"');
  });

  it('refuses an unknown page template or a missing folder, naming them', async () => {
    const dir = tempDir('qingdan-templates-');
    writeFileSync(join(dir, 'indx.hbs'), 'x');
    await expect(emitTree(siteTree(), { options: { templates: dir } })).rejects.toThrow(/unknown template indx\.hbs/);
    await expect(emitTree(siteTree(), { options: { templates: join(dir, 'nope') } })).rejects.toThrow(/not a folder/);
    const broken = tempDir('qingdan-templates-');
    mkdirSync(join(broken, 'partials'));
    writeFileSync(join(broken, 'partials/footer.hbs'), '{{#if}}');
    await expect(emitTree(siteTree(), { options: { templates: broken } })).rejects.toThrow(/partials\/footer\.hbs/);
  });
});

describe('site: determinism', () => {
  it('writes the same bytes for the same lists', async () => {
    const catalog = catalogOf(siteTree());
    const a = await emitCatalog(catalog);
    const b = await emitCatalog(catalogOf(siteTree()));
    const sa = snapshot(a.siteDir);
    const sb = snapshot(b.siteDir);
    expect([...sa.keys()]).toEqual([...sb.keys()]);
    for (const [path, bytes] of sa) expect(bytes.equals(sb.get(path)!), path).toBe(true);
  });
});

describe('site: names and pages', () => {
  it('slugs codes reversibly into safe ids and file names', () => {
    expect(slug('SCJG-SX-001')).toBe('SCJG-SX-001');
    expect(slug('食品-001')).toBe('食品-001');
    expect(slug('A B')).not.toBe(slug('A_B'));
    expect(slug('javascript:x')).toBe('javascript_3a_x');
    expect(slug('a\u202Eb')).toBe('a_202e_b');
    expect(fileSlug('con')).toBe('_con');
    expect(Buffer.byteLength(fileSlug('长'.repeat(200)))).toBeLessThan(200);
    expect(fileSlug('长'.repeat(200))).not.toBe(fileSlug('长'.repeat(199) + '短'));
    expect(listPageFile('items', 1)).toBe('items.html');
    expect(listPageFile('items', 3)).toBe('items-3.html');
    expect(listPageFile('index', 1)).toBe('list-index.html');
  });

  it('cuts pages at a number of entries or of bytes', () => {
    expect(paginate([1, 1, 1, 1, 1], 2, 100)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
      { start: 4, end: 5 },
    ]);
    expect(paginate([60, 60, 200, 10], 10, 100)).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 2 },
      { start: 2, end: 3 },
      { start: 3, end: 4 },
    ]);
    expect(paginate([])).toEqual([{ start: 0, end: 0 }]);
    expect(pageWindow(10, 30)).toEqual([1, null, 7, 8, 9, 10, 11, 12, 13, null, 30]);
  });
});
