/**
 * Legal citations written as free text in list fields (设定依据, 处罚依据, …):
 *
 *   依据《中华人民共和国食品安全法》第一百二十六条第一款第（三）项、第一百二十二条
 *
 * The scanner walks the text once, left to right. It only looks at 《…》 titles and at
 * references starting with 第; everything else ('依据', '的规定', '等法律法规', quoted
 * article text) is ignored. A reference is a chain of components of increasing level,
 * 第X条[之Y][至第Z条] 第X款 第X项, each of which may be a shared-unit list (第十二、十三条).
 *
 * Inheritance: a reference without its own title belongs to the most recent title; a chain
 * that starts below 条 (第二款, 第（三）项) takes the upper levels from the previous citation,
 * so 第三十三条第一款、第二款 is 33(1) and 33(2).
 *
 * Problems are reported once per cause: references after an unclosed or empty title, and
 * chains starting at 款/项 right after a bad numeral or dangling reference, are dropped
 * without further problems. 第X followed by a word (第三方, 第二类, 第一章) is not a reference.
 *
 * Every step moves forward and looks ahead a bounded or consumed distance, so the scan is
 * linear in the length of the text.
 */

import { isNumeralChar, parseNumeral } from './numerals.js';

export interface Citation {
  /** law title as written, without 《》, e.g. '中华人民共和国食品安全法' or '食品安全法' */
  title: string;
  /** 条 */
  article?: number;
  /** 第X条之一 → 1 */
  articleSuffix?: number;
  /** 第十条至第十二条 → article 10, articleTo 12 */
  articleTo?: number;
  /** 款 */
  paragraph?: number;
  /** 项, written 第（三）项, 第(三)项, 第三项 or 第3项 */
  item?: number;
  /**
   * The source text of this citation (title + its article reference), and its UTF-16 offsets
   * in the input. A reference that inherits its title from earlier text does not include it.
   * Citations expanded from one shared-unit list (第十二、十三条) share the span of the list.
   */
  raw: string;
  start: number;
  end: number;
}

export interface CitationProblem {
  code: 'unclosed-title' | 'empty-title' | 'no-law' | 'bad-numeral' | 'dangling-reference' | 'no-citation';
  /** offsets into the input of the offending part, and the offending text */
  start: number;
  end: number;
  text: string;
}

export interface ParseCitationsOptions {
  /** report `no-citation` when non-blank text contains no citation at all */
  requireCitation?: boolean;
}

type Level = 0 | 1 | 2; // 条, 款, 项

const LEVELS: ReadonlyMap<string, Level> = new Map([['条', 0], ['款', 1], ['项', 2]]);
const OPEN_BRACKETS = new Set(['（', '(']);
const CLOSE_BRACKETS = new Set(['）', ')']);
/** Separators inside a shared-unit list: 第十二、十三条, 第十二和第十三条. */
const LIST_SEPARATORS = new Set(['、', '和', '及', '与']);
/** 第十条至第十二条 */
const RANGE_SEPARATORS = new Set(['至', '到', '—', '－', '-', '~', '～']);
/** How far after a title a version note such as （2021年修正） may reach. */
const MAX_TITLE_NOTE = 40;

/** Reference fields of a citation, i.e. everything but title and span. */
interface RefFields {
  article?: number;
  articleSuffix?: number;
  articleTo?: number;
  paragraph?: number;
  item?: number;
}

interface NumeralToken {
  value: number | undefined;
  /** span of the token including brackets */
  start: number;
  end: number;
  /** span reported as bad-numeral */
  textStart: number;
  textEnd: number;
}

type Component =
  /** 第X条 etc.; values has several entries for a shared-unit list. */
  | { kind: 'ok'; level: Level; values: number[]; suffix?: number; start: number; end: number }
  /** a unit follows but a numeral does not parse */
  | { kind: 'bad'; textStart: number; textEnd: number; end: number }
  /** 第X not followed by 条/款/项 nor by a word (第一百二十六。) */
  | { kind: 'dangling'; start: number; end: number }
  /** not a reference at all (第三方, 第二类, 第一章); scanning may resume at end */
  | { kind: 'none'; end: number };

