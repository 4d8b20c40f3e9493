/**
 * Article numbers as written in Chinese legal citations: 第一百二十六条, 第126条, 第１２６条.
 *
 * Chinese numerals are accepted in their standard written form up to 9999 (千 is the largest
 * unit; no law has ten thousand articles):
 *   十 = 10, 十二 = 12, 一十二 = 12, 二十 = 20, 一百零五 = 105, 一百一十 = 110, 一百十 = 110,
 *   一千零一 = 1001, 两百 = 200, 零 = 0.
 * A skipped position must be marked by exactly one 零 (一百零五, not 一百五 which colloquially
 * means 150), and 零 is not allowed where no position is skipped (一百零五十).
 */

const DIGIT_VALUES: ReadonlyMap<string, number> = new Map([
  ['零', 0], ['〇', 0],
  ['一', 1], ['二', 2], ['两', 2], ['三', 3], ['四', 4],
  ['五', 5], ['六', 6], ['七', 7], ['八', 8], ['九', 9],
]);

const UNIT_VALUES: ReadonlyMap<string, number> = new Map([
  ['十', 10], ['百', 100], ['千', 1000],
]);

const DIGIT_NAMES = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** Value of an ASCII (0-9) or full-width (０-９) digit, else undefined. */
function arabicDigit(ch: string): number | undefined {
  const code = ch.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10;
  return undefined;
}

/** True for any character that can be part of a numeral accepted by {@link parseNumeral}. */
export function isNumeralChar(ch: string | undefined): boolean {
  if (ch === undefined || ch.length !== 1) return false;
  return arabicDigit(ch) !== undefined || DIGIT_VALUES.has(ch) || UNIT_VALUES.has(ch);
}

function parseArabic(text: string): number | undefined {
  let value = 0;
  for (const ch of text) {
    const d = arabicDigit(ch);
    if (d === undefined) return undefined;
    value = value * 10 + d;
  }
  return Number.isSafeInteger(value) ? value : undefined;
}

function parseChinese(text: string): number | undefined {
  if (text === '零' || text === '〇') return 0;

  let total = 0;
  let lastUnit = Infinity; // unit of the previous term
  let terms = 0;
  let zeroPending = false; // a 零 was read since the previous term
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const digit = DIGIT_VALUES.get(ch);

    if (digit === 0) {
      // 零 only between two terms, and only once.
      if (terms === 0 || zeroPending || i === text.length - 1) return undefined;
      zeroPending = true;
      i++;
      continue;
    }

    let multiplier: number;
    if (digit !== undefined) {
      multiplier = digit;
      i++;
    } else {
      // A bare unit: only 十, standing for 一十, at the start (十二), after 百 (一百十) or after 零 (一千零十).
      if (ch !== '十' || !(terms === 0 || lastUnit === 100 || zeroPending)) return undefined;
      multiplier = 1;
    }

    const unitChar = text[i];
    const unit = unitChar === undefined ? undefined : UNIT_VALUES.get(unitChar);
    let termUnit = 1;
    if (unit !== undefined) {
      termUnit = unit;
      i++;
    } else if (digit === undefined) {
      return undefined; // not a digit and not a unit
    }

    if (ch === '两' && termUnit < 100) return undefined; // 两百, 两千 but not 两十 or 两
    if (terms > 0) {
      // Positions go strictly down; a gap is written with 零, and 零 only marks a gap.
      if (zeroPending ? termUnit * 10 >= lastUnit : termUnit * 10 !== lastUnit) return undefined;
    }

    total += multiplier * termUnit;
    lastUnit = termUnit;
    zeroPending = false;
    terms++;
  }
  return terms > 0 ? total : undefined;
}

/**
 * Parses an article / paragraph / item number: Chinese numerals (一百二十六), ASCII digits (126)
 * or full-width digits (１２６). Returns undefined for anything malformed, including the empty
 * string, surrounding whitespace, and a mix of Arabic and Chinese numerals.
 */
export function parseNumeral(text: string): number | undefined {
  if (text === '') return undefined;
  if (arabicDigit(text[0]!) !== undefined) return parseArabic(text);
  return parseChinese(text);
}

/**
 * Renders 0 ≤ n ≤ 9999 as a Chinese numeral the way laws number their articles:
 * 10 → 十, 12 → 十二, 110 → 一百一十, 105 → 一百零五, 1010 → 一千零一十.
 * Throws a RangeError for anything else.
 */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) {
    throw new RangeError(`toChineseNumeral: expected an integer from 0 to 9999, got ${n}`);
  }
  if (n === 0) return '零';
  const positions: Array<[number, string]> = [[1000, '千'], [100, '百'], [10, '十'], [1, '']];
  let out = '';
  let zeroPending = false;
  for (const [unit, unitName] of positions) {
    const d = Math.floor(n / unit) % 10;
    if (d === 0) {
      if (out !== '') zeroPending = true;
      continue;
    }
    if (zeroPending) out += '零';
    zeroPending = false;
    // 十二 rather than 一十二 when 十 leads, but 一百一十 inside a larger number.
    if (!(d === 1 && unit === 10 && out === '')) out += DIGIT_NAMES[d];
    out += unitName;
  }
  return out;
}
