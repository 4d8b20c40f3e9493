/**
 * The size and SHA-256 of each file a build writes, taken from the bytes as
 * they are written: the manifest lists them without reading the whole output
 * (some 350 MB for a hundred thousand entries) back from the disk. An emitter
 * returns them with its artifacts; a file without them is read (manifest.ts).
 */
import { createHash, type Hash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface FileDigest {
  size: number;
  sha256: string;
}

/** The digest of bytes given in pieces, in the order they are written. */
export class Digester {
  private readonly hash: Hash = createHash('sha256');
  private size = 0;

  update(bytes: Uint8Array): void {
    this.hash.update(bytes);
    this.size += bytes.length;
  }

  /** Once, after the last piece. */
  digest(): FileDigest {
    return { size: this.size, sha256: this.hash.digest('hex') };
  }
}

/** The digest of a whole file's bytes. */
export function digestOf(bytes: Uint8Array): FileDigest {
  return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Write a whole file (its folder created). Not atomic by itself: for the
 * files of a build, which go into its temporary folder, and that folder is
 * flushed and swapped in whole (build.ts).
 */
export function writeWholeFile(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

/** Write a whole file, as writeWholeFile, and give its digest. */
export function writeFileDigest(path: string, data: string | Uint8Array): FileDigest {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  writeWholeFile(path, bytes);
  return digestOf(bytes);
}
