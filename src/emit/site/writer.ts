/**
 * The site's files, written by a worker thread while the next pages render:
 * the main thread encodes each page, takes its digest (size and SHA-256, for
 * the manifest) and moves the bytes to the worker, which writes them. The
 * worker also folds the search index's text and cuts it into chunk files
 * (search.ts's SearchChunks). Encoding costs this thread about what copying
 * the text to the worker did, and leaves the worker the writes and the
 * search index: on a machine busy with other work it had become what the
 * rendering waited for. The files go into the build's temporary folder,
 * flushed and swapped in whole at the end (build.ts), so each is written
 * plainly. It runs from build/ (writer-worker.ts compiled); under the test
 * runner the sources are TypeScript, and all is done in this thread. A build
 * of a hundred thousand entries writes some 200 MB; done there, that no
 * longer holds up the rendering.
 *
 * Where a worker cannot start, everything is done in this thread. Either way
 * finish() resolves once every file is in place, or rejects with the first
 * error.
 */
import type { Worker } from 'node:worker_threads';
import { startThread } from '../../core/threads.js';
import { safeJoin } from '../../core/fs.js';
import { digestOf, writeFileDigest, type FileDigest } from '../digest.js';
import { SearchChunks, type SearchEntry } from './search.js';

/** Bytes (or characters of the search index) handed to the worker and not yet written, above which ready() waits. */
const MAX_PENDING = 32 * 1024 * 1024;

/** The worker's module (writer-worker.ts), when compiled: under the test runner the sources are TypeScript, and everything is done in this thread. */
const WORKER_SCRIPT = new URL('./writer-worker.js', import.meta.url);

const encoder = new TextEncoder();

/** What the worker is handed: a file, entries of the search index, or the search's end. */
export interface WriterMessage {
  path?: string;
  data?: Uint8Array;
  search?: { kind: number; name: string; entries: readonly SearchEntry[] };
  searchFinish?: boolean;
  size?: number;
}

/**
 * What the worker answers: a message done (the size it was handed), or the
 * search index's chunk files; the files it wrote with their digests; and the
 * error, if any.
 */
export interface WorkerMessage {
  size?: number;
  error?: { message?: string; code?: string };
  chunks?: [number, string[]][];
  files?: [string, FileDigest][];
}

export class SiteWriter {
  private worker: Worker | undefined;
  private pendingSize = 0;
  private pendingMessages = 0;
  private error: Error | undefined;
  private waiters: (() => void)[] = [];
  private localSearch: SearchChunks | undefined;
  private searchResult: Map<number, string[]> | undefined;
  private closing = false;
  /** Files written so far (absolute path → digest). */
  private readonly digests = new Map<string, FileDigest>();

  /** `siteDir`: where the search index's chunk files go (assets/search/ under it). */
  constructor(private readonly siteDir: string) {
    try {
      this.worker = startThread(WORKER_SCRIPT, { workerData: { siteDir } });
    } catch {
      this.worker = undefined;
    }
    if (!this.worker) return;
    this.worker.on('message', (message: WorkerMessage) => {
      for (const [path, digest] of message.files ?? []) this.digests.set(path, digest);
      if (message.chunks) this.searchResult = new Map(message.chunks);
      else {
        this.pendingSize -= message.size ?? 0;
        this.pendingMessages--;
      }
      if (message.error && !this.error) {
        const error = new Error(message.error.message ?? 'write failed') as NodeJS.ErrnoException;
        if (message.error.code !== undefined) error.code = message.error.code;
        this.error = error;
      }
      this.signal();
    });
    this.worker.on('error', (e) => {
      this.error ??= e;
      this.signal();
    });
    this.worker.on('exit', () => {
      if (!this.closing) this.error ??= new Error('site: the file writer stopped before writing every file');
      this.worker = undefined;
      this.signal();
    });
  }

  /** Write `data` to `path` (an absolute path inside the output folder). Throws the first error of an earlier file. */
  write(path: string, data: string | Uint8Array): void {
    if (this.error) throw this.error;
    if (!this.worker) {
      this.digests.set(path, writeFileDigest(path, data));
      return;
    }
    // Bytes of their own (the encoder's, or a copy), moved to the worker rather than copied.
    const bytes = typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data);
    this.digests.set(path, digestOf(bytes));
    this.post({ path, data: bytes, size: bytes.length }, bytes.length, [bytes.buffer]);
  }

  /** The digest of a file written (once finish() has resolved, of every file). */
  digest(path: string): FileDigest | undefined {
    return this.digests.get(path);
  }

  /** Does a worker thread write the files and make the search index? (Not when running from the TypeScript sources.) */
  get threaded(): boolean {
    return this.worker !== undefined;
  }

  /** Entries of the search index, a kind's after another's. */
  search(kind: number, name: string, entries: readonly SearchEntry[]): void {
    if (this.error) throw this.error;
    if (this.worker) {
      let size = 0;
      for (const e of entries) size += e[6].length;
      this.post({ search: { kind, name, entries }, size }, size);
      return;
    }
    this.localSearch ??= new SearchChunks((file, data) => this.write(safeJoin(this.siteDir, file), data));
    this.localSearch.add(kind, name, entries);
  }

  /**
   * The search index's chunk files, by kind index, once the last is written (or handed to be written).
   * The worker is told at once; other files may be written while its answer comes.
   */
  finishSearch(): Promise<Map<number, string[]>> {
    if (this.worker) {
      this.worker.postMessage({ searchFinish: true });
      return this.searchAnswer();
    }
    return Promise.resolve(this.localSearch ? this.localSearch.finish() : new Map<number, string[]>());
  }

  private async searchAnswer(): Promise<Map<number, string[]>> {
    while (this.searchResult === undefined && !this.error && this.worker) await this.next();
    if (this.error) throw this.error;
    if (this.searchResult === undefined) throw new Error('site: the file writer stopped before the search index was written');
    return this.searchResult;
  }

  /** Wait while much is still to be written; throws the first error. */
  async ready(): Promise<void> {
    while (this.pendingSize > MAX_PENDING && !this.error && this.worker) await this.next();
    if (this.error) throw this.error;
  }

  /** Wait for every file; then the worker stops. */
  async finish(): Promise<void> {
    try {
      while (this.pendingMessages > 0 && !this.error && this.worker) await this.next();
      if (this.error) throw this.error;
    } finally {
      await this.close();
    }
  }

  /** Stop the worker (after an error elsewhere, files not yet written are dropped: the build's folder is removed). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.closing = true;
    if (worker) await worker.terminate();
  }

  private post(message: object, size: number, transfer?: ArrayBuffer[]): void {
    this.pendingSize += size;
    this.pendingMessages++;
    this.worker!.postMessage(message, transfer);
  }

  /** Until the worker next says something (any number may wait). */
  private next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private signal(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

