/**
 * The cache: what load and validate made of each list file, kept between runs
 * so that a re-check after a one-file change reads, parses and validates only
 * that file (the cross-list rules always run again, over the whole catalog).
 *
 * One cache file per list file, named after the list file's path, holding the
 * record of its last content: a one-line JSON header (format, key, SHA-256 of
 * the content) and the record. Records are JSON in UTF-16: for this data (many
 * short Chinese strings) it loads back about twice as fast as V8's own
 * serialization, which is used only for the records JSON would change (NaN,
 * infinities, -0 in the data). The same bytes carry a record from a worker
 * thread to the main thread. The key is the tool version, a hash of the
 * tool's own code (so that a changed build, as in development, never reads
 * records of another) and a hash of the configuration and the kinds: a change
 * of any invalidates every record. A cache file that cannot be read, is foreign, or is stale is
 * ignored and rewritten; writes go to a temporary file renamed into place.
 *
 * After the record, the cache file may keep the list file's bytes as they
 * were read (when the fast path read them: see load/fast.ts): when the file
 * is edited, the entries whose text is unchanged are taken from the record
 * instead of being parsed again (FileCache.previous).
 *
 * The header also keeps the list file's stamp (size, modification and change
 * times, inode) as it was just before it was read: while the file's stamp is
 * the same, the record is taken without reading and hashing the file, as git
 * does with its index. A change of content changes the change time (ctime),
 * which no tool sets back; a file modified within two seconds before its
 * record was written is always read again (its times may not yet tell).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { threadId } from 'node:worker_threads';
import type { Config } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { KindRegistry } from '../kinds/registry.js';
import type { EntryLayout } from '../load/fast.js';
import type { FileValidation } from '../validate/index.js';

/** Bump when the record's shape or meaning changes. */
const FORMAT = 2;
const MAGIC = 'qingdan-cache';
const HEADER_MAX = 512;

const TOOL_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

let codeHash: string | undefined;
/** A hash of the tool's modules (this folder's parent: build/ or src/), read once per process. */
function toolCode(): string {
  if (codeHash === undefined) {
    const hash = createHash('sha256');
    const visit = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) visit(path);
        else if (/\.(js|ts|yaml)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) hash.update(entry.name).update(readFileSync(path));
      }
    };
    visit(fileURLToPath(new URL('..', import.meta.url)));
    codeHash = hash.digest('hex').slice(0, 16);
  }
  return codeHash;
}

/** What load and validate made of one list file's content. Plain data: it crosses threads and goes to disk. */
export interface FileRecord {
  /** SHA-256 of the file's bytes. */
  hash: string;
  /** The parsed data (absent when the file did not parse). */
  data?: { kind?: string; defaults: Record<string, unknown>; entries: unknown[]; brokenEntries: number[] };
  /** Each entry's text span, when the fast path read the file. */
  layout?: EntryLayout;
  /** The load stage's problems with this file. */
  diagnostics: Diagnostic[];
  validation?: FileValidation;
}

/** Where the cache lives: node_modules/.cache/qingdan when the working directory has node_modules, else .qingdan-cache. */
export function defaultCacheDirectory(cwd: string): string {
  return existsSync(join(cwd, 'node_modules')) ? join(cwd, 'node_modules', '.cache', 'qingdan') : join(cwd, '.qingdan-cache');
}

/** A list file's stamp, taken just before it is read. */
export interface FileStamp {
  id: string;
  size: number;
  mtimeMs: number;
}

/** The stamp of a file, or undefined when it cannot be looked up. */
export function fileStamp(path: string): FileStamp | undefined {
  try {
    const s = statSync(path, { bigint: true });
    return { id: `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}:${s.dev}`, size: Number(s.size), mtimeMs: Number(s.mtimeMs) };
  } catch {
    return undefined;
  }
}

/** Files changed this close before their record was written are read again: their times may not tell a later change. */
const RACY_MS = 2000;

/** Would a record written now be taken by this stamp later? (Not when the file changed just now.) */
export function stampTrusted(stamp: FileStamp, now = Date.now()): boolean {
  return stamp.mtimeMs <= now - RACY_MS;
}

