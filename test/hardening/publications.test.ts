/**
 * Publications cannot be turned against their readers: list text that is
 * markup, a javascript: URL, a spreadsheet formula, or bidi and zero-width
 * characters is published as text in every workbook, CSV, JSON and HTML page
 * of a real build (`qingdan build --force`). A static check of the files; the
 * browser check is test/site/hostile.test.ts.
 */
import ExcelJS from 'exceljs';
// exceljs's own zip library: the raw sheet XML, as a spreadsheet program reads it.
import JSZip from 'jszip';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/import/csv.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { writeTree } from '../helpers/tree.js';
import { siteTree, snapshot } from '../site/helpers.js';

const MARKUP = {
  script: '<script>alert(1)</script>',
  attribute: '"><img src=x onerror=alert(1)>',
  url: 'javascript:alert(1)',
};
/** Values a spreadsheet would run: each must reach a CSV with a leading '. */
const FORMULAS = {
  hyperlink: '=HYPERLINK("http://x","y")',
  dde: "=cmd|' /C calc'!A0",
  plus: '+1+1',
  minus: '-1+1',
  at: '@SUM(1)',
  tab: '\t=1+1',
  cr: '\r=1+1',
};
/** Unterminated overrides and isolates, and invisible characters: kept, never dropped. */
const INVISIBLE = {
  override: '区\u202E反转局',
  isolates: '\u2066隔\u2067离\u2068开\u2069局',
  zeroWidth: '零\u200B宽',
  bom: '\uFEFF开头',
};
const HOSTILE: Record<string, string> = { ...MARKUP, ...FORMULAS, ...INVISIBLE };
const NAMES = Object.keys(HOSTILE);
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

/** A YAML double-quoted string with invisible characters escaped, so the file itself is plain. */
function quoted(text: string): string {
  return JSON.stringify(text).replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const code = (i: number) => `SCJG-SX-${100 + i}`;

/** One supervision item per hostile value, in its category, name, objects and remarks columns. */
const ITEMS = `kind: items
entries:
${NAMES.map(
  (name, i) => `  - code: ${code(i)}
    main_name: ${quoted(HOSTILE[name]!)}
    name: ${quoted(HOSTILE[name]!)}
    action: 行政检查
    objects: ${quoted(HOSTILE[name]!)}
    basis: 《中华人民共和国食品安全法》第一百一十条
    level: 区级
    department: market
    remarks: ${quoted(HOSTILE[name]!)}
`,
).join('')}`;

/** A list cell built from list items: 检查内容 one per line, the first item a formula. */
const INSPECTIONS = `kind: inspections
entries:
  - code: SCJG-JC-100
    name: 公式开头的检查内容
    item: ${code(0)}
    category: 日常检查
    methods: [现场检查]
    random: true
    objects: 餐饮服务提供者
    contents: [${quoted(FORMULAS.hyperlink)}, ${quoted(FORMULAS.at)}]
    basis: 《中华人民共和国食品安全法》第一百一十条
    department: market
`;
const CONTENTS = `${FORMULAS.hyperlink}\n${FORMULAS.at}`;

let root: string;
let dist: string;
let built: CliResult;

beforeAll(async () => {
  const files: Record<string, string> = {};
  for (const [path, text] of Object.entries(siteTree({ 'market/items.yaml': ITEMS, 'market/inspections.yaml': INSPECTIONS }))) files[`lists/${path}`] = text;
  root = writeTree(files);
  dist = join(root, 'dist');
  built = await runCli(['build', '--force', '--quiet'], root);
}, 60_000);

function artifacts(type: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { artifacts: { path: string; type: string }[] };
  return manifest.artifacts.filter((a) => a.type === type).map((a) => a.path);
}

it('builds the hostile tree', () => {
  expect(built.code, built.stderr).toBe(0);
  expect(built.stderr).toBe('');
  expect(artifacts('xlsx').length).toBeGreaterThanOrEqual(4);
});

describe('workbooks', () => {
  it('hold every hostile value as a plain string cell, never a formula or a hyperlink (exceljs)', async () => {
    const texts = new Set<string>();
    for (const path of artifacts('xlsx')) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(join(dist, path));
      workbook.eachSheet((sheet) => {
        sheet.eachRow({ includeEmpty: false }, (row) => {
          row.eachCell({ includeEmpty: false }, (cell) => {
            expect([ExcelJS.ValueType.Formula, ExcelJS.ValueType.Hyperlink], `${path} ${cell.address}`).not.toContain(cell.type);
            if (typeof cell.value !== 'string') return;
            // A merged cell shows its master's value: the master is checked as itself.
            if (cell.type === ExcelJS.ValueType.Merge) return;
            expect([ExcelJS.ValueType.String, ExcelJS.ValueType.RichText], `${path} ${cell.address}`).toContain(cell.type);
            texts.add(cell.value);
          });
        });
      });
    }
    // XML reads a bare CR as a line feed (exceljs writes it unescaped): the cell is still text.
    for (const name of NAMES) expect(texts, name).toContain(HOSTILE[name]!.replace(/\r/g, '\n'));
    expect(texts).toContain(CONTENTS);
  });

  it('have no <f> element and no hyperlink in the sheet XML', async () => {
    for (const path of artifacts('xlsx')) {
      const zip = await JSZip.loadAsync(readFileSync(join(dist, path)));
      const parts = Object.keys(zip.files);
      const sheets = parts.filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
      expect(sheets.length, path).toBeGreaterThan(0);
      for (const part of sheets) {
        const xml = await zip.file(part)!.async('string');
        expect(xml, `${path} ${part}`).not.toMatch(/<f[\s>/]/);
        expect(xml, `${path} ${part}`).not.toMatch(/<hyperlinks?[\s>]/);
      }
      for (const part of parts.filter((p) => p.endsWith('.rels'))) {
        expect(await zip.file(part)!.async('string'), `${path} ${part}`).not.toMatch(/relationships\/hyperlink|TargetMode="External"/);
      }
      expect(parts.some((p) => p.startsWith('xl/externalLinks/')), path).toBe(false);
    }
  });
});

