/**
 * A project compiled file by file: each list file is taken from the cache when
 * its content is unchanged, else loaded and validated (here or in a worker),
 * and the results are assembled in path order into what the validate and link
 * stages hand on, exactly as if every file had been done in one pass.
 */
import { statSync } from 'node:fs';
import type { Config } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { KindRegistry } from '../kinds/registry.js';
import { cacheKey, contentHash, decodeRecord, FileCache, fileStamp, stampTrusted, type FileRecord, type FileStamp } from '../cache/index.js';
import { openProject, readListBytes, type LoadedProject, type LoadOptions } from '../load/index.js';
import { SourceFile } from '../load/source.js';
import { compileFile, earlierFile, earlierInCache, fileFromRecord } from './file.js';
import type { FileResult } from './pool.js';

export interface CompileOptions extends LoadOptions {
  /** Keep each file's load and validate results in this folder, and reuse them while the file is unchanged. */
  cache?: { directory: string };
  /** Threads that compile the files, this one included: a number (1: no worker threads), or 'auto' (workers once there is enough to do). */
  workers?: number | 'auto';
}

export class ProjectCompilation {
  readonly config: Config;
  readonly kinds: KindRegistry;
  readonly cache: FileCache | undefined;
  private readonly diagnostics: Diagnostic[];
  private readonly files: { path: string; display: string; size: number; stamp?: FileStamp; hash?: string }[];
  /** What load and validate made of each file (only: not the records, which would keep their bytes). */
  private readonly results: ({ file: SourceFile; diagnostics: Diagnostic[] } | undefined)[];
  /** The records the cache kept of files' earlier contents, as looked up (earlier()), until the file is compiled. */
  private readonly earlierRecords = new Map<number, { record?: FileRecord; source?: Uint8Array }>();

  constructor(private readonly options: CompileOptions) {
    const { config, kinds, diagnostics, files } = openProject(options);
    this.config = config;
    this.kinds = kinds;
    this.diagnostics = diagnostics;
    this.cache = options.cache && new FileCache(options.cache.directory, cacheKey(config, kinds));
    this.files = files.map((f) => ({ ...f, size: 0 }));
    this.results = this.files.map(() => undefined);
  }

  get count(): number {
    return this.files.length;
  }

  /** The file's path, and its name as shown. */
  file(index: number): { path: string; display: string } {
    const { path, display } = this.files[index]!;
    return { path, display };
  }

  /** The errors of the project as a whole (configuration, paths), before any file's. */
  get projectDiagnostics(): readonly Diagnostic[] {
    return this.diagnostics;
  }

  /** The file's stamp taken before it was read, and the hash of the content it was compiled from (once known). */
  identity(index: number): { stamp?: FileStamp; hash?: string } {
    const { stamp, hash } = this.files[index]!;
    return { stamp, hash };
  }

  /** The file's size in bytes, once looked up. */
  size(index: number): number {
    return this.files[index]!.size;
  }

  /** Has the file been taken from the cache or compiled? */
  has(index: number): boolean {
    return this.results[index] !== undefined;
  }

  /** The file as load and validate made it: from the cache, else compiled now. */
  compiled(index: number): { file: SourceFile; diagnostics: Diagnostic[] } {
    if (!this.results[index] && !this.lookup(index)) this.compileHere(index);
    return this.results[index]!;
  }

  /** Take the file from the cache if its content is unchanged (or note that it cannot be read); false when it has to be compiled. */
  lookup(index: number): boolean {
    const item = this.files[index]!;
    if (!this.cache) {
      try {
        item.size = statSync(item.path).size;
      } catch {
        // compileFile reports it.
      }
      return false;
    }
    // Unchanged since its record was written (by its stamp): taken without reading the file.
    const stamp = fileStamp(item.path);
    item.stamp = stamp;
    const kept = stamp && this.cache.readStamped(item.path, item.display, stamp);
    let record = kept ? decodeRecord(kept.body) : undefined;
    if (record) {
      item.size = stamp!.size;
      item.hash = kept!.hash;
    }
    else {
      const read = readListBytes(item.path, item.display, this.config);
      if (!read.bytes) {
        this.results[index] = read.failed;
        return true;
      }
      item.size = read.bytes.length;
      const hash = contentHash(read.bytes);
      const kept = this.cache.read(item.path, item.display, hash);
      record = kept && decodeRecord(kept.body);
      if (!record) return false;
      item.hash = hash;
      // The same content under a new stamp (a checkout, a touch): kept with it, to be taken by its stamp next time.
      if (stamp && stampTrusted(stamp)) this.cache.write(item.path, item.display, hash, kept!.body, stamp, kept!.withSource ? read.bytes : undefined);
    }
    const { file, diagnostics } = fileFromRecord(item.path, item.display, record);
    this.results[index] = { file, diagnostics };
    this.earlierRecords.delete(index);
    return true;
  }

  /**
   * The record the cache keeps of the file's last content compiled (which
   * may be another than its content now), and the bytes it was made of when
   * they were kept; looked up once, until the file is compiled.
   */
  earlier(index: number): { record?: FileRecord; source?: Uint8Array } {
    let found = this.earlierRecords.get(index);
    if (!found) {
      const { path, display } = this.files[index]!;
      const kept = this.cache?.previous(path, display);
      found = kept ? { record: decodeRecord(kept.body), source: kept.source } : {};
      this.earlierRecords.set(index, found);
    }
    return found;
  }

  /** Compile the file in this thread (and keep its record), taking its unchanged entries from its earlier record. */
  compileHere(index: number): void {
    const { path, display } = this.files[index]!;
    const looked = this.earlierRecords.get(index);
    this.earlierRecords.delete(index);
    const earlier = looked ? earlierFile(looked.record, looked.source) : this.cache && earlierInCache(this.cache, path, display);
    const { file, diagnostics, record, encoded, stamp, source } = compileFile(path, display, this.kinds, this.config, earlier);
    this.files[index]!.stamp ??= stamp;
    this.files[index]!.hash = record?.hash;
    if (this.cache && record && encoded) this.cache.write(path, display, record.hash, encoded, stamp, source);
    this.results[index] = { file, diagnostics };
  }

  /** A worker's result for the file. */
  settle(index: number, result: FileResult): void {
    const { path, display } = this.files[index]!;
    const record = result.body && decodeRecord(result.body);
    this.files[index]!.hash = record ? record.hash : undefined;
    if (record) {
      const { file, diagnostics } = fileFromRecord(path, display, record);
      this.results[index] = { file, diagnostics };
    }
    else if (result.diagnostics) this.results[index] = { file: new SourceFile(path, display, ''), diagnostics: result.diagnostics };
  }

  /** Every file, in path order, as the load stage hands them on (a file still without a result is compiled now). */
  loaded(): LoadedProject {
    const files: SourceFile[] = [];
    const diagnostics = [...this.diagnostics];
    this.results.forEach((result, index) => {
      if (!result) this.compileHere(index);
      const done = this.results[index]!;
      files.push(done.file);
      diagnostics.push(...done.diagnostics);
    });
    const { cwd, paths } = this.options;
    return { cwd, paths, config: this.config, kinds: this.kinds, files, diagnostics };
  }
}
