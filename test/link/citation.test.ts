import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCitations, type Citation, type CitationProblem } from '../../src/link/citation.js';

/** Span of the `occurrence`-th (0-based) occurrence of `part` in `text`. */
function span(text: string, part: string, occurrence = 0): { start: number; end: number } {
  let start = -1;
  for (let k = 0; k <= occurrence; k++) {
    start = text.indexOf(part, start + 1);
    if (start < 0) throw new Error(`${part} not found in ${text}`);
  }
  return { start, end: start + part.length };
}

/** Expected citation whose raw text is `raw` (its `occurrence`-th occurrence in `text`). */
function cite(text: string, raw: string, fields: Omit<Citation, 'raw' | 'start' | 'end'>, occurrence = 0): Citation {
  return { ...fields, raw, ...span(text, raw, occurrence) };
}

function issue(text: string, code: CitationProblem['code'], part: string, occurrence = 0): CitationProblem {
  return { code, ...span(text, part, occurrence), text: part };
}

/** Every offset points at the text it claims to. */
function expectConsistentOffsets(text: string, result: ReturnType<typeof parseCitations>): void {
  for (const c of result.citations) expect(text.slice(c.start, c.end)).toBe(c.raw);
  for (const p of result.problems) expect(text.slice(p.start, p.end)).toBe(p.text);
}

function parse(text: string, options?: { requireCitation?: boolean }): ReturnType<typeof parseCitations> {
  const result = parseCitations(text, options);
  expectConsistentOffsets(text, result);
  return result;
}

describe('real citations', () => {
  it('《中华人民共和国行政处罚法》第三十三条第一款', () => {
    const text = '《中华人民共和国行政处罚法》第三十三条第一款';
    expect(parse(text)).toEqual({
      citations: [{ title: '中华人民共和国行政处罚法', article: 33, paragraph: 1, raw: text, start: 0, end: 22 }],
      problems: [],
    });
  });

  it('《中华人民共和国行政处罚法》第三十二条第（一）项', () => {
    const text = '《中华人民共和国行政处罚法》第三十二条第（一）项';
    expect(parse(text)).toEqual({
      citations: [{ title: '中华人民共和国行政处罚法', article: 32, item: 1, raw: text, start: 0, end: 24 }],
      problems: [],
    });
  });

  it('《中华人民共和国食品安全法》第一百二十六条第一款第（三）项', () => {
    const text = '《中华人民共和国食品安全法》第一百二十六条第一款第（三）项';
    expect(parse(text)).toEqual({
      citations: [{ title: '中华人民共和国食品安全法', article: 126, paragraph: 1, item: 3, raw: text, start: 0, end: 29 }],
      problems: [],
    });
  });

  it('《中华人民共和国特种设备安全法》第八十三条', () => {
    const text = '《中华人民共和国特种设备安全法》第八十三条';
    expect(parse(text)).toEqual({
      citations: [{ title: '中华人民共和国特种设备安全法', article: 83, raw: text, start: 0, end: 21 }],
      problems: [],
    });
  });

  it('《中华人民共和国产品质量法》第五十条', () => {
    const text = '《中华人民共和国产品质量法》第五十条';
    expect(parse(text)).toEqual({
      citations: [{ title: '中华人民共和国产品质量法', article: 50, raw: text, start: 0, end: 18 }],
      problems: [],
    });
  });

  it('《食品安全法实施条例》第六十七条', () => {
    const text = '《食品安全法实施条例》第六十七条';
    expect(parse(text)).toEqual({
      citations: [{ title: '食品安全法实施条例', article: 67, raw: text, start: 0, end: 16 }],
      problems: [],
    });
  });

  it('a whole 处罚依据 field with surrounding prose and quoted article text', () => {
    const text =
      '依据《中华人民共和国食品安全法》第一百二十六条第一款第（三）项：“违反本法规定，有下列情形之一的，' +
      '由县级以上人民政府食品安全监督管理部门责令改正……（三）食品生产经营企业未制定食品安全事故处置方案”；' +
      '《食品安全法实施条例》第六十七条的规定。';
    expect(parse(text)).toEqual({
      citations: [
        cite(text, '《中华人民共和国食品安全法》第一百二十六条第一款第（三）项', {
          title: '中华人民共和国食品安全法', article: 126, paragraph: 1, item: 3,
        }),
        cite(text, '《食品安全法实施条例》第六十七条', { title: '食品安全法实施条例', article: 67 }),
      ],
      problems: [],
    });
  });
});

