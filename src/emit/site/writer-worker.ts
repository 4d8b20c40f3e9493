/**
 * The site writer's thread (writer.ts): writes each file it is handed as
 * writeFileAtomic does, and folds the search index's text into chunk files.
 * Messages are handled in the order they come; each answers with its size
 * (and the error, if any), the search's end with the chunk files by kind.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { safeJoin, writeFileAtomic } from '../../core/fs.js';
import { SearchChunks } from './search.js';
import type { WriterMessage } from './writer.js';

const { siteDir } = workerData as { siteDir: string };
const failure = (e: unknown) => ({ message: (e as Error)?.message, code: (e as NodeJS.ErrnoException)?.code });
let chunks: SearchChunks | undefined;

parentPort!.on('message', (message: WriterMessage) => {
  if (message.searchFinish) {
    try {
      parentPort!.postMessage({ chunks: chunks ? [...chunks.finish()] : [] });
    } catch (e) {
      parentPort!.postMessage({ chunks: [], error: failure(e) });
    }
    return;
  }
  try {
    if (message.search) {
      chunks ??= new SearchChunks((file, data) => writeFileAtomic(safeJoin(siteDir, file), data));
      chunks.add(message.search.kind, message.search.name, message.search.entries);
    } else writeFileAtomic(message.path!, message.data!);
    parentPort!.postMessage({ size: message.size });
  } catch (e) {
    parentPort!.postMessage({ size: message.size, error: failure(e) });
  }
});
