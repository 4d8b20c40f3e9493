/**
 * Comparison keys for Chinese text. NFKC folds full-width forms and Chinese
 * punctuation into ASCII; it is used only to build keys, never on text that
 * is shown or written back.
 */

const PUNCTUATION_OR_SPACE = /[\s\p{P}\p{S}\u200b-\u200f\u2060\ufeff]/gu;

/** Text that folding leaves as it is: CJK unified ideographs (NFKC keeps them), lower-case ASCII letters and digits. */
const ALREADY_FOLDED = /^[\u4e00-\u9fffa-z0-9]*$/;

/** Fold width and case, drop spaces and punctuation: "《食品安全法》 第１条" → "食品安全法第1条". */
export function foldKey(text: string): string {
  // Most names are ideographs only: one test instead of normalizing.
  if (ALREADY_FOLDED.test(text)) return text;
  return text.normalize('NFKC').toLowerCase().replace(PUNCTUATION_OR_SPACE, '');
}

/** Fold width and spaces only (keeps punctuation). */
export function foldSpaces(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}