describe('several citations in one field', () => {
  it('inherits the title for a second article', () => {
    const text = '《食品安全法》第一百二十二条、第一百二十六条第一款';
    expect(parse(text)).toEqual({
      citations: [
        { title: '食品安全法', article: 122, raw: '《食品安全法》第一百二十二条', start: 0, end: 14 },
        { title: '食品安全法', article: 126, paragraph: 1, raw: '第一百二十六条第一款', start: 15, end: 25 },
      ],
      problems: [],
    });
  });

  it('inherits the article for a second paragraph', () => {
    const text = '《中华人民共和国行政处罚法》第三十三条第一款、第二款';
    expect(parse(text).citations).toEqual([
      { title: '中华人民共和国行政处罚法', article: 33, paragraph: 1, raw: '《中华人民共和国行政处罚法》第三十三条第一款', start: 0, end: 22 },
      { title: '中华人民共和国行政处罚法', article: 33, paragraph: 2, raw: '第二款', start: 23, end: 26 },
    ]);
  });

  it('inherits article and paragraph for a second item', () => {
    const text = '《食品安全法》第一百二十六条第一款第（一）项、第（三）项';
    expect(parse(text)).toEqual({
      citations: [
        cite(text, '《食品安全法》第一百二十六条第一款第（一）项', { title: '食品安全法', article: 126, paragraph: 1, item: 1 }),
        cite(text, '第（三）项', { title: '食品安全法', article: 126, paragraph: 1, item: 3 }),
      ],
      problems: [],
    });
  });

  it('inherits only the article for an item after an article without paragraph', () => {
    const text = '《行政处罚法》第三十二条第（一）项、第（二）项';
    expect(parse(text).citations).toEqual([
      cite(text, '《行政处罚法》第三十二条第（一）项', { title: '行政处罚法', article: 32, item: 1 }),
      cite(text, '第（二）项', { title: '行政处罚法', article: 32, item: 2 }),
    ]);
  });

  it('does not carry a paragraph over to a new paragraph-level reference', () => {
    const text = '《A法》第十条第一款第（二）项、第三款';
    expect(parse(text).citations).toEqual([
      cite(text, '《A法》第十条第一款第（二）项', { title: 'A法', article: 10, paragraph: 1, item: 2 }),
      cite(text, '第三款', { title: 'A法', article: 10, paragraph: 3 }),
    ]);
  });

  it('gives a title-only citation for a title without reference', () => {
    const text = '依据《食品安全法》和《食品安全法实施条例》第二十条';
    expect(parse(text)).toEqual({
      citations: [
        { title: '食品安全法', raw: '《食品安全法》', start: 2, end: 9 },
        { title: '食品安全法实施条例', article: 20, raw: '《食品安全法实施条例》第二十条', start: 10, end: 25 },
      ],
      problems: [],
    });
  });

  it('gives a title-only citation for a title alone', () => {
    const text = '《中华人民共和国食品安全法》';
    expect(parse(text)).toEqual({
      citations: [{ title: '中华人民共和国食品安全法', raw: text, start: 0, end: 14 }],
      problems: [],
    });
  });

  it('treats non-law documents in 《》 as citations too', () => {
    const text = '《国务院关于加强食品等产品安全监督管理的特别规定》第三条；《食品生产许可管理办法》';
    expect(parse(text).citations).toEqual([
      cite(text, '《国务院关于加强食品等产品安全监督管理的特别规定》第三条', {
        title: '国务院关于加强食品等产品安全监督管理的特别规定', article: 3,
      }),
      cite(text, '《食品生产许可管理办法》', { title: '食品生产许可管理办法' }),
    ]);
  });

  it.each([
    ['、'], ['，'], [','], ['；'], [';'], ['和'], ['及'], ['以及'], ['\n'], ['\r\n'], [''], [' '],
  ])('separates citations with %j', (sep) => {
    const text = `《产品质量法》第五十条${sep}《特种设备安全法》第八十三条`;
    expect(parse(text)).toEqual({
      citations: [
        cite(text, '《产品质量法》第五十条', { title: '产品质量法', article: 50 }),
        cite(text, '《特种设备安全法》第八十三条', { title: '特种设备安全法', article: 83 }),
      ],
      problems: [],
    });
  });

  it('splits back-to-back references of the same level', () => {
    const text = '《A法》第十条第十一条第一款第二款';
    expect(parse(text).citations).toEqual([
      cite(text, '《A法》第十条', { title: 'A法', article: 10 }),
      cite(text, '第十一条第一款', { title: 'A法', article: 11, paragraph: 1 }),
      cite(text, '第二款', { title: 'A法', article: 11, paragraph: 2 }),
    ]);
  });

  it('switches to the most recent title', () => {
    const text = '《A法》第一条，《B法》第二条，另见第三条第二款、第四款';
    expect(parse(text).citations).toEqual([
      cite(text, '《A法》第一条', { title: 'A法', article: 1 }),
      cite(text, '《B法》第二条', { title: 'B法', article: 2 }),
      cite(text, '第三条第二款', { title: 'B法', article: 3, paragraph: 2 }),
      cite(text, '第四款', { title: 'B法', article: 3, paragraph: 4 }),
    ]);
  });

  it('ignores prose between citations', () => {
    const text = '依据《中华人民共和国产品质量法》等法律法规的规定，以及第五十条的规定。';
    expect(parse(text)).toEqual({
      citations: [
        cite(text, '《中华人民共和国产品质量法》', { title: '中华人民共和国产品质量法' }),
        cite(text, '第五十条', { title: '中华人民共和国产品质量法', article: 50 }),
      ],
      problems: [],
    });
  });
});

