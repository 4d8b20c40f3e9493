/**
 * Worker threads for the files that are not in the cache. The main thread and
 * the workers take files from one list through a shared counter, so that no
 * one waits for a file another could do; each worker sends back the records
 * of its files serialized (worker.ts), and the main thread reads them between
 * its own files. A worker that fails leaves its files undone: the main thread
 * then compiles them itself.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { startThread } from '../core/threads.js';
import type { Config } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostics.js';
import type { KindDefinition } from '../kinds/index.js';
import type { KindRegistry } from '../kinds/registry.js';
import type { FileCache } from '../cache/index.js';

export interface WorkerSetup {
  config: Config;
  kinds: { definition: KindDefinition; builtin: boolean; codePattern: string | undefined }[];
  cache?: { directory: string; key: string };
  /** The files to compile, taken in turn through `next`. */
  files: { path: string; display: string }[];
  /** One Int32: the index of the next file to take. */
  next: SharedArrayBuffer;
  results: MessagePort;
}

/** One file done: its record serialized, or the problems of a file that could not be read. */
export interface FileResult {
  index: number;
  body?: Uint8Array;
  diagnostics?: Diagnostic[];
}

/** How many threads `auto` compiles with, the main thread included: the cores, at most 4. */
export function defaultThreadCount(): number {
  return Math.min(availableParallelism(), 4);
}

const WORKER_SCRIPT = new URL('./worker.js', import.meta.url);

export class CompilePool {
  private readonly next: Int32Array;
  private readonly ports: MessagePort[] = [];
  private readonly finished: Promise<void>[] = [];
  private readonly workers: Worker[] = [];

  private constructor(count: number, setup: Omit<WorkerSetup, 'next' | 'results'>) {
    const next = new SharedArrayBuffer(4);
    this.next = new Int32Array(next);
    for (let i = 0; i < count; i++) {
      const { port1, port2 } = new MessageChannel();
      // start() has seen the script there.
      const worker = startThread(WORKER_SCRIPT, { workerData: { ...setup, next, results: port2 } satisfies WorkerSetup, transferList: [port2] })!;
      this.ports.push(port1);
      this.workers.push(worker);
      // Done when it has taken every file it could, or when it died: the files it took and did not
      // send back are compiled by the main thread, which then meets the same error, if any.
      worker.on('error', () => {});
      this.finished.push(new Promise((resolve) => worker.once('exit', () => resolve())));
    }
  }

  /** Workers for these files, or undefined where they cannot run (the sources run untranspiled, as under the test runner). */
  static start(count: number, files: WorkerSetup['files'], config: Config, kinds: KindRegistry, cache: FileCache | undefined): CompilePool | undefined {
    if (count < 1 || !existsSync(fileURLToPath(WORKER_SCRIPT))) return undefined;
    return new CompilePool(count, {
      config,
      kinds: kinds.all().map((k) => ({ definition: k.definition, builtin: k.builtin, codePattern: k.codePattern })),
      cache: cache && { directory: cache.directory, key: cache.key },
      files,
    });
  }

  /** The next file for this thread to compile, or undefined when all are taken. */
  take(total: number): number | undefined {
    const index = Atomics.add(this.next, 0, 1);
    return index < total ? index : undefined;
  }

  /** The results the workers have sent so far. */
  *received(): Generator<FileResult> {
    for (const port of this.ports) {
      for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) yield message.message as FileResult;
    }
  }

  /** Wait for every worker to finish; then the last results. */
  async drain(): Promise<FileResult[]> {
    await Promise.all(this.finished);
    const rest = [...this.received()];
    for (const port of this.ports) port.close();
    return rest;
  }
}