type Failure = Exclude<Component, { kind: 'ok' }>;

interface Chain {
  components: Array<Extract<Component, { kind: 'ok' }>>;
  articleTo?: number;
  end: number;
  failure?: Failure;
}

function isHorizontalSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u3000' || ch === '\u00a0';
}

function isNewline(ch: string | undefined): boolean {
  return ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029';
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Letters (including CJK ideographs) and digits: a 第X followed by one is an ordinal word, not a reference. */
function isWordCharAt(text: string, pos: number): boolean {
  const cp = text.codePointAt(pos);
  return cp !== undefined && WORD_CHAR.test(String.fromCodePoint(cp));
}

export function parseCitations(
  text: string,
  options: ParseCitationsOptions = {},
): { citations: Citation[]; problems: CitationProblem[] } {
  const citations: Citation[] = [];
  const problems: CitationProblem[] = [];
  const n = text.length;

  /** Most recent title; null when it was malformed (references after it are dropped silently). */
  let title: string | null | undefined;
  /** Reference fields of the previous citation, for chains starting at 款 or 项. */
  let context: RefFields | 'broken' | undefined;
  /** Position where a reference may continue without 第 (第十条、十一条). */
  let continuationAt = -1;

  const problem = (code: CitationProblem['code'], start: number, end: number): void => {
    problems.push({ code, start, end, text: text.slice(start, end) });
  };

  const skipSpace = (pos: number): number => {
    while (pos < n && isHorizontalSpace(text[pos])) pos++;
    return pos;
  };

  /** A numeral, bare (一百二十六, 126) or in brackets (（三）, (3)), starting exactly at pos. */
  const readNumeral = (pos: number): NumeralToken | undefined => {
    const bracketed = OPEN_BRACKETS.has(text[pos] ?? '');
    const runStart = bracketed ? skipSpace(pos + 1) : pos;
    let runEnd = runStart;
    while (runEnd < n && isNumeralChar(text[runEnd])) runEnd++;
    const value = parseNumeral(text.slice(runStart, runEnd));
    if (!bracketed) {
      if (runEnd === runStart) return undefined;
      return { value, start: pos, end: runEnd, textStart: runStart, textEnd: runEnd };
    }
    const q = skipSpace(runEnd);
    const closed = CLOSE_BRACKETS.has(text[q] ?? '');
    if (runEnd > runStart && closed) {
      return { value, start: pos, end: q + 1, textStart: runStart, textEnd: runEnd };
    }
    if (runEnd === runStart && !closed) return undefined; // a parenthesis, not a numeral
    // （） or （三 : a bracketed numeral that cannot be read; the whole token is reported.
    const end = closed ? q + 1 : runEnd;
    return { value: undefined, start: pos, end, textStart: pos, textEnd: end };
  };

  /**
   * One component: [第] numeral-list unit [之Y]. With `needDi` the component must start with 第.
   */
  const readComponent = (pos: number, needDi: boolean): Component => {
    let p = pos;
    if (needDi) {
      if (text[p] !== '第') return { kind: 'none', end: pos + 1 };
      p = skipSpace(p + 1);
    }
    const first = readNumeral(p);
    if (!first) return { kind: 'none', end: p };
    const numerals = [first];
    let q = skipSpace(first.end);
    // Shared-unit list: 第十二、十三条, 第（一）、（二）项, 第十二和第十三条.
    for (;;) {
      if (!LIST_SEPARATORS.has(text[q] ?? '')) break;
      let r = skipSpace(q + 1);
      if (text[r] === '第') r = skipSpace(r + 1);
      const next = readNumeral(r);
      if (!next) break;
      numerals.push(next);
      q = skipSpace(next.end);
    }
    const level = LEVELS.get(text[q] ?? '');
    if (level === undefined) {
      if (isWordCharAt(text, q)) return { kind: 'none', end: q };
      return { kind: 'dangling', start: pos, end: numerals[numerals.length - 1]!.end };
    }
    const values: number[] = [];
    for (const numeral of numerals) {
      if (numeral.value === undefined || numeral.value === 0) {
        return { kind: 'bad', textStart: numeral.textStart, textEnd: numeral.textEnd, end: q + 1 };
      }
      values.push(numeral.value);
    }
    let end = q + 1;
    let suffix: number | undefined;
    // 第十条之一: 之 directly after 条, followed by a numeral (not 之规定).
    if (level === 0 && values.length === 1 && text[end] === '之' && isNumeralChar(text[end + 1])) {
      const suffixToken = readNumeral(end + 1)!;
      if (suffixToken.value === undefined || suffixToken.value === 0) {
        return { kind: 'bad', textStart: suffixToken.textStart, textEnd: suffixToken.textEnd, end: suffixToken.end };
      }
      suffix = suffixToken.value;
      end = suffixToken.end;
    }
    return suffix === undefined
      ? { kind: 'ok', level, values, start: pos, end }
      : { kind: 'ok', level, values, suffix, start: pos, end };
  };

  /** A chain of components of increasing level: 第X条[至第Y条] 第X款 第X项. */
  const readChain = (pos: number, needDi: boolean): Chain => {
    const first = readComponent(pos, needDi);
    if (first.kind !== 'ok') return { components: [], end: pos, failure: first };
    const chain: Chain = { components: [first], end: first.end };

    if (first.level === 0 && first.values.length === 1 && first.suffix === undefined) {
      const q = skipSpace(first.end);
      if (RANGE_SEPARATORS.has(text[q] ?? '')) {
        const r = skipSpace(q + 1);
        const target = readComponent(r, text[r] === '第');
        if (target.kind === 'ok' && target.level === 0 && target.values.length === 1 && target.suffix === undefined) {
          chain.articleTo = target.values[0]!;
          chain.end = target.end;
        } else if (target.kind === 'bad' || target.kind === 'dangling') {
          chain.failure = target;
          return chain;
        }
      }
    }

    for (;;) {
      const q = skipSpace(chain.end);
      if (text[q] !== '第') break;
      const next = readComponent(q, true);
      if (next.kind === 'none') break;
      if (next.kind !== 'ok') {
        chain.failure = next;
        break;
      }
      const last = chain.components[chain.components.length - 1]!;
      if (next.level <= last.level) break; // a new reference: 第十条第十一条
      chain.components.push(next);
      chain.end = next.end;
    }
    return chain;
  };

  /** Turns a chain into reference fields, one entry per citation. */
  const expand = (chain: Chain, inherited: RefFields): RefFields[] => {
    const result: RefFields[] = [];
    let fields: RefFields = { ...inherited };
    for (const component of chain.components) {
      const key = component.level === 0 ? 'article' : component.level === 1 ? 'paragraph' : 'item';
      const values = component.values;
      // A list distributes over the levels above it; lower levels attach to its last entry.
      for (const value of values.slice(0, -1)) result.push({ ...fields, [key]: value });
      fields = { ...fields, [key]: values[values.length - 1]! };
      if (component.level === 0) {
        if (component.suffix !== undefined) fields.articleSuffix = component.suffix;
        if (chain.articleTo !== undefined) fields.articleTo = chain.articleTo;
      }
    }
    result.push(fields);
    return result;
  };

  /**
   * Handles a reference chain starting at refStart; `citeStart` is where the citation's raw text
   * starts (the title when the chain follows it). Returns the number of citations emitted and
   * where scanning resumes.
   */
  const handleReference = (refStart: number, citeStart: number, needDi: boolean): { emitted: number; next: number } => {
    const chain = readChain(refStart, needDi);
    let emitted = 0;
    const failure = chain.failure;

    if (chain.components.length > 0) {
      const firstLevel = chain.components[0]!.level;
      let inherited: RefFields | undefined = {};
      if (firstLevel > 0) {
        if (context === undefined || context === 'broken' || context.article === undefined) {
          inherited = undefined;
        } else {
          const { article, articleSuffix, articleTo, paragraph } = context;
          inherited = { article };
          if (articleSuffix !== undefined) inherited.articleSuffix = articleSuffix;
          if (articleTo !== undefined) inherited.articleTo = articleTo;
          if (firstLevel === 2 && paragraph !== undefined) inherited.paragraph = paragraph;
        }
      }

      if (title === undefined) {
        problem('no-law', refStart, chain.end);
        context = 'broken';
      } else if (title === null || (inherited === undefined && context === 'broken')) {
        // The malformed title or reference before this one has been reported already.
        context = 'broken';
      } else if (inherited === undefined) {
        problem('dangling-reference', refStart, chain.end); // 第二款 with no article to belong to
        context = 'broken';
      } else {
        const raw = text.slice(citeStart, chain.end);
        for (const fields of expand(chain, inherited)) {
          citations.push({ title, ...fields, raw, start: citeStart, end: chain.end });
          context = fields;
          emitted++;
        }
      }
    }

    let next = Math.max(refStart + 1, chain.end);
    if (failure) {
      if (failure.kind === 'bad') {
        problem('bad-numeral', failure.textStart, failure.textEnd);
        context = 'broken';
      } else if (failure.kind === 'dangling' && (needDi || chain.components.length > 0)) {
        // A bare number after 、 (第十条、3) is not a reference; 第 + number is.
        problem('dangling-reference', failure.start, failure.end);
        context = 'broken';
      }
      next = Math.max(next, failure.end);
    }

    // 第十条、十一条: after 、 a numeral followed by a unit continues the list without 第.
    continuationAt = -1;
    if (chain.components.length > 0 && !failure) {
      const q = skipSpace(chain.end);
      if (text[q] === '、') continuationAt = skipSpace(q + 1);
    }
    return { emitted, next };
  };

  /** Handles a title starting with 《 at pos; returns where scanning resumes. */
  const handleTitle = (pos: number): number => {
    let close = pos + 1;
    while (close < n && text[close] !== '》' && text[close] !== '《' && !isNewline(text[close])) close++;
    context = undefined;
    if (text[close] !== '》') {
      let end = close;
      while (end > pos + 1 && isHorizontalSpace(text[end - 1])) end--;
      problem('unclosed-title', pos, end);
      title = null;
      return close;
    }
    const end = close + 1;
    const name = text.slice(pos + 1, close).trim();
    if (name === '') {
      problem('empty-title', pos, end);
      title = null;
    } else {
      title = name;
    }

    // A reference directly after the title belongs to it, also past a note such as （2021年修正）.
    let p = skipSpace(end);
    if (OPEN_BRACKETS.has(text[p] ?? '')) {
      const limit = Math.min(n, p + MAX_TITLE_NOTE);
      let q = p + 1;
      while (q < limit && !CLOSE_BRACKETS.has(text[q]!) && text[q] !== '《' && text[q] !== '》' && !isNewline(text[q])) q++;
      if (CLOSE_BRACKETS.has(text[q] ?? '')) p = skipSpace(q + 1);
    }
    let next = end;
    let emitted = 0;
    if (text[p] === '第') ({ emitted, next } = handleReference(p, pos, true));
    if (emitted === 0 && title !== null) {
      // 《食品安全法》 on its own (or followed by an unusable reference) cites the whole law.
      citations.push({ title, raw: text.slice(pos, end), start: pos, end });
    }
    return next;
  };

  let i = 0;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '《') {
      i = handleTitle(i);
    } else if (ch === '第') {
      i = handleReference(i, i, true).next;
    } else if (i === continuationAt && (isNumeralChar(ch) || OPEN_BRACKETS.has(ch))) {
      i = handleReference(i, i, false).next;
    } else {
      i++;
    }
  }

  if (options.requireCitation && citations.length === 0) {
    const start = text.length - text.trimStart().length;
    const end = text.trimEnd().length;
    if (end > start) problem('no-citation', start, end);
  }
  return { citations, problems };
}
