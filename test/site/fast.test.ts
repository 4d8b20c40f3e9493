/**
 * The string builders of fast.ts against Handlebars itself: for every template
 * they take, the same output for the same data (hostile text, odd values,
 * missing properties); the templates they do not take stay with Handlebars.
 * And searchKey's shortcuts against the plain definition.
 */
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { BAIL, fastCompiler } from '../../src/emit/site/fast.js';
import { searchKey } from '../../src/emit/site/search.js';

const OPTIONS = { preventIndent: true, knownHelpersOnly: true, data: false } as const;

/** Handlebars and the builders over the same partials; `render(name, context)` gives both outputs (null when a builder bailed). */
function both(partials: Record<string, string>) {
  const hbs = Handlebars.create();
  const asts = new Map(Object.entries(partials).map(([name, source]) => [name, hbs.parse(source, OPTIONS)]));
  for (const [name, source] of Object.entries(partials)) hbs.registerPartial(name, hbs.compile(source, OPTIONS));
  const fast = fastCompiler((name) => asts.get(name), hbs.Utils.escapeExpression as (value: unknown) => string);
  const pages = new Map(Object.keys(partials).map((name) => [name, hbs.compile(`{{> ${name}}}`, { preventIndent: true, knownHelpersOnly: true })]));
  return {
    fast,
    render(name: string, context: unknown): { handlebars: string; fast: string | null } {
      const builder = fast.partial(name);
      if (!builder) throw new Error(`${name} is not built`);
      let out: string | null;
      try {
        out = builder(context);
      } catch (e) {
        if (e !== BAIL) throw e;
        out = null;
      }
      return { handlebars: pages.get(name)!(context), fast: out };
    },
  };
}

const ROW = '<tr{{#if id}} id="{{id}}"{{/if}} data-d="{{d}}" data-c="{{c}}">{{#each cells}}<td>{{#each this}}{{#if href}}<a href="{{href}}">{{text}}</a>{{else}}{{text}}{{/if}}{{/each}}</td>{{/each}}</tr>\n';
const HOSTILE = ['<script>x</script>', '"><img src=x onerror=1>', "'`=&amp;", '{{site.title}}', 'a\u2028b\u2029c', '区\u202Egnp.exe\u202C局', ''];

describe('site: partials as string builders', () => {
  it('renders table rows exactly as Handlebars does, hostile text included', () => {
    const { render } = both({ row: ROW, table: '<tbody>\n{{#each rows}}{{> row}}{{/each}}</tbody>\n' });
    const rows = [
      { id: 'items-A', d: '1 2', c: '0.1', cells: [[{ text: '1', href: '#items-A' }], [{ text: HOSTILE[0]! }], [], [{ text: HOSTILE[1]!, href: HOSTILE[2]! }, { text: HOSTILE[3]! }]] },
      { d: '', c: '', cells: HOSTILE.map((text) => [{ text, href: text === '' ? undefined : `../${text}` }]) },
      { id: '', d: 3, c: 0, cells: [[{ text: 0 }, { text: null }, { text: false }, { text: true }, { text: 12.5 }, {}], null, 'abc', [null]] },
    ];
    for (const context of [{ rows }, { rows: [] }, {}, { rows: null }, null]) {
      const { handlebars, fast } = render('table', context);
      expect(fast).toBe(handlebars);
    }
  });

  it('renders the built-in kinds of statement as Handlebars does', () => {
    const { render } = both({
      p: [
        '{{! a comment }}<p>{{title}} {{this.title}} {{a.b.c}} {{.}}</p>',
        '{{#if list}}[{{#each list}}{{this}},{{else}}none{{/each}}]{{else}}no list{{/if}}',
        '{{#unless flag}}off{{else}}on{{/unless}}',
        '{{#with a}}<w>{{b.c}}</w>{{else}}<no-a>{{/with}}',
        '\n  {{> q}}\n',
        '{{> q a}}|{{#each items}}{{> q}}{{/each}}\n',
      ].join('\n'),
      q: '<q>{{title}}{{b.c}}</q>\n',
    });
    const contexts: unknown[] = [
      { title: '<t>', a: { b: { c: '&' } }, list: ['x', 1, 0, null, '<'], flag: 0, items: [{ title: 'i1' }, { title: '"i2"' }] },
      { title: 0, a: 0, list: [], flag: [], items: [] },
      { title: false, a: null, list: 'text', flag: 'yes', items: null },
      { a: [], list: [[]], flag: [0] },
      'just text',
      null,
      42,
    ];
    for (const context of contexts) {
      const { handlebars, fast } = render('p', context);
      expect(fast, JSON.stringify(context)).toBe(handlebars);
    }
  });

  it('bails where Handlebars would do something of its own', () => {
    const { render } = both({ p: '{{#each list}}{{this}}{{/each}}|{{title}}|{{a.b}}' });
    // An object to each, a function, a property that is not the object's own: Handlebars renders these.
    for (const context of [{ list: { a: 1 } }, { title: () => 'f' }, { title: Object.create({ inherited: 1 }) as unknown, a: Object.create({ b: 'inherited' }) as unknown }]) {
      const { fast } = render('p', context);
      if (fast !== null) expect(fast).toBe(render('p', context).handlebars);
    }
    expect(render('p', { list: { a: 1 } }).fast).toBeNull();
    expect(render('p', { title: () => 'f' }).fast).toBeNull();
    expect(render('p', { a: Object.create({ b: 'inherited' }) }).fast).toBeNull();
  });

  it('leaves to Handlebars what it does not build', () => {
    const sources = [
      '{{@index}}',
      '{{../title}}',
      '{{{raw}}}',
      '{{& raw}}',
      '{{lookup a b}}',
      '{{#each list as |x|}}{{x}}{{/each}}',
      '{{#if a includeZero=true}}x{{/if}}',
      '{{> (dynamic)}}',
      '{{> other x=1}}',
      '{{> missing}}',
      '{{#> layout}}x{{/layout}}',
      '{{#*inline "x"}}y{{/inline}}',
      '{{log a}}',
      '{{title "literal"}}',
      '{{constructor}}',
      '{{#each}}x{{/each}}',
    ];
    for (const source of sources) {
      const hbs = Handlebars.create();
      const ast = hbs.parse(source, OPTIONS);
      const fast = fastCompiler((name) => (name === 'p' ? ast : undefined), hbs.Utils.escapeExpression as (value: unknown) => string);
      expect(fast.partial('p'), source).toBeUndefined();
    }
  });
});

describe('site: search keys', () => {
  const plain = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

  it('folds every character as the plain definition does', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `A${ch}b ${ch}`, ` ${ch} ${ch}${ch}x`, `检查${ch}内容 Σ${ch}`]) expect(searchKey(text), `U+${c.toString(16)}`).toBe(plain(text));
    }
  });

  it('folds mixed text as the plain definition does', () => {
    const pool = [' ', '  ', '\n', '\t', '\u3000', '\u00a0', '\u2028', 'A', 'z', 'Σ', 'İ', '检', '查', '：', '，', '（', 'Ａ', 'ﬁ', '①', '\ud83d\ude00', '\ud800', 'é', 'e\u0301', '—', '“', '1', '.'];
    let seed = 1;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let n = 0; n < 20000; n++) {
      let text = '';
      const length = Math.floor(random() * 12);
      for (let i = 0; i < length; i++) text += pool[Math.floor(random() * pool.length)];
      expect(searchKey(text), JSON.stringify(text)).toBe(plain(text));
    }
  });
});
