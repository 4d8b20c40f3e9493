/**
 * Bytes to text. List files are UTF-8 (a BOM is accepted and dropped, CRLF is
 * accepted by the YAML parser); anything else is named, with how to convert it.
 */
import type { MessageData } from '../core/diagnostics.js';

export type ReadResult = { ok: true; text: string } | { ok: false; messageId: string; data: MessageData; offset?: number };

const decoder = new TextDecoder('utf-8', { fatal: true });

export function decodeListFile(bytes: Uint8Array): ReadResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, messageId: 'utf16', data: { encoding: bytes[0] === 0xff ? 'UTF-16LE' : 'UTF-16BE' } };
  }
  const sample = bytes.subarray(0, 8192);
  const nul = sample.indexOf(0);
  if (nul >= 0) {
    // UTF-16 without a BOM shows NULs in every other byte of ASCII text.
    const evenNul = sample.length > 3 && sample[1] === 0 && sample[3] === 0;
    const oddNul = sample.length > 3 && sample[0] === 0 && sample[2] === 0;
    if (evenNul || oddNul) return { ok: false, messageId: 'utf16', data: { encoding: evenNul ? 'UTF-16LE' : 'UTF-16BE' } };
    return { ok: false, messageId: 'binary', data: {} };
  }
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  try {
    return { ok: true, text: decoder.decode(bytes.subarray(start)) };
  } catch {
    const bad = firstInvalidUtf8(bytes, start);
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    return { ok: false, messageId: 'not-utf8', data: { line }, offset: bad };
  }
}

/** Offset of the first byte that does not start a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += len;
  }
  return bytes.length;
}