describe('CSV', () => {
  const rowsOf = (path: string) => parseCsv(readFileSync(join(dist, path), 'utf8').replace(/^\uFEFF/, ''));

  it('neutralises every formula prefix with a leading quote and keeps the rest verbatim', () => {
    const rows = rowsOf('附件2-监管事项目录清单.csv');
    const header = rows[0]!;
    const at = (title: string) => header.findIndex((h) => h.endsWith(title));
    NAMES.forEach((name, i) => {
      const row = rows.find((r) => r[at('子项编码')] === code(i))!;
      const value = HOSTILE[name]!;
      // The parser reads a CR inside a quoted field as a line feed; the raw bytes are checked below.
      const expected = (name in FORMULAS ? `'${value}` : value).replace(/\r/g, '\n');
      for (const column of ['主项名称', '子项名称', '监管对象', '备注']) expect(row[at(column)], `${name} ${column}`).toBe(expected);
    });
    const raw = readFileSync(join(dist, '附件2-监管事项目录清单.csv'), 'utf8');
    expect(raw).toContain(`,"'\r=1+1",`);
    expect(raw).toContain(`,'\t=1+1,`);
    for (const value of Object.values(INVISIBLE)) expect(raw).toContain(`,${value},`);
  });

  it('neutralises a cell whose first list item is a formula', () => {
    const rows = rowsOf('附件3-检查实施清单.csv');
    expect(rows.flat()).toContain(`'${CONTENTS}`);
  });

  it('has no field that a spreadsheet would run as a formula, in any CSV', () => {
    for (const path of artifacts('csv')) {
      for (const field of rowsOf(path).flat()) expect(field, path).not.toMatch(/^[=+@\t\r]|^-(?!\d+$)/);
    }
  });
});

describe('JSON', () => {
  it('keeps every value verbatim, invisible characters included', () => {
    const json = JSON.parse(readFileSync(join(dist, '附件2-监管事项目录清单.json'), 'utf8')) as { entries: Record<string, string>[] };
    NAMES.forEach((name, i) => {
      const entry = json.entries.find((e) => e.code === code(i))!;
      for (const field of ['main_name', 'name', 'objects', 'remarks']) expect(entry[field], `${name} ${field}`).toBe(HOSTILE[name]);
    });
    const inspections = JSON.parse(readFileSync(join(dist, '附件3-检查实施清单.json'), 'utf8')) as { entries: { contents: string[] }[] };
    expect(inspections.entries[0]!.contents).toEqual([FORMULAS.hyperlink, FORMULAS.at]);
  });
});

