/**
 * The site in a real browser (Debian's chromium, file:// URLs): pages load
 * without errors, the search and the filters work, permalinks land on their
 * entry, and axe-core finds no serious or critical problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { emitTree, fileUrl, hasChromium, launch, open, seriousViolations, siteTree, type EmittedSite } from './helpers.js';

/** The anchors of the results of the search box (or of "other pages"). */
async function resultAnchors(page: Page, list = '#search .search-results'): Promise<string[]> {
  const hrefs = await page.$$eval(`${list} a`, (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
  return hrefs.map((h) => h.slice(h.indexOf('#') + 1)).sort();
}

/** The ids of the rows the filter leaves visible. */
async function visibleRows(page: Page): Promise<string[]> {
  return page.$$eval('table.entries tbody tr', (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => r.id));
}

async function selectByText(page: Page, selector: string, text: string): Promise<void> {
  await page.selectOption(selector, { label: text });
}

describe.skipIf(!hasChromium)('site in chromium (skipped when /usr/bin/chromium is missing: apt-get install chromium)', () => {
  let site: EmittedSite;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    site = await emitTree(siteTree());
    browser = await launch();
    // axe is injected as a script: let it past the pages' Content-Security-Policy.
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads the index and a list page with no console errors, with the search and filter shown', async () => {
    // A context that keeps the CSP: the site's own scripts must run under it from file://.
    const strict = await browser.newContext();
    for (const path of ['index.html', 'items.html', 'dept/market.html', 'overview.html']) {
      const { page, errors } = await open(strict, fileUrl(site, path));
      await page.waitForLoadState('load');
      if (path === 'index.html') {
        await page.waitForSelector('#search:not([hidden])');
        await page.fill('#search-q', '学校');
        await page.waitForSelector('#search .search-results li');
      }
      if (path === 'items.html') await page.waitForSelector('form.filter:not([hidden])');
      expect(errors, path).toEqual([]);
      await page.close();
    }
    await strict.close();
  });

  it('narrows the search on the index by text, kind, department and category', async () => {
    const { page, errors } = await open(context, fileUrl(site, 'index.html'));
    await page.fill('#search-q', '学校');
    await expect.poll(() => resultAnchors(page)).toEqual(['inspections-SCJG-JC-003', 'items-SCJG-SX-002', 'key-supervision-ZD-001']);
    await expect.poll(() => page.textContent('#search .search-status')).toBe('找到 3 条。');

    await selectByText(page, '#search-kind', '监管事项目录清单');
    await expect.poll(() => resultAnchors(page)).toEqual(['items-SCJG-SX-002']);

    await page.fill('#search-q', '');
    await selectByText(page, '#search-kind', '全部清单');
    await selectByText(page, '#search-dept', '区卫生健康委');
    await expect.poll(() => resultAnchors(page)).toEqual(['inspections-WSJK-JC-001', 'items-WSJK-SX-001', 'items-WSJK-SX-002', 'leniency-WSJK-RC-001']);

    await selectByText(page, '#search-dept', '全部部门');
    await selectByText(page, '#search-kind', '检查实施清单');
    await expect.poll(() => page.isEnabled('#search-cat')).toBe(true);
    await selectByText(page, '#search-cat', '专项检查');
    await expect.poll(() => resultAnchors(page)).toEqual(['inspections-SCJG-JC-002']);

    // A result leads to the entry on its page.
    await page.click('#search .search-results a');
    await page.waitForURL(/inspections\.html#inspections-SCJG-JC-002$/);
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('inspections-SCJG-JC-002');
    expect(errors).toEqual([]);
  });

  it('filters a list page by text, department and category', async () => {
    const { page, errors } = await open(context, fileUrl(site, 'items.html'));
    await page.waitForSelector('form.filter:not([hidden])');
    expect(await visibleRows(page)).toHaveLength(5);
    await page.fill('#filter-q', '公共场所');
    await expect.poll(() => visibleRows(page)).toEqual(['items-WSJK-SX-001', 'items-WSJK-SX-002']);
    await expect.poll(() => page.textContent('.filter-status')).toBe('本页显示 2 / 5 条。');

    await page.fill('#filter-q', '');
    await selectByText(page, '#filter-dept', '区市场监管局');
    await expect.poll(() => visibleRows(page)).toEqual(['items-SCJG-SX-001', 'items-SCJG-SX-002', 'items-SCJG-SX-003']);
    await selectByText(page, '#filter-cat', '食品安全行政处罚');
    await expect.poll(() => visibleRows(page)).toEqual(['items-SCJG-SX-003']);
    expect(errors).toEqual([]);
  });

  it('filters a department page by kind', async () => {
    const { page } = await open(context, fileUrl(site, 'dept/market.html'));
    await page.waitForSelector('form.filter:not([hidden])');
    await selectByText(page, '#filter-kind', '轻微违法行为容错纠错清单');
    await expect.poll(() => page.$$eval('table.entries tbody tr:not([hidden]) td:first-child a', (as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '../leniency.html#leniency-SCJG-RC-001',
    ]);
    // Tables left with no row are hidden with their caption.
    expect(await page.$$eval('.table-wrap:not([hidden]) table.entries', (t) => t.length)).toBe(1);
  });

  it('scrolls a permalink to its entry and styles it as the target', async () => {
    const small = await browser.newContext({ viewport: { width: 1000, height: 400 } });
    const { page, errors } = await open(small, `${fileUrl(site, 'items.html')}#items-WSJK-SX-002`);
    const row = page.locator('#items-WSJK-SX-002');
    await expect.poll(() => row.evaluate((r) => r.matches(':target'))).toBe(true);
    const box = await row.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(400);
    const [target, other] = await page.evaluate(() => [
      getComputedStyle(document.getElementById('items-WSJK-SX-002')!).backgroundColor,
      getComputedStyle(document.getElementById('items-WSJK-SX-001')!).backgroundColor,
    ]);
    expect(target).toBe('rgb(255, 241, 184)');
    expect(other).not.toBe(target);
    // The page is long enough that the row really had to be scrolled to.
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await small.close();
  });

  it('works with the keyboard: skip link, search field, results, visible focus', async () => {
    const { page } = await open(context, fileUrl(site, 'index.html'));
    await page.waitForSelector('#search:not([hidden])');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    const skip = await page.locator('.skip-link').boundingBox();
    expect(skip!.y).toBeGreaterThanOrEqual(0);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    let steps = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'search-q' && steps++ < 60) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');
    await page.keyboard.type('公共场所卫生的');
    await page.keyboard.press('Enter');
    await expect.poll(() => resultAnchors(page)).toEqual(['items-WSJK-SX-001']);
    steps = 0;
    while (!(await page.evaluate(() => !!document.activeElement?.closest('.search-results'))) && steps++ < 10) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/items\.html#items-WSJK-SX-001$/);
  });

  it('opens the search of a department from its page (index.html?dept=…)', async () => {
    const { page } = await open(context, fileUrl(site, 'dept/health.html'));
    await page.click('text=在全部清单中检索本部门的条目');
    await page.waitForURL(/index\.html\?dept=\d+#search$/);
    await expect.poll(() => resultAnchors(page)).toEqual(['inspections-WSJK-JC-001', 'items-WSJK-SX-001', 'items-WSJK-SX-002', 'leniency-WSJK-RC-001']);
  });

  it('prints without navigation, filter or search, repeating the table header', async () => {
    const { page } = await open(context, fileUrl(site, 'inspections.html'));
    await page.waitForSelector('form.filter:not([hidden])');
    await page.emulateMedia({ media: 'print' });
    const display = (selector: string) => page.$eval(selector, (e) => getComputedStyle(e).display);
    expect(await display('table.entries thead')).toBe('table-header-group');
    for (const hidden of ['.site-nav', 'form.filter', '.skip-link']) expect(await display(hidden), hidden).toBe('none');
    // The two-row header (抽查项目 over 检查类别 | 检查事项名称) prints with the table.
    expect(await page.$$eval('table.entries thead tr', (rows) => rows.length)).toBe(2);
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    for (const path of ['index.html', 'items.html', 'inspections.html', 'dept/market.html', 'overview.html']) {
      const { page } = await open(context, fileUrl(site, path));
      await page.waitForLoadState('load');
      expect(await seriousViolations(page), path).toEqual([]);
      await page.close();
    }
  });
});