describe('reference forms', () => {
  it.each([
    ['第126条', { article: 126 }],
    ['第１２６条', { article: 126 }],
    ['第 126 条', { article: 126 }],
    ['第\u3000一百二十六\u3000条', { article: 126 }],
    ['第一百二十六条 第一款 第（三）项', { article: 126, paragraph: 1, item: 3 }],
    ['第126条第1款第3项', { article: 126, paragraph: 1, item: 3 }],
    ['第一百二十六条第一款第(三)项', { article: 126, paragraph: 1, item: 3 }],
    ['第一百二十六条第一款第（ 三 ）项', { article: 126, paragraph: 1, item: 3 }],
    ['第一百二十六条第一款第三项', { article: 126, paragraph: 1, item: 3 }],
    ['第一百二十六条第一款第(3)项', { article: 126, paragraph: 1, item: 3 }],
    ['第一百二十六条第一款第（３）项', { article: 126, paragraph: 1, item: 3 }],
    ['第一百二十六条第（三）项', { article: 126, item: 3 }],
    ['第十条之一', { article: 10, articleSuffix: 1 }],
    ['第十条之二第一款', { article: 10, articleSuffix: 2, paragraph: 1 }],
    ['第十条至第十二条', { article: 10, articleTo: 12 }],
    ['第十条至十二条', { article: 10, articleTo: 12 }],
    ['第十条 至 第十二条', { article: 10, articleTo: 12 }],
    ['第10条-第12条', { article: 10, articleTo: 12 }],
    ['第一百一十条', { article: 110 }],
    ['第一百十条', { article: 110 }],
    ['第一百零五条', { article: 105 }],
    ['第一千零一条', { article: 1001 }],
  ])('《A法》%s', (reference, fields) => {
    const text = `《A法》${reference}`;
    expect(parse(text)).toEqual({
      citations: [{ title: 'A法', ...fields, raw: text, start: 0, end: text.length }],
      problems: [],
    });
  });

  it('does not take 之规定 for an article suffix', () => {
    const text = '《A法》第十条之规定';
    expect(parse(text)).toEqual({
      citations: [cite(text, '《A法》第十条', { title: 'A法', article: 10 })],
      problems: [],
    });
  });

  it('trims spaces inside the title but keeps them in raw', () => {
    const text = '《 食品安全法 》第十条';
    expect(parse(text).citations).toEqual([{ title: '食品安全法', article: 10, raw: text, start: 0, end: 12 }]);
  });

  it('attaches a reference after a version note to the title', () => {
    const text = '《中华人民共和国食品安全法》（2021年修正）第一百二十六条';
    expect(parse(text).citations).toEqual([
      { title: '中华人民共和国食品安全法', article: 126, raw: text, start: 0, end: text.length },
    ]);
  });

  it('expands a shared-unit list into one citation per number', () => {
    const text = '《A法》第十二、十三条和第（一）、（二）项';
    expect(parse(text)).toEqual({
      citations: [
        cite(text, '《A法》第十二、十三条', { title: 'A法', article: 12 }),
        cite(text, '《A法》第十二、十三条', { title: 'A法', article: 13 }),
        cite(text, '第（一）、（二）项', { title: 'A法', article: 13, item: 1 }),
        cite(text, '第（一）、（二）项', { title: 'A法', article: 13, item: 2 }),
      ],
      problems: [],
    });
  });

  it('attaches lower levels to the last number of a list', () => {
    const text = '《A法》第十二和第十三条第一款';
    expect(parse(text).citations).toEqual([
      { title: 'A法', article: 12, raw: text, start: 0, end: text.length },
      { title: 'A法', article: 13, paragraph: 1, raw: text, start: 0, end: text.length },
    ]);
  });

  it('continues after 、 without 第', () => {
    const text = '《A法》第十条、十一条、第十二条第一款、二款';
    expect(parse(text).citations).toEqual([
      cite(text, '《A法》第十条', { title: 'A法', article: 10 }),
      cite(text, '十一条', { title: 'A法', article: 11 }),
      cite(text, '第十二条第一款', { title: 'A法', article: 12, paragraph: 1 }),
      cite(text, '二款', { title: 'A法', article: 12, paragraph: 2 }),
    ]);
  });

  it('ignores bare numbers that are not references', () => {
    const text = '《A法》第十条、2020年修订，罚款5000元';
    expect(parse(text)).toEqual({
      citations: [cite(text, '《A法》第十条', { title: 'A法', article: 10 })],
      problems: [],
    });
  });

  it('ignores ordinal words starting with 第', () => {
    const text = '《医疗器械监督管理条例》第八十六条：委托第三方生产第二类、第三类医疗器械，第一次违法的，依照第四章第二节';
    expect(parse(text)).toEqual({
      citations: [cite(text, '《医疗器械监督管理条例》第八十六条', { title: '医疗器械监督管理条例', article: 86 })],
      problems: [],
    });
  });

  it('reads references in quoted article text as references to the same law', () => {
    const text = '《A法》第五条：“违反本法第三条规定的”';
    expect(parse(text).citations).toEqual([
      cite(text, '《A法》第五条', { title: 'A法', article: 5 }),
      cite(text, '第三条', { title: 'A法', article: 3 }),
    ]);
  });

  it('counts offsets in UTF-16 code units', () => {
    const text = '𠀀《𠀁法》第一条';
    expect(parse(text).citations).toEqual([{ title: '𠀁法', article: 1, raw: '《𠀁法》第一条', start: 2, end: 10 }]);
  });
});

