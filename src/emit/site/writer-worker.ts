/**
 * The site writer's thread (writer.ts): writes each file it is handed (its
 * digest taken by the main thread), and folds the search index's text into
 * chunk files, taking their digests. Messages are handled in the order they
 * come; each answers with its size, the chunk files it wrote with their
 * digests (and the error, if any), the search's end with the chunk files by
 * kind.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { safeJoin } from '../../core/fs.js';
import { writeFileDigest, writeWholeFile, type FileDigest } from '../digest.js';
import { SearchChunks } from './search.js';
import type { WorkerMessage, WriterMessage } from './writer.js';

const { siteDir } = workerData as { siteDir: string };
const failure = (e: unknown) => ({ message: (e as Error)?.message, code: (e as NodeJS.ErrnoException)?.code });
let chunks: SearchChunks | undefined;
/** The chunk files written while handling the current message. */
let files: [string, FileDigest][] = [];

function writeChunk(path: string, data: string): void {
  files.push([path, writeFileDigest(path, data)]);
}

function answer(message: WorkerMessage): void {
  parentPort!.postMessage({ ...message, files });
  files = [];
}

parentPort!.on('message', (message: WriterMessage) => {
  if (message.searchFinish) {
    try {
      answer({ chunks: chunks ? [...chunks.finish()] : [] });
    } catch (e) {
      answer({ chunks: [], error: failure(e) });
    }
    return;
  }
  try {
    if (message.search) {
      chunks ??= new SearchChunks((file, data) => writeChunk(safeJoin(siteDir, file), data));
      chunks.add(message.search.kind, message.search.name, message.search.entries);
    } else writeWholeFile(message.path!, message.data!);
    answer({ size: message.size });
  } catch (e) {
    answer({ size: message.size, error: failure(e) });
  }
});
