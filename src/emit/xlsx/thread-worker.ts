/**
 * The workbook writer's thread (thread.ts): writes the workbooks it is
 * handed one after the other, in the order they come (one at a time, so
 * that memory stays that of one workbook), answering with progress and each
 * one's result or error.
 */
import { parentPort } from 'node:worker_threads';
import type { WorkbookAnswer, WorkbookJob } from './thread.js';
import { writeWorkbook } from './workbook.js';

const answer = (message: WorkbookAnswer) => parentPort!.postMessage(message);
let queue = Promise.resolve();

parentPort!.on('message', (job: WorkbookJob) => {
  queue = queue.then(async () => {
    try {
      const result = await writeWorkbook(job.file, job.table, job.spec, {
        ...job.options,
        progress: (written, total) => answer({ id: job.id, progress: [written, total] }),
      });
      answer({ id: job.id, result });
    } catch (e) {
      answer({ id: job.id, error: { message: (e as Error)?.message, code: (e as NodeJS.ErrnoException)?.code } });
    }
  });
});
