/**
 * Worker threads (the compile pool, the site's and the workbooks' writers):
 * started alike, and stopped together when a build is interrupted, so that
 * nothing is still writing into its temporary folder while it is removed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const running = new Set<Worker>();

/** A thread running `script`, or undefined where it cannot run (the sources run untranspiled, as under the test runner). */
export function startThread(script: URL, options: WorkerOptions = {}): Worker | undefined {
  if (!existsSync(fileURLToPath(script))) return undefined;
  let worker: Worker;
  try {
    // Node's own options, as the main thread has them; not --input-type (a script given as text, as with
    // node -e): a worker's module is a file.
    worker = new Worker(script, { ...options, execArgv: process.execArgv.filter((a) => !a.startsWith('--input-type')) });
  } catch (e) {
    // V8's and process-wide options (--max-old-space-size, --trace-gc …) are refused for a thread: it runs without.
    if ((e as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
    worker = new Worker(script, { ...options, execArgv: [] });
  }
  running.add(worker);
  worker.once('exit', () => running.delete(worker));
  return worker;
}

/** Stop every thread still running (a file system call under way finishes first). */
export async function stopThreads(): Promise<void> {
  await Promise.allSettled([...running].map((worker) => worker.terminate()));
}
