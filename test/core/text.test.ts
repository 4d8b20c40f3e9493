/** foldKey's short cut (text it would leave as it is) against the full fold. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldKey } from '../../src/core/text.js';

const full = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}\u200b-\u200f\u2060\ufeff]/gu, '');

describe('foldKey', () => {
  it('folds width, case, spaces and punctuation', () => {
    expect(foldKey('《食品安全法》 第１条')).toBe('食品安全法第1条');
    expect(foldKey('ＡＢＣ abc')).toBe('abcabc');
    expect(foldKey('区市场监管局')).toBe('区市场监管局');
  });

  it('gives the full fold for any text, ideographs or not', () => {
    // Ideographs at both ends of the unified block, compatibility ideographs (which NFKC changes), letters, digits, marks and spaces.
    const chars = ['一', '龥', '\u9fff', '\u4e00', '豈', '兀', '\uf900', 'a', 'Z', '0', '９', 'Ａ', ' ', '\u3000', '，', '、', '·', '\u200b', 'ß', 'İ', '①', '㈠', '市', '局'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 12 }), (parts) => {
      const text = parts.join('');
      expect(foldKey(text)).toBe(full(text));
    }), { numRuns: 2000 });
    // Every code unit of the unified block folds to itself.
    for (let c = 0x4e00; c <= 0x9fff; c++) expect(full(String.fromCharCode(c))).toBe(String.fromCharCode(c));
  });
});