/** Tags of an HTML page: name, attributes, and the stack of open elements where each text run is. */
interface Tag {
  name: string;
  attributes: Map<string, string>;
}
const VOID = new Set(['meta', 'link', 'col', 'br', 'input', 'img', 'hr', 'wbr', 'source', 'rect', 'line', 'path']);

function tags(html: string): Tag[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[1]!.toLowerCase(),
    attributes: new Map([...m[2]!.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!.toLowerCase(), a[2] ?? ''])),
  }));
}

/** For every match of `pattern` in the text of the page: the names of the open elements around it, innermost last. */
function openElementsAt(html: string, pattern: RegExp): string[][] {
  const out: string[][] = [];
  const stack: string[] = [];
  const token = /<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>|<!--[\s\S]*?-->|[^<]+/g;
  for (const m of html.matchAll(token)) {
    if (m[2] !== undefined) {
      const name = m[2].toLowerCase();
      if (m[1]) {
        const i = stack.lastIndexOf(name);
        if (i >= 0) stack.length = i;
      } else if (!m[3] && !VOID.has(name)) stack.push(name);
    } else if (!m[0].startsWith('<!--')) {
      for (const _ of m[0].matchAll(pattern)) out.push([...stack]);
    }
  }
  return out;
}

describe('HTML pages', () => {
  let pages: Map<string, string>;
  beforeAll(() => {
    pages = new Map([...snapshot(join(dist, 'site'))].filter(([p]) => p.endsWith('.html')).map(([p, b]) => [p, b.toString('utf8')]));
  });

  it('show every hostile value escaped, as the text it is', () => {
    const items = pages.get('items.html')!;
    for (const name of NAMES) expect(items, name).toContain(`<td>${Handlebars.Utils.escapeExpression(HOSTILE[name]!)}</td>`);
    expect(items).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(items).toContain('&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
  });

  it('have no script, event handler or javascript: link from the data, and carry the CSP', () => {
    expect(pages.size).toBeGreaterThan(5);
    for (const [path, html] of pages) {
      // Every tag is read: none escapes the scan by an unusual shape.
      expect(tags(html).length, path).toBe(html.match(/<[a-zA-Z]/g)?.length);
      expect(html, path).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self';/);
      for (const tag of tags(html)) {
        const where = `${path} <${tag.name}>`;
        expect(['img', 'iframe', 'object', 'embed', 'base', 'math'], where).not.toContain(tag.name);
        if (tag.name === 'script') expect(tag.attributes.get('src'), where).toMatch(/^(\.\.\/)?assets\/site\.js$/);
        for (const [attribute, value] of tag.attributes) {
          expect(attribute, where).not.toMatch(/^on/);
          expect(attribute, `${where}: no inline style`).not.toBe('style');
          if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attribute)) expect(value, where).not.toMatch(/^\s*(javascript|data|vbscript):/i);
        }
      }
      expect(html.match(/<script\b/g)?.length, path).toBe(1);
    }
  });

  it('keep bidi controls, each inside a table cell or an option, and the stylesheet isolates table cells', () => {
    const css = readFileSync(join(dist, 'site/assets/site.css'), 'utf8');
    expect(css).toMatch(/table\.entries td\s*\{[^}]*unicode-bidi:\s*isolate/);
    expect(css).toMatch(/\.result-label[^{]*\{[^}]*unicode-bidi:\s*isolate/);
    const items = pages.get('items.html')!;
    for (const value of [INVISIBLE.override, INVISIBLE.isolates]) expect(items).toContain(`<td>${value}</td>`);
    let seen = 0;
    for (const [path, html] of pages) {
      for (const open of openElementsAt(html, BIDI)) {
        seen++;
        const inner = open.filter((name) => name !== 'a').pop();
        expect(['td', 'option'], `${path}: ${open.join(' > ')}`).toContain(inner);
        if (inner === 'td') expect(open, path).toContain('table');
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('put list text into the search index only as script-safe JSON, invisible characters kept', () => {
    const search = [...snapshot(join(dist, 'site/assets/search'))].map(([p, b]) => [p, b.toString('utf8')] as const);
    for (const [path, text] of search) expect(text, path).not.toMatch(/[<>&\u2028\u2029]/);
    const chunk = search.find(([p]) => p === 'items-1.js')![1];
    for (const value of Object.values(INVISIBLE)) expect(chunk).toContain(JSON.stringify(value).slice(1, -1));
  });
});
