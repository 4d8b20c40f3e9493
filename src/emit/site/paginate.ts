/**
 * Splitting long tables into pages: a page ends at a number of entries or at
 * an estimated number of bytes, whichever comes first, so no page of the site
 * grows past about 2 MB however long the list or its texts.
 */

/** At most this many entries on one page. */
export const PAGE_ENTRIES = 1000;
/** Estimated HTML bytes of the rows of one page (the page adds its header and footer, far under the 2 MB bound). */
export const PAGE_BYTES = 1_400_000;

export interface Range {
  start: number;
  end: number;
}

/** Consecutive ranges of `sizes` (estimated bytes of each row); always at least one range, never an empty one unless there are no rows. */
export function paginate(sizes: ArrayLike<number>, maxEntries = PAGE_ENTRIES, maxBytes = PAGE_BYTES): Range[] {
  const pages: Range[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < sizes.length; i++) {
    const size = sizes[i]!;
    if (i > start && (i - start >= maxEntries || bytes + size > maxBytes)) {
      pages.push({ start, end: i });
      start = i;
      bytes = 0;
    }
    bytes += size;
  }
  pages.push({ start, end: sizes.length });
  return pages;
}

const ESCAPED = /[&<>"'`=]/g;
const ANY_ESCAPED = /[&<>"'`=]/;

/** Bytes of text once HTML-escaped by Handlebars (each escaped character takes at most 6 bytes). */
export function escapedBytes(text: string): number {
  let n = Buffer.byteLength(text);
  if (!ANY_ESCAPED.test(text)) return n;
  ESCAPED.lastIndex = 0;
  while (ESCAPED.exec(text)) n += 5;
  return n;
}

/** Page numbers to show in a page navigation: first, last, and a window around the current page, with gaps. */
export function pageWindow(current: number, count: number, radius = 3): (number | null)[] {
  const out: (number | null)[] = [];
  for (let n = 1; n <= count; n++) {
    if (n === 1 || n === count || Math.abs(n - current) <= radius) out.push(n);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}
