/**
 * The build's writer threads (the site's files, the workbooks): started
 * alike, and stopped together when the build is interrupted, so that nothing
 * is still writing into the temporary folder while it is removed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const running = new Set<Worker>();

/** A thread running `script`, or undefined where it cannot run (the sources run untranspiled, as under the test runner). */
export function startThread(script: URL, options: WorkerOptions = {}): Worker | undefined {
  if (!existsSync(fileURLToPath(script))) return undefined;
  // Not --input-type (a script given as text, as with node -e): a worker's module is a file.
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
  const worker = new Worker(script, { ...options, execArgv });
  running.add(worker);
  worker.once('exit', () => running.delete(worker));
  return worker;
}

/** Stop every writer thread still running (a file system call under way finishes first). */
export async function stopThreads(): Promise<void> {
  await Promise.allSettled([...running].map((worker) => worker.terminate()));
}
