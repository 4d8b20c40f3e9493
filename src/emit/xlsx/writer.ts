/**
 * exceljs's streaming workbook writer, made reproducible and memory-bounded.
 *
 * - Reproducible: archiver stamps every zip entry with the current time and
 *   takes no archive-wide date (its `zip` options have none), so every entry
 *   is given the workbook's fixed `created` date as it is appended. The
 *   constructor appends its first entries from `addThemes()`, which is why the
 *   hook sits there. The date is written in UTC, so the bytes do not depend on
 *   the machine's time zone.
 * - Bounded: exceljs ignores backpressure (exceljs#734): committed rows pile
 *   up in memory while the zip deflates behind them. Each entry's stream goes
 *   through a PassThrough we keep, and `drained()` waits until deflate has
 *   caught up.
 * - Company: the streaming writer leaves it out of docProps/app.xml; its own
 *   xform writes it when given.
 * - Digest: the size and SHA-256 of the file, taken from the zip's bytes as
 *   they go to it (for the manifest).
 */
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { PassThrough, type Writable } from 'node:stream';
import { Digester, type FileDigest } from '../digest.js';

const require = createRequire(import.meta.url);
const AppXform = require('exceljs/lib/xlsx/xform/core/app-xform.js') as new () => { toXml(model: unknown): string };

interface EntryData {
  name: string;
  date?: Date;
}
interface Archive {
  append(source: unknown, data: EntryData): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
}
interface StreamBuf {
  pipe(destination: Writable): void;
}
interface Internals {
  zip: Archive;
  created: Date;
  _worksheets: unknown[];
}

/** Bytes an entry may hold ahead of deflate before the writer waits. */
const MAX_PENDING = 1024 * 1024;

export interface ReproducibleWriterOptions {
  stream: Writable;
  /** The fixed time of the document properties and of every zip entry. */
  created: Date;
  creator: string;
}

export class ReproducibleWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  // `inputs` is set from inside the base constructor (addThemes): no initialisers here.
  private declare inputs: PassThrough[];
  private declare digester: Digester;
  private declare failure: Error | undefined;
  private declare readonly output: Writable & { closed?: boolean };
  /** Aborted when the file or the archive fails, so that no wait outlives the failure. */
  private declare readonly failed: AbortController;

  constructor(options: ReproducibleWriterOptions) {
    const { stream, created, creator } = options;
    // created/modified/creator are read by the streaming writer though its typings leave them out.
    super({ stream, useStyles: true, useSharedStrings: false, created, modified: created, creator, lastModifiedBy: creator } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
    this.output = stream;
    this.failed = new AbortController();
    const fail = (e: Error) => {
      this.failure ??= e;
      this.failed.abort(e);
    };
    stream.on('error', fail);
    (this as unknown as Internals).zip.on('error', fail);
  }

  override addThemes(): Promise<void> {
    const self = this as unknown as Internals;
    const zip = self.zip;
    const append = zip.append.bind(zip);
    const date = self.created;
    const inputs: PassThrough[] = (this.inputs = []);
    // The zip is piped to the file already and nothing is appended yet: every byte of the file passes here, in order.
    const digester = (this.digester = new Digester());
    zip.on('data', (chunk) => digester.update(chunk));
    zip.append = (source, data) => {
      if (source !== null && typeof source === 'object' && !Buffer.isBuffer(source) && typeof (source as StreamBuf).pipe === 'function') {
        const pass = new PassThrough();
        (source as StreamBuf).pipe(pass);
        inputs.push(pass);
        return append(pass, { ...data, date });
      }
      return append(source, { ...data, date });
    };
    return super.addThemes();
  }

  override addApp(): Promise<void> {
    const self = this as unknown as Internals;
    const xml = new AppXform().toXml({ worksheets: self._worksheets.filter(Boolean), company: this.company, manager: this.manager });
    self.zip.append(xml, { name: 'docProps/app.xml' });
    return Promise.resolve();
  }

  /** Throws what the file or the archive failed with, if anything. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  /** Wait until every entry's pending bytes have gone to deflate. */
  async drained(): Promise<void> {
    this.check();
    for (const input of this.inputs) {
      if (input.writableLength > MAX_PENDING) await once(input, 'drain', { signal: this.failed.signal }).catch(() => this.check());
    }
    this.check();
  }

  /** Commit the workbook and wait until its file is closed; fails as soon as the file or archive does. The file's digest. */
  async finish(): Promise<FileDigest> {
    this.check();
    const failure = new Promise<never>((_, reject) => this.failed.signal.addEventListener('abort', () => reject(this.failure)));
    failure.catch(() => {});
    await Promise.race([this.commit(), failure]);
    if (!this.output.closed) await Promise.race([once(this.output, 'close'), failure]);
    this.check();
    return this.digester.digest();
  }
}