/** The tool version and code, and everything of the configuration that load and validate depend on. */
export function cacheKey(config: Config, kinds: KindRegistry): string {
  const { file: _file, ...settings } = config;
  const kindSettings = kinds.all().map((k) => ({ definition: k.definition, builtin: k.builtin, codePattern: k.codePattern }));
  const hash = createHash('sha256').update(JSON.stringify({ settings, kindSettings })).digest('hex').slice(0, 32);
  return `${TOOL_VERSION}/${FORMAT}/${toolCode()}/${hash}`;
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class FileCache {
  constructor(
    readonly directory: string,
    readonly key: string,
  ) {}

  /** The cache file of a list file, by its absolute path and its name as shown (which its diagnostics carry). */
  slot(path: string, display: string): string {
    return join(this.directory, `${createHash('sha256').update(`${path}\0${display}`).digest('hex').slice(0, 40)}.bin`);
  }

  /** The record kept for this content of the file, serialized, if any; `withSource`: the file's bytes are kept with it. */
  read(path: string, display: string, hash: string): { body: Uint8Array; withSource: boolean } | undefined {
    const kept = this.readWhere(path, display, (header) => header.hash === hash);
    return kept && { body: kept.body, withSource: kept.sourceLength > 0 };
  }

  /** The record kept for the file as it is stamped now, without reading the file; undefined when it may have changed since. */
  readStamped(path: string, display: string, stamp: FileStamp): { hash: string; body: Uint8Array } | undefined {
    let hash: string | undefined;
    const kept = this.readWhere(path, display, (header) => {
      if (header.stamp !== stamp.id || typeof header.written !== 'number' || !stampTrusted(stamp, header.written) || typeof header.hash !== 'string') return false;
      hash = header.hash;
      return true;
    });
    return kept && hash ? { hash, body: kept.body } : undefined;
  }

  /**
   * The record kept for the file, whatever content it was made of (its
   * hash), with the bytes it was made of when they were kept: what reading
   * the file's new content can take its unchanged entries from.
   */
  previous(path: string, display: string): { hash: string; body: Uint8Array; source?: Uint8Array } | undefined {
    let hash: string | undefined;
    const kept = this.readWhere(
      path,
      display,
      (header) => {
        if (typeof header.hash !== 'string') return false;
        hash = header.hash;
        return true;
      },
      true,
    );
    return kept && hash ? { hash, body: kept.body, source: kept.source } : undefined;
  }

  private readWhere(
    path: string,
    display: string,
    matches: (header: CacheHeader) => boolean,
    withSource = false,
  ): { body: Uint8Array; sourceLength: number; source?: Uint8Array } | undefined {
    let fd: number | undefined;
    try {
      fd = openSync(this.slot(path, display), 'r');
      const head = Buffer.alloc(HEADER_MAX);
      const got = readSync(fd, head, 0, HEADER_MAX, 0);
      const newline = head.subarray(0, got).indexOf(10);
      if (newline < 0) return undefined;
      const header = JSON.parse(head.subarray(0, newline).toString('utf8')) as CacheHeader;
      if (header.magic !== MAGIC || header.key !== this.key || !matches(header)) return undefined;
      const sourceLength = typeof header.source === 'number' && header.source > 0 ? header.source : 0;
      const size = fstatSync(fd).size;
      const bodyLength = size - newline - 1 - sourceLength;
      if (bodyLength <= 0) return undefined;
      const bytes = Buffer.allocUnsafe(withSource ? bodyLength + sourceLength : bodyLength);
      let at = 0;
      while (at < bytes.length) {
        const n = readSync(fd, bytes, at, bytes.length - at, newline + 1 + at);
        if (n === 0) return undefined;
        at += n;
      }
      return withSource && sourceLength > 0
        ? { body: bytes.subarray(0, bodyLength), sourceLength, source: bytes.subarray(bodyLength) }
        : { body: bytes, sourceLength };
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /**
   * Keep a record (already serialized), with the stamp of the file it was read
   * from, and the file's bytes (`source`) when later reads may take entries
   * from it. Failing to write the cache never fails the run.
   */
  write(path: string, display: string, hash: string, body: Uint8Array, stamp?: FileStamp, source?: Uint8Array): void {
    const slot = this.slot(path, display);
    const tmp = `${slot}.${process.pid}-${threadId}.tmp`;
    try {
      mkdirSync(this.directory, { recursive: true });
      const header = Buffer.from(
        JSON.stringify({ magic: MAGIC, key: this.key, hash, stamp: stamp?.id, written: Date.now(), source: source?.length } satisfies CacheHeader) + '\n',
        'utf8',
      );
      // No fsync: a cache file torn by a crash is detected and rewritten.
      writeFileSync(tmp, Buffer.concat(source ? [header, body, source] : [header, body]));
      renameSync(tmp, slot);
    } catch {
      rmSync(tmp, { force: true });
    }
  }
}

interface CacheHeader {
  magic?: unknown;
  key?: unknown;
  hash?: unknown;
  stamp?: unknown;
  written?: unknown;
  /** How many bytes of the list file follow the record. */
  source?: unknown;
}

const AS_JSON = 0x4a; // J
const AS_V8 = 0x56; // V

/** A record's bytes. `plainNumbers`: the caller knows that every number in the data is one JSON carries as it is. */
export function encodeRecord(record: FileRecord, plainNumbers = false): Uint8Array {
  if (!plainNumbers && !jsonKeepsAll(record.data)) return Buffer.concat([Buffer.of(AS_V8), serialize(record)]);
  const text = JSON.stringify(record);
  const bytes = Buffer.allocUnsafe(1 + text.length * 2);
  bytes[0] = AS_JSON;
  bytes.write(text, 1, 'utf16le');
  return bytes;
}

/** A record back from its bytes; undefined when they are not one (a corrupt or foreign cache file). */
export function decodeRecord(bytes: Uint8Array): FileRecord | undefined {
  try {
    const body = Buffer.from(bytes.buffer, bytes.byteOffset + 1, bytes.byteLength - 1);
    const record = (bytes[0] === AS_JSON ? JSON.parse(body.toString('utf16le')) : bytes[0] === AS_V8 ? deserialize(body) : undefined) as FileRecord | undefined;
    return record && typeof record === 'object' && typeof record.hash === 'string' && Array.isArray(record.diagnostics) ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Would JSON give back the same values? (Not for NaN, infinities and -0.) */
function jsonKeepsAll(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Object.is(v, -0)) return false;
    } else if (v !== null && typeof v === 'object') {
      for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push(child);
    }
  }
  return true;
}