describe('problems', () => {
  it('unclosed-title: 《 without 》 up to the end of the text', () => {
    const text = '依据《食品安全法第一百二十六条';
    expect(parse(text)).toEqual({
      citations: [],
      problems: [{ code: 'unclosed-title', start: 2, end: 15, text: '《食品安全法第一百二十六条' }],
    });
  });

  it('unclosed-title: stops at the end of the line and at the next 《', () => {
    const text = '《食品安全法  \n《产品质量法《特种设备安全法》第八十三条';
    expect(parse(text)).toEqual({
      citations: [cite(text, '《特种设备安全法》第八十三条', { title: '特种设备安全法', article: 83 })],
      problems: [issue(text, 'unclosed-title', '《食品安全法'), issue(text, 'unclosed-title', '《产品质量法')],
    });
  });

  it('unclosed-title: references that would belong to it are dropped without further problems', () => {
    const text = '《A法》第一条；《B法第二条\n第三条';
    expect(parse(text)).toEqual({
      citations: [cite(text, '《A法》第一条', { title: 'A法', article: 1 })],
      problems: [issue(text, 'unclosed-title', '《B法第二条')],
    });
  });

  it('empty-title: 《》 and 《 》', () => {
    const text = '《》第十条，《　》';
    expect(parse(text)).toEqual({
      citations: [],
      problems: [issue(text, 'empty-title', '《》'), issue(text, 'empty-title', '《　》')],
    });
  });

  it('no-law: a reference before any title', () => {
    const text = '依据第三十三条第一款及《行政处罚法》第三十二条';
    expect(parse(text)).toEqual({
      citations: [cite(text, '《行政处罚法》第三十二条', { title: '行政处罚法', article: 32 })],
      problems: [issue(text, 'no-law', '第三十三条第一款')],
    });
  });

  it('no-law: every reference of a title-less field', () => {
    const text = '第 126 条、第二款';
    expect(parse(text)).toEqual({
      citations: [],
      problems: [issue(text, 'no-law', '第 126 条'), issue(text, 'no-law', '第二款')],
    });
  });

  it('bad-numeral: a numeral that does not parse', () => {
    const text = '《食品安全法》第一百二十六十条';
    expect(parse(text)).toEqual({
      citations: [{ title: '食品安全法', raw: '《食品安全法》', start: 0, end: 7 }],
      problems: [{ code: 'bad-numeral', start: 8, end: 14, text: '一百二十六十' }],
    });
  });

  it.each([
    ['第十十条', '十十'],
    ['第0条', '0'],
    ['第零条', '零'],
    ['第1百条', '1百'],
    ['第十条第一款第（）项', '（）'],
    ['第十条第一款第（三项', '（三'],
    ['第十条之十十', '十十'],
    ['第十二、十十三条', '十十三'],
    ['第十条至第十十二条', '十十二'],
  ])('bad-numeral: 《A法》%s', (reference, bad) => {
    const text = `《A法》${reference}`;
    const { problems } = parse(text);
    expect(problems).toEqual([issue(text, 'bad-numeral', bad)]);
  });

  it('bad-numeral: keeps the valid part of the chain and drops references inheriting from it', () => {
    const text = '《A法》第十条第十十款、第（三）项；第十一条';
    expect(parse(text)).toEqual({
      citations: [
        cite(text, '《A法》第十条', { title: 'A法', article: 10 }),
        cite(text, '第十一条', { title: 'A法', article: 11 }),
      ],
      problems: [issue(text, 'bad-numeral', '十十')],
    });
  });

  it('dangling-reference: 第 and a number without 条/款/项', () => {
    const text = '《食品安全法》第一百二十六';
    expect(parse(text)).toEqual({
      citations: [{ title: '食品安全法', raw: '《食品安全法》', start: 0, end: 7 }],
      problems: [{ code: 'dangling-reference', start: 7, end: 13, text: '第一百二十六' }],
    });
  });

  it('dangling-reference: after a complete reference, before punctuation', () => {
    const text = '《A法》第十条第一，第（二）。第三、第四';
    expect(parse(text)).toEqual({
      citations: [cite(text, '《A法》第十条', { title: 'A法', article: 10 })],
      problems: [
        issue(text, 'dangling-reference', '第一'),
        issue(text, 'dangling-reference', '第（二）'),
        issue(text, 'dangling-reference', '第三、第四'),
      ],
    });
  });

  it('dangling-reference: a paragraph with no article to belong to', () => {
    const text = '《A法》第二款';
    expect(parse(text)).toEqual({
      citations: [{ title: 'A法', raw: '《A法》', start: 0, end: 4 }],
      problems: [{ code: 'dangling-reference', start: 4, end: 7, text: '第二款' }],
    });
  });

  it('dangling-reference: an unfinished range', () => {
    const text = '《A法》第十条至第十二';
    expect(parse(text)).toEqual({
      citations: [cite(text, '《A法》第十条', { title: 'A法', article: 10 })],
      problems: [issue(text, 'dangling-reference', '第十二')],
    });
  });

  it('no-citation: only with requireCitation and non-blank text', () => {
    const text = '  依据有关法律法规  ';
    expect(parse(text, { requireCitation: true })).toEqual({
      citations: [],
      problems: [{ code: 'no-citation', start: 2, end: 10, text: '依据有关法律法规' }],
    });
    expect(parse(text)).toEqual({ citations: [], problems: [] });
    expect(parse('', { requireCitation: true })).toEqual({ citations: [], problems: [] });
    expect(parse(' \n\u3000', { requireCitation: true })).toEqual({ citations: [], problems: [] });
    expect(parse('《A法》', { requireCitation: true }).problems).toEqual([]);
  });

  it('no-citation: alongside other problems when nothing could be cited', () => {
    const text = '《》';
    expect(parse(text, { requireCitation: true }).problems).toEqual([
      { code: 'empty-title', start: 0, end: 2, text: '《》' },
      { code: 'no-citation', start: 0, end: 2, text: '《》' },
    ]);
  });

  it('ignores a stray 》 and a lone 第', () => {
    const text = '》第 《A法》第';
    expect(parse(text)).toEqual({ citations: [cite(text, '《A法》', { title: 'A法' })], problems: [] });
  });
});

