/**
 * Hostile list text in a real browser: markup, event handlers, javascript:
 * values, </script> inside text that goes into the search index, bidi
 * controls. Nothing runs and everything shows as the text it is. The pages'
 * Content-Security-Policy is bypassed, so this tests the escaping itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CONFIG, emitTree, fileUrl, hasChromium, launch, open, read, siteTree, type EmittedSite } from './helpers.js';
import { DEPARTMENTS } from '../helpers/tree.js';

const SCRIPT = '<script>window.__pwned=1</script>';
const IMG = '"><img src=x onerror="window.__pwned=1">';
const JS_URL = 'javascript:window.__pwned=1';
const CLOSE = 'A</script><script>window.__pwned=1</script>\u2028\u2029B';
const BIDI = '区\u202Egnp.exe\u202C局';

const yaml = (s: string) => JSON.stringify(s);

const HOSTILE_DEPARTMENTS = `${DEPARTMENTS}  - id: ${yaml(JS_URL)}
    name: ${yaml(`${SCRIPT}管理局`)}
    short_name: ${yaml(BIDI)}
`;

const HOSTILE_ITEMS = `kind: items
entries:
  - code: SCJG-SX-001
    main_name: ${yaml(SCRIPT)}
    name: ${yaml(IMG)}
    action: 行政检查
    objects: ${yaml(JS_URL)}
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: ${yaml(JS_URL)}
    remarks: ${yaml('{{site.title}} &amp; <!--')}
  - code: ${yaml('X"><svg onload=window.__pwned=1>')}
    main_name: 正常主项
    name: ${yaml(CLOSE)}
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: ${yaml(BIDI)}
`;

const HOSTILE_CONFIG = CONFIG.replace('title: 北京市大兴区事中事后监管清单', `title: ${yaml(`</title>${SCRIPT}`)}`).replace('- 本清单实行动态调整。', `- ${yaml(IMG)}`);

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

describe.skipIf(!hasChromium)('hostile list text in chromium (skipped when /usr/bin/chromium is missing)', () => {
  let site: EmittedSite;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    site = await emitTree(siteTree({ 'qingdan.config.yaml': HOSTILE_CONFIG, 'departments.yaml': HOSTILE_DEPARTMENTS, 'market/items.yaml': HOSTILE_ITEMS }), { draft: true });
    browser = await launch();
    context = await browser.newContext({ bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs nothing and shows the text literally on every page', async () => {
    const pages = site.artifacts.filter((a) => a.type === 'html').map((a) => a.path.replace(/^site\//, ''));
    expect(pages).toContain('dept/javascript_3a_window_2e__5f__5f_pwned_3d_1.html');
    for (const path of pages) {
      const { page, errors } = await open(context, fileUrl(site, path));
      await page.waitForLoadState('load');
      expect(await pwned(page), path).toBeUndefined();
      expect(errors, path).toEqual([]);
      expect(await page.$$eval('main img, main svg:not(.chart), main script', (n) => n.length), path).toBe(0);
      const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')!));
      for (const h of hrefs) expect(h, path).not.toMatch(/^\s*javascript:/i);
      expect(await page.title(), path).toContain(`</title>${SCRIPT}`);
      await page.close();
    }
  });

  it('shows hostile cells as text, with bidi controls kept but isolated', async () => {
    const { page } = await open(context, fileUrl(site, 'items.html'));
    const cells = await page.$$eval('table.entries tbody td', (tds) => tds.map((td) => td.textContent));
    for (const text of [SCRIPT, IMG, JS_URL, CLOSE, '{{site.title}} &amp; <!--', '区\u202Egnp.exe\u202C局']) expect(cells, JSON.stringify(text)).toContain(text);
    // The department named by a javascript: id is linked to its page by a safe relative file name.
    const links = await page.$$eval('table.entries a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links).toContainEqual([BIDI, 'dept/javascript_3a_window_2e__5f__5f_pwned_3d_1.html']);
    expect(await page.$eval('table.entries tbody td', (td) => getComputedStyle(td).unicodeBidi)).toBe('isolate');
    // The hostile code still gives a working permalink.
    const id = await page.$eval('table.entries tbody tr:nth-child(2)', (tr) => tr.id);
    expect(id).toBe('items-X_22__3e__3c_svg_20_onload_3d_window_2e__5f__5f_pwned_3d_1_3e_');
    await page.goto(`${fileUrl(site, 'items.html')}#${id}`);
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe(id);
    expect(await pwned(page)).toBeUndefined();
  });

  it('finds text with </script> and U+2028 through the search index and shows it literally', async () => {
    expect(read(site, 'assets/search/items-1.js')).not.toMatch(/<\/script/i);
    const { page, errors } = await open(context, fileUrl(site, 'index.html'));
    await page.fill('#search-q', 'a</script>');
    await expect.poll(() => page.$$eval('#search .search-results .result-label', (s) => s.map((x) => x.textContent))).toEqual([CLOSE]);
    await page.fill('#search-q', 'onerror');
    await expect.poll(() => page.$$eval('#search .search-results .result-label', (s) => s.map((x) => x.textContent))).toEqual([IMG]);
    // The department filter lists the hostile department by its name, as text.
    expect(await page.$$eval('#search-dept option', (o) => o.map((x) => x.textContent))).toContain(BIDI);
    expect(await pwned(page)).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
