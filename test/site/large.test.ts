/**
 * A large list (30 000 supervision items, the first 2 000 with long text full
 * of characters that grow when escaped): every page and every search chunk
 * stays under 2 MB, pages are cut by entries or by bytes, and the search from
 * the index and from the first list page finds an entry on the last page.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { Entry } from '../../src/core/entry.js';
import { PAGE_ENTRIES } from '../../src/emit/site/paginate.js';
import { Catalog } from '../../src/link/index.js';
import { loadProject } from '../../src/load/index.js';
import { SourceFile } from '../../src/load/source.js';
import { validateProject } from '../../src/validate/index.js';
import { writeTree } from '../helpers/tree.js';
import { emitCatalog, fileUrl, hasChromium, launch, open, type EmittedSite } from './helpers.js';

const ENTRIES = 30_000;
const LONG = 2_000;
const MAX_BYTES = 2 * 1024 * 1024;
const LAST = `SX-${String(ENTRIES).padStart(6, '0')}`;

/** The lists: a small tree on disk (configuration, 40 departments), and the items generated in memory as one list file. */
function largeCatalog(): Catalog {
  const root = writeTree({
    'qingdan.config.yaml': `edition:\n  title: 某省事中事后监管清单\n  date: 2026-01-01\nattachments:\n  items: 2\ncodes:\n  items: '^SX-\\d{6}$'\n`,
    'departments.yaml': `kind: departments\nentries:\n${Array.from({ length: 40 }, (_, i) => `  - { id: d${i}, name: 某省第${i}厅局, short_name: 省第${i}局 }\n`).join('')}`,
  });
  const project = validateProject(loadProject({ paths: ['.'], cwd: root }));
  const kind = project.kinds.get('items')!;
  const file = new SourceFile(join(root, 'items.yaml'), 'items.yaml', '');
  const entries: Entry[] = [];
  for (let i = 1; i <= ENTRIES; i++) {
    const data: Record<string, unknown> = {
      code: `SX-${String(i).padStart(6, '0')}`,
      main_name: `主项${i % 700}`,
      name: `对第${i}类经营者落实安全生产主体责任情况的监督检查`,
      action: '行政检查',
      objects: `本省第${i}类经营者，包括生产、经营、储存单位`,
      basis: `《中华人民共和国安全生产法》第${(i % 100) + 1}条、第${(i % 50) + 3}条`,
      level: '市级',
      department: `d${i % 40}`,
    };
    if (i <= LONG) data.remarks = `<&>"'`.repeat(250);
    entries.push(new Entry(kind, file, i - 1, Object.freeze(data), new Set(Object.keys(data)), true));
  }
  return new Catalog({ ...project, entries: [...project.entries, ...entries] });
}

describe('site: a large list', () => {
  let site: EmittedSite;
  let sizes: Map<string, number>;

  beforeAll(async () => {
    const started = Date.now();
    site = await emitCatalog(largeCatalog(), { diagnostics: [] });
    console.info(`generated and emitted in ${Date.now() - started} ms`);
    sizes = new Map(site.artifacts.map((a) => [a.path, statSync(join(site.outDir, a.path)).size]));
  }, 300_000);

  it('keeps every page and every search chunk under 2 MB', () => {
    const html = [...sizes].filter(([p]) => p.endsWith('.html'));
    const chunks = [...sizes].filter(([p]) => p.startsWith('site/assets/search/'));
    for (const [path, size] of sizes) expect(size, path).toBeLessThan(MAX_BYTES);
    const max = (list: [string, number][]) => list.reduce((a, b) => (b[1] > a[1] ? b : a));
    const listPages = html.filter(([p]) => /^site\/items(-\d+)?\.html$/.test(p));
    console.info(
      `site of ${ENTRIES} entries: ${listPages.length} list pages (largest ${max(listPages)[0]}, ${max(listPages)[1]} bytes), ` +
        `${html.length - listPages.length} other pages (largest ${max(html.filter((h) => !listPages.includes(h)))[1]} bytes), ` +
        `${chunks.length} search files (largest ${max(chunks)[1]} bytes, total ${chunks.reduce((s, c) => s + c[1], 0)} bytes)`,
    );
  });

  it('cuts pages by bytes where the text is long and by entries elsewhere', () => {
    const pages = [...sizes.keys()].filter((p) => /^site\/items(-\d+)?\.html$/.test(p));
    // 2 000 long entries need many more than two pages; the other 28 000 fill 28 pages of 1 000.
    expect(pages.length).toBeGreaterThan(2 + (ENTRIES - LONG) / PAGE_ENTRIES);
    const last = `site/items-${pages.length}.html`;
    expect(sizes.has(last)).toBe(true);
    const text = (p: string) => readFileSync(join(site.outDir, p), 'utf8');
    expect(text(last)).toContain(`id="items-${LAST}"`);
    for (const p of pages) expect(text(p).match(/<tr id=/g)!.length, p).toBeLessThanOrEqual(PAGE_ENTRIES);
    // Department pages are cut too (750 entries each, 50 of them long).
    expect(sizes.has('site/dept/d0.html')).toBe(true);
  });

  describe.skipIf(!hasChromium)('in chromium (skipped when /usr/bin/chromium is missing)', () => {
    let browser: Browser;
    let context: BrowserContext;
    beforeAll(async () => {
      browser = await launch();
      context = await browser.newContext();
    });
    afterAll(async () => {
      await browser?.close();
    });

    const lastPage = () => [...sizes.keys()].filter((p) => /^site\/items(-\d+)?\.html$/.test(p)).length;

    it('finds an entry of the last page from the index', async () => {
      const { page, errors } = await open(context, fileUrl(site, 'index.html'));
      await page.fill('#search-q', LAST);
      const link = page.locator('#search .search-results a');
      await expect.poll(() => link.count(), { timeout: 60_000 }).toBe(1);
      expect(await link.getAttribute('href')).toBe(`items-${lastPage()}.html#items-${LAST}`);
      await link.click();
      await page.waitForURL(new RegExp(`items-${lastPage()}\\.html#items-${LAST}$`));
      expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe(`items-${LAST}`);
      expect(errors).toEqual([]);
    }, 120_000);

    it('finds it from the first list page, among the matches on other pages', async () => {
      const { page, errors } = await open(context, fileUrl(site, 'items.html'));
      await page.fill('#filter-q', LAST);
      await expect.poll(() => page.$$eval('table.entries tbody tr:not([hidden])', (r) => r.length)).toBe(0);
      const link = page.locator('.more-results .search-results a');
      await expect.poll(() => link.count(), { timeout: 60_000 }).toBe(1);
      expect(await link.getAttribute('href')).toBe(`items-${lastPage()}.html#items-${LAST}`);
      expect(errors).toEqual([]);
    }, 120_000);

    it('sends a permalink that names the wrong page to the entry’s page', async () => {
      const { page, errors } = await open(context, `${fileUrl(site, 'items.html')}#items-${LAST}`);
      await page.waitForURL(new RegExp(`items-${lastPage()}\\.html#items-${LAST}$`), { timeout: 60_000 });
      await expect.poll(() => page.evaluate(() => document.querySelector(':target')?.id)).toBe(`items-${LAST}`);
      expect(errors).toEqual([]);
    }, 120_000);
  });
});