describe('robustness', () => {
  // [name, repeated unit, expected citations and problems per repetition]
  it.each([
    ['repeated citations', '《中华人民共和国食品安全法》第一百二十六条第一款第（三）项、', 1, 0],
    ['unclosed titles', '《', 0, 1],
    ['lone 第', '第', 0, 0],
    ['numerals', '一', 0, 0],
    ['dangling references', '第一，', 0, 1],
    ['ordinal words', '第二类', 0, 0],
    ['open brackets after 第', '第（', 0, 0],
    ['titles with an unclosed note', '《A》（', 1, 0],
    ['ranges without title', '第一条至', 0, 0.5],
    ['continuations without title', '第一条、一', 0, 1],
  ])('scans 100k characters of %s quickly', (_name, unit, citationsPerUnit, problemsPerUnit) => {
    const count = Math.ceil(100_000 / unit.length / 2) * 2;
    const text = unit.repeat(count);
    const result = parseCitations(text);
    expect(result.citations).toHaveLength(count * citationsPerUnit);
    expect(result.problems).toHaveLength(count * problemsPerUnit);
    for (const c of [...result.citations.slice(0, 3), ...result.citations.slice(-3)]) {
      expect(text.slice(c.start, c.end)).toBe(c.raw);
    }
    for (const p of [...result.problems.slice(0, 3), ...result.problems.slice(-3)]) {
      expect(text.slice(p.start, p.end)).toBe(p.text);
    }
  });

  it('scans a 100k-character shared-unit list that never ends', () => {
    const text = '第一、'.repeat(40_000);
    expect(parseCitations(text)).toEqual({
      citations: [],
      problems: [{ code: 'dangling-reference', start: 0, end: text.length - 1, text: text.slice(0, -1) }],
    });
  });

  it('finds every citation in a long field', () => {
    const unit = '《中华人民共和国食品安全法》第一百二十六条第一款第（三）项、';
    const text = unit.repeat(5000);
    const { citations, problems } = parseCitations(text);
    expect(problems).toEqual([]);
    expect(citations).toHaveLength(5000);
    expect(citations[4999]).toEqual({
      title: '中华人民共和国食品安全法', article: 126, paragraph: 1, item: 3,
      raw: unit.slice(0, -1), start: 4999 * unit.length, end: 5000 * unit.length - 1,
    });
  });

  it('never throws and always reports exact offsets on arbitrary input', () => {
    const alphabet = [
      '《', '》', '第', '条', '款', '项', '之', '至', '、', '和', '，', '（', '）', '(', ')', ' ', '\n',
      '一', '二', '十', '百', '千', '零', '两', '1', '２', '0', '法', '类', '的',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((chars) => chars.join('')),
        fc.boolean(),
        (text, requireCitation) => {
          const result = parseCitations(text, { requireCitation });
          for (const c of result.citations) {
            expect(text.slice(c.start, c.end)).toBe(c.raw);
            expect(c.title.length).toBeGreaterThan(0);
            expect(c.raw.includes(`《`) ? c.raw.startsWith('《') : true).toBe(true);
          }
          for (const p of result.problems) {
            expect(text.slice(p.start, p.end)).toBe(p.text);
            expect(p.end).toBeGreaterThanOrEqual(p.start);
          }
          const starts = result.citations.map((c) => c.start);
          expect(starts).toEqual([...starts].sort((a, b) => a - b));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
