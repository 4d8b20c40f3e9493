/**
 * The pipeline, end to end: load → validate → link → check → emit.
 * Commands call these stages; each hands the next a richer, read-only value.
 *
 * `compile` strings the first three together file by file (src/compile):
 * each file is loaded and validated on its own, or taken from the cache when
 * unchanged, then the catalog is linked from all of them.
 * `compileInParallel` does the same with worker threads when they pay off.
 */
import { validateProject } from './validate/index.js';
import { link, type Catalog } from './link/index.js';
import { CompilePool, defaultThreadCount, type FileResult } from './compile/pool.js';
import { ProjectCompilation, type CompileOptions } from './compile/project.js';

export { loadProject } from './load/index.js';
export { validateProject } from './validate/index.js';
export { link } from './link/index.js';
export { ProjectCompilation, type CompileOptions } from './compile/project.js';
export { checkProject } from './check/incremental.js';

/**
 * Below this many bytes of files to compile, `workers: 'auto'` stays in this
 * thread: starting a worker (a thread, the modules, the schemas compiled
 * again) costs more than it saves.
 */
const AUTO_WORKERS_FROM_BYTES = 16 * 1024 * 1024;

/** load → validate → link, in this thread: the Catalog with the diagnostics found on the way. */
export function compile(options: CompileOptions): Catalog {
  const project = new ProjectCompilation(options);
  for (let i = 0; i < project.count; i++) if (!project.lookup(i)) project.compileHere(i);
  return link(validateProject(project.loaded()));
}

/**
 * As compile(), with worker threads: `workers` threads (this one included)
 * take the files that are not in the cache in turn.
 */
export async function compileInParallel(options: CompileOptions): Promise<Catalog> {
  return compileProject(new ProjectCompilation(options), options);
}

/** compileInParallel for a compilation already begun: the files it has are kept. */
export async function compileProject(project: ProjectCompilation, options: CompileOptions): Promise<Catalog> {
  const misses: number[] = [];
  let bytes = 0;
  for (let i = 0; i < project.count; i++) {
    if (project.has(i) || project.lookup(i)) continue;
    misses.push(i);
    bytes += project.size(i);
  }
  const requested = options.workers ?? 'auto';
  const threads = requested !== 'auto' ? requested : bytes >= AUTO_WORKERS_FROM_BYTES ? defaultThreadCount() : 1;
  const pool = threads > 1 ? CompilePool.start(threads - 1, misses.map((i) => project.file(i)), project.config, project.kinds, project.cache) : undefined;
  if (!pool) {
    for (const i of misses) project.compileHere(i);
  } else {
    const settle = (result: FileResult) => project.settle(misses[result.index]!, result);
    for (let k = pool.take(misses.length); k !== undefined; k = pool.take(misses.length)) {
      project.compileHere(misses[k]!);
      for (const result of pool.received()) settle(result);
    }
    for (const result of await pool.drain()) settle(result);
  }
  return link(validateProject(project.loaded()));
}
