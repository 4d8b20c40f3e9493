/**
 * A worker thread of the compile pool (pool.ts): it takes files from the
 * shared list until none is left, reads, parses and validates each, writes
 * its record to the cache, and sends the record back serialized (the bytes
 * move, they are not copied). Then it exits.
 */
import { workerData } from 'node:worker_threads';
import { Kind, KindRegistry } from '../kinds/registry.js';
import { FileCache } from '../cache/index.js';
import { compileFile, earlierInCache } from './file.js';
import type { FileResult, WorkerSetup } from './pool.js';

const { config, kinds: kindSettings, cache: cacheSetup, files, next, results } = workerData as WorkerSetup;
// The main thread has checked the kind definitions already: build them as they are.
const kinds = new KindRegistry(kindSettings.map((k) => new Kind(k.definition, { builtin: k.builtin, codePattern: k.codePattern })));
const cache = cacheSetup ? new FileCache(cacheSetup.directory, cacheSetup.key) : undefined;
const counter = new Int32Array(next);

for (let index = Atomics.add(counter, 0, 1); index < files.length; index = Atomics.add(counter, 0, 1)) {
  const { path, display } = files[index]!;
  const { record, encoded: body, diagnostics, stamp, source } = compileFile(path, display, kinds, config, cache && earlierInCache(cache, path, display));
  let result: FileResult;
  if (!record || !body) {
    result = { index, diagnostics };
  } else {
    cache?.write(path, display, record.hash, body, stamp, source);
    // A buffer of its own, so that moving it detaches nothing else.
    const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : new Uint8Array(body);
    result = { index, body: own };
  }
  results.postMessage(result, result.body ? [result.body.buffer as ArrayBuffer] : []);
}

