import { describe, expect, it } from 'vitest';
import { isNumeralChar, parseNumeral, toChineseNumeral } from '../../src/link/numerals.js';

describe('parseNumeral', () => {
  it.each([
    ['一', 1],
    ['九', 9],
    ['十', 10],
    ['十一', 11],
    ['十二', 12],
    ['一十二', 12],
    ['二十', 20],
    ['二十一', 21],
    ['九十九', 99],
    ['一百', 100],
    ['一百零五', 105],
    ['一百〇五', 105],
    ['一百一十', 110],
    ['一百十', 110],
    ['一百十二', 112],
    ['一百二十', 120],
    ['一百二十二', 122],
    ['一百二十六', 126],
    ['两百', 200],
    ['九百九十九', 999],
    ['一千', 1000],
    ['一千零一', 1001],
    ['一千零十', 1010],
    ['一千零一十', 1010],
    ['一千零五十', 1050],
    ['一千一百', 1100],
    ['两千零二十六', 2026],
    ['九千九百九十九', 9999],
    ['零', 0],
    ['〇', 0],
  ])('parses Chinese %s as %i', (text, value) => {
    expect(parseNumeral(text)).toBe(value);
  });

  it.each([
    ['126', 126],
    ['1', 1],
    ['0', 0],
    ['007', 7],
    ['１２６', 126],
    ['１2６', 126],
    ['９', 9],
  ])('parses Arabic %s as %i', (text, value) => {
    expect(parseNumeral(text)).toBe(value);
  });

  it.each([
    [''],
    ['一百二十六十'],
    ['十十'],
    ['百一'],
    ['百'],
    ['千'],
    ['一百百'],
    ['一二'],
    ['一〇五'],
    ['一百零十'],
    ['一百零五十'],
    ['一千零五百'],
    ['一千零零一'],
    ['一千十'],
    ['一千二十'],
    ['零一'],
    ['一零'],
    ['二十零'],
    ['两'],
    ['两十'],
    ['十两'],
    ['一百两'],
    ['十百'],
    ['一十百'],
    ['一万'],
    ['1百'],
    ['一2'],
    ['12a'],
    [' 12'],
    ['12 '],
    ['-1'],
    ['1.5'],
    ['三 十'],
    ['9'.repeat(20)],
  ])('rejects %j', (text) => {
    expect(parseNumeral(text)).toBeUndefined();
  });
});

describe('toChineseNumeral', () => {
  it.each([
    [0, '零'],
    [1, '一'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [112, '一百一十二'],
    [126, '一百二十六'],
    [1000, '一千'],
    [1001, '一千零一'],
    [1010, '一千零一十'],
    [1100, '一千一百'],
    [2026, '二千零二十六'],
    [9999, '九千九百九十九'],
  ])('renders %i as %s', (value, text) => {
    expect(toChineseNumeral(value)).toBe(text);
  });

  it.each([[-1], [1.5], [10000], [Number.NaN], [Infinity]])('throws a RangeError for %s', (value) => {
    expect(() => toChineseNumeral(value)).toThrow(RangeError);
  });

  it('round-trips through parseNumeral for every value from 0 to 9999', () => {
    const mismatches: number[] = [];
    for (let n = 0; n <= 9999; n++) {
      if (parseNumeral(toChineseNumeral(n)) !== n) mismatches.push(n);
    }
    expect(mismatches).toEqual([]);
  });

  it('renders exactly one spelling per value that parseNumeral accepts', () => {
    // Every rendering is canonical: no 零 at the end, no doubled 零, 十 not preceded by 一 below 20.
    for (let n = 1; n <= 9999; n++) {
      const text = toChineseNumeral(n);
      expect(text).not.toMatch(/零$|零零|两/);
      if (n >= 10 && n < 20) expect(text.startsWith('十')).toBe(true);
    }
  });
});

describe('isNumeralChar', () => {
  it('accepts digits, full-width digits, Chinese digits and units', () => {
    for (const ch of ['0', '9', '０', '９', '零', '〇', '一', '两', '九', '十', '百', '千']) {
      expect(isNumeralChar(ch)).toBe(true);
    }
  });

  it('rejects everything else', () => {
    for (const ch of [undefined, '', '第', '条', '（', 'a', ' ', '万', '十二']) {
      expect(isNumeralChar(ch)).toBe(false);
    }
  });
});
