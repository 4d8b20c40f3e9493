/**
 * Names inside the site: entry anchors that survive editions (built from the
 * entry's code, not its position), and file names for list and department
 * pages that are safe on any file system and never read as a URL scheme.
 */
import { createHash } from 'node:crypto';

const KEPT = /^[\p{L}\p{N}-]$/u;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A reversible slug: letters, digits and '-' stay, every other character
 * becomes `_<hex>_`, so different codes never share a slug ("A B" → "A_20_B",
 * "A_B" → "A_5f_B") and the result is safe in an id, a fragment and a file name.
 */
export function slug(text: string): string {
  // Most codes are ASCII letters, digits and '-': kept as they are.
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45)) break;
  }
  if (i === text.length) return text;
  let out = '';
  for (const ch of text) out += KEPT.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16)}_`;
  return out;
}

/** A slug for a file name: bounded length (a hash keeps long ones apart), no Windows device names. */
export function fileSlug(text: string): string {
  let s = slug(text);
  if (Buffer.byteLength(s) > 96) s = `${[...s].slice(0, 40).join('')}-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
  if (s === '' || WINDOWS_RESERVED.test(s)) s = `_${s}`;
  return s;
}

/** Page names the site itself uses: a kind with one of these names gets a `list-` prefix. */
const RESERVED_PAGES = new Set(['index', 'overview', 'assets', 'dept']);

/** The file of page `n` (1-based) of a kind's list: `items.html`, `items-2.html` … */
export function listPageFile(kindName: string, n: number): string {
  const base = RESERVED_PAGES.has(kindName) ? `list-${fileSlug(kindName)}` : fileSlug(kindName);
  return n === 1 ? `${base}.html` : `${base}-${n}.html`;
}

/** The file of page `n` of a department: `dept/market.html`, `dept/market-2.html` … */
export function departmentPageFile(id: string, n: number): string {
  const base = fileSlug(id);
  return n === 1 ? `dept/${base}.html` : `dept/${base}-${n}.html`;
}

/** A relative href to a site file (path segments percent-encoded, so nothing in it reads as a scheme or query). */
export function href(root: string, file: string, fragment?: string): string {
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `${root}${path}${fragment === undefined ? '' : `#${fragment}`}`;
}
