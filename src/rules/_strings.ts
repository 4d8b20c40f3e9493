/**
 * What the text rules (variant-character, mixed-punctuation, stray-whitespace)
 * share: every string value of an entry, at any depth, with its path; and what
 * counts as Chinese text around a character.
 */
import type { Entry } from '../core/entry.js';
import type { DataPath } from '../load/source.js';

export interface StringValue {
  path: DataPath;
  value: string;
}

export interface StringValueOptions {
  /** Also walk ids and codes (`id`, the entry's code field, and the codes of other entries it refers to). */
  codes?: boolean;
}

/** Top-level fields that hold codes and ids, not text: `id`, the code field, and id references to kinds other than departments (item codes). */
function codeFields(entry: Entry): Set<string> {
  const fields = new Set<string>(['id']);
  if (entry.kind.codeField) fields.add(entry.kind.codeField);
  for (const ref of entry.kind.references) {
    if ((ref.form ?? 'id') === 'id' && ref.to !== 'departments' && !ref.field.includes('.')) fields.add(ref.field);
  }
  return fields;
}

/** Every string value of the entry (file-level defaults included), never its waivers. */
export function* stringValues(entry: Entry, options: StringValueOptions = {}): Generator<StringValue> {
  const skip = options.codes ? new Set<string>() : codeFields(entry);
  for (const [key, value] of Object.entries(entry.data)) {
    if (key === 'waivers' || skip.has(key)) continue;
    yield* walk([key], value, options.codes === true);
  }
}

function* walk(path: DataPath, value: unknown, codes: boolean): Generator<StringValue> {
  if (typeof value === 'string') {
    yield { path, value };
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* walk([...path, i], value[i], codes);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (!codes && key === 'id') continue;
      yield* walk([...path, key], v, codes);
    }
  }
}

/** Han ideographs, CJK symbols and punctuation (、。《》「」【】〔〕…) and full-width punctuation (，；：？！（）). */
const CJK = /[\p{Script=Han}\u3001-\u303f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f]/u;

/** Is the character (a code point) at this UTF-16 offset Chinese text? */
export function isCjkAt(text: string, offset: number): boolean {
  const cp = text.codePointAt(offset);
  return cp !== undefined && CJK.test(String.fromCodePoint(cp));
}

/** The code point that ends just before `offset` (a surrogate pair is one character). */
export function charBefore(text: string, offset: number): number {
  const low = text.charCodeAt(offset - 1);
  return low >= 0xdc00 && low <= 0xdfff && offset >= 2 ? offset - 2 : offset - 1;
}

/** U+3000 */
export function codePointLabel(ch: string): string {
  return 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}
