/**
 * The partials rendered by fast.ts's string builders and by Handlebars itself
 * give the same site, byte for byte: the built-in templates, hostile list
 * text, and overrides that the builders take or leave to Handlebars.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogOf } from '../helpers/tree.js';
import { emitCatalog, siteTree, snapshot, tempDir } from './helpers.js';

const HOSTILE_ITEMS = `kind: items
entries:
  - code: SCJG-SX-001
    main_name: '<script>window.__pwned=1</script>'
    name: '"><img src=x onerror="window.__pwned=1">'
    action: 行政检查
    objects: 'javascript:window.__pwned=1'
    basis: '《中华人民共和国食品安全法》第一百一十条</script><script>window.__pwned=1</script>、第一百二十二条'
    level: 区级
    department: 'javascript:window.__pwned=1'
    remarks: "\\u2028\\u2029 & <!-- '\\u202E' {{site.title}} \`="
  - code: 'A B/<x>'
    main_name: 甲类
    name: ''
    action: 行政检查
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: [market, health]
`;

async function both(files: Record<string, string>, options: Record<string, unknown> = {}) {
  const catalog = catalogOf(files);
  const fast = await emitCatalog(catalog, { options, diagnostics: [] });
  const handlebars = await emitCatalog(catalog, { options: { ...options, templateBuilders: false }, diagnostics: [] });
  return { fast: snapshot(fast.siteDir), handlebars: snapshot(handlebars.siteDir) };
}

function expectSame(a: Map<string, Buffer>, b: Map<string, Buffer>) {
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [path, bytes] of a) expect(bytes.toString('utf8'), path).toBe(b.get(path)!.toString('utf8'));
}

describe('site: partials as string builders give the same site as Handlebars', () => {
  it('for the built-in templates and hostile list text', async () => {
    for (const files of [siteTree(), siteTree({ 'market/items.yaml': HOSTILE_ITEMS })]) {
      const { fast, handlebars } = await both(files);
      expectSame(fast, handlebars);
    }
  });

  it('for overridden partials, whether the builders take them or not', async () => {
    const dir = tempDir('qingdan-templates-');
    mkdirSync(join(dir, 'partials'));
    // A row the builders take (a different layout of the same data) …
    writeFileSync(join(dir, 'partials/entry-row.hbs'), '<tr data-d="{{d}}">{{#each cells}}<td>{{#each this}}{{#if href}}<a href="{{href}}">{{text}}</a>{{else}}{{#unless text}}—{{/unless}}{{text}}{{/if}}{{/each}}</td>{{/each}}</tr>\n');
    // … and a table they leave to Handlebars (@index), which still calls the row partial.
    writeFileSync(join(dir, 'partials/entry-table.hbs'), '<table class="entries" data-kind="{{kind}}"><tbody>\n{{#each rows}}<!-- {{@index}} -->{{> entry-row}}{{/each}}</tbody></table>\n');
    const { fast, handlebars } = await both(siteTree({ 'market/items.yaml': HOSTILE_ITEMS }), { templates: dir });
    expectSame(fast, handlebars);
    const items = fast.get('items.html')!.toString('utf8');
    expect(items).toContain('<!-- 0 --><tr data-d=');
    expect(items).toContain('&lt;script&gt;window.__pwned&#x3D;1&lt;/script&gt;');
  });
});
