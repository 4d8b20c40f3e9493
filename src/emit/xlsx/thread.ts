/**
 * Workbooks written by a worker thread (thread-worker.ts) while the main
 * thread goes on with the open data and the site: exceljs's cells, XML and
 * zip take seconds for a long list, and nothing else in the build waits for
 * them. The main thread makes each table (it needs the Catalog) and hands it
 * over; the worker writes the workbooks one after the other, in the order
 * given, and answers with each file's digest.
 *
 * It runs from build/ (thread-worker.ts compiled); under the test runner the
 * sources are TypeScript and start() gives undefined: the emitter then
 * writes in this thread.
 */
import type { Worker } from 'node:worker_threads';
import { startThread } from '../../core/threads.js';
import type { Table } from './table.js';
import type { WorkbookResult, WorkbookSpec, WriteOptions } from './workbook.js';

const WORKER_SCRIPT = new URL('./thread-worker.js', import.meta.url);

/** A workbook to write: what writeWorkbook takes, less the progress callback (its calls come back as messages). */
export interface WorkbookJob {
  id: number;
  file: string;
  table: Table;
  spec: WorkbookSpec;
  options: Omit<WriteOptions, 'progress'>;
}

/** What the worker answers about a job: progress, its result, or its error. */
export interface WorkbookAnswer {
  id: number;
  progress?: [written: number, total: number];
  result?: WorkbookResult;
  error?: { message?: string; code?: string };
}

interface Pending {
  resolve(result: WorkbookResult): void;
  reject(error: Error): void;
  progress?: (written: number, total: number) => void;
}

export class WorkbookThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;
  private closed = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (answer: WorkbookAnswer) => {
      const job = this.pending.get(answer.id);
      if (!job) return;
      if (answer.progress) job.progress?.(...answer.progress);
      else if (answer.result) {
        this.pending.delete(answer.id);
        job.resolve(answer.result);
      } else if (answer.error) {
        this.pending.delete(answer.id);
        const error = new Error(answer.error.message ?? 'workbook failed') as NodeJS.ErrnoException;
        if (answer.error.code !== undefined) error.code = answer.error.code;
        job.reject(error);
      }
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', () => this.fail(new Error('xlsx: the workbook writer stopped before writing every workbook')));
  }

  /** A worker, or undefined where it cannot run (the sources run untranspiled, as under the test runner). */
  static start(): WorkbookThread | undefined {
    try {
      const worker = startThread(WORKER_SCRIPT);
      return worker && new WorkbookThread(worker);
    } catch {
      return undefined;
    }
  }

  /** Write a workbook after those handed over before it; the table is copied to the worker at once. */
  write(file: string, table: Table, spec: WorkbookSpec, options: WriteOptions = {}): Promise<WorkbookResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const { progress, ...rest } = options;
    return new Promise<WorkbookResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
      this.worker.postMessage({ id, file, table, spec, options: rest } satisfies WorkbookJob);
    });
  }

  /** Stop the worker; workbooks not yet written fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.worker.terminate();
    this.fail(new Error('xlsx: the workbook writer was stopped'));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of this.pending.values()) job.reject(this.failure);
    this.pending.clear();
  }
}
