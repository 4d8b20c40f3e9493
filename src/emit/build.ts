/**
 * Publishing a Catalog without ever leaving a half-written dist/ behind.
 *
 * The emitters write into a temporary folder beside the target
 * (dist.tmp-<pid>-<random>); only when all of them and the manifest
 * succeeded is that folder flushed to the disk (every file, then every
 * folder: once, rather than a flush per file as it is written), the old
 * dist/ renamed aside, the new one renamed into place, the renames flushed,
 * and the old one removed. So even a power failure leaves either the old
 * dist/ or the whole new one. A lock file beside the target (dist.lock, created
 * with 'wx') keeps two builds from writing the same folder. A build that was
 * killed leaves its temporary folder and lock behind with its pid in their
 * names; the next build removes them, and puts the previous dist/ back if the
 * kill fell between the two renames.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, parse, relative, resolve, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { syncFolder, syncTree } from '../core/fs.js';
import { stopThreads } from '../core/threads.js';
import { registerMessages } from '../core/messages.js';
import type { Catalog } from '../link/index.js';
import { emitters as defaultEmitters } from './index.js';
import { isBuildOutput, MANIFEST_FILE, writeManifest, type Manifest } from './manifest.js';
import type { Artifact, EmitContext, Emitter } from './types.js';

registerMessages('build', {
  'out-root': { zh: '拒绝输出到根目录 {out}。', en: 'Refusing to write the output to the root folder {out}.' },
  'out-sources': {
    zh: '输出目录 {out} 是清单目录或包含清单目录 {lists}，构建会覆盖清单，已拒绝。',
    en: 'The output folder {out} is or contains the lists folder {lists}; refusing to overwrite the lists.',
  },
  'out-foreign': {
    zh: '输出目录 {out} 已存在，但不是 qingdan 的构建结果（没有 {manifest}），为免误删已拒绝覆盖。请换一个目录，或先移走其中的文件。',
    en: 'The output folder {out} exists but is not a qingdan build (no {manifest}); refusing to replace it. Choose another folder or move its files away.',
  },
  'out-not-folder': { zh: '输出位置 {out} 是文件，不是目录。', en: 'The output {out} is a file, not a folder.' },
  locked: {
    zh: '另一个构建正在写入 {out}（锁文件 {lock}，进程 {pid}）。请等它结束后再试；若确认没有构建在运行，可删除该锁文件。',
    en: 'Another build is writing {out} (lock file {lock}, process {pid}). Try again when it has finished; if no build is running, delete the lock file.',
  },
  failed: {
    zh: '构建失败：{detail}。{out} 保持原样，未写入任何文件。',
    en: 'The build failed: {detail}. {out} is unchanged; nothing was written.',
  },
  summary: { zh: '已写入 {count} 个文件到 {out}{draft}', en: 'Wrote {count} files to {out}{draft}' },
  draft: { zh: '（草稿）', en: ' (draft)' },
});

export type BuildErrorId = 'out-root' | 'out-sources' | 'out-foreign' | 'out-not-folder' | 'locked' | 'failed';

/** A build that could not be done as asked; nothing in the output folder was changed. */
export class BuildError extends Error {
  constructor(
    readonly messageId: BuildErrorId,
    readonly data: Record<string, string | number>,
    options?: { cause?: unknown },
  ) {
    super(`${messageId}: ${JSON.stringify(data)}`, options);
    this.name = 'BuildError';
  }
}

export interface BuildOptions {
  /** The output folder (relative to the catalog's working directory). */
  out: string;
  /** Built with --force over errors: every output is marked 草稿. */
  draft: boolean;
  diagnostics: readonly Diagnostic[];
  timestamp: Date;
  /** Folders or files of lists: the output may not be one of them or contain one. */
  sources: readonly string[];
  /** The lists folder, for the git commit in the manifest. */
  sourceDir: string;
  version: string;
  /** Passed to the emitters: by ('department'), sheetRows, lang. */
  options?: Readonly<Record<string, unknown>>;
  progress?: (message: string) => void;
  /** The emitters to run (default: workbooks, open data, site). */
  emitters?: readonly Emitter[];
  /** How long to wait for another build's lock, in milliseconds. */
  lockTimeout?: number;
}

export interface BuildResult {
  outDir: string;
  manifest: Manifest;
}

/** The fixed time of every file of a build: the edition date, or SOURCE_DATE_EPOCH, or today at 00:00 UTC. */
export function buildTimestamp(config: Config, env: NodeJS.ProcessEnv): Date {
  if (config.edition.date) return new Date(`${config.edition.date}T00:00:00Z`);
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
}

export async function build(catalog: Catalog, options: BuildOptions): Promise<BuildResult> {
  const outDir = resolve(catalog.cwd, options.out);
  checkOutput(outDir, options.sources.map((s) => resolve(catalog.cwd, s)), catalog.cwd);
  mkdirSync(dirname(outDir), { recursive: true });
  const lock = await acquireLock(outDir, options.lockTimeout ?? 3000, catalog.cwd);
  const tmp = `${outDir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const cleanUp = () => {
    try {
      rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 10 });
    } finally {
      lock.release();
    }
  };
  // Ctrl-C or a kill: stop the writer threads, remove what this build wrote (in one synchronous step, so
  // that the main thread writes nothing in between), then die of the same signal, whatever the removal met.
  // A second signal meanwhile kills outright.
  const onSignal = (signal: NodeJS.Signals) => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    void stopThreads().finally(() => {
      try {
        cleanUp();
      } catch {
        // What is left, the next build removes (recoverInterrupted).
      } finally {
        process.kill(process.pid, signal);
      }
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    recoverInterrupted(outDir);
    refuseForeign(outDir, catalog.cwd);
    mkdirSync(tmp);
    let manifest: Manifest;
    try {
      manifest = await emitAll(catalog, tmp, options);
      await syncTree(tmp);
    } catch (e) {
      throw new BuildError('failed', { detail: (e as Error)?.message ?? String(e), out: display(outDir, catalog.cwd) }, { cause: e });
    }
    swapInto(tmp, outDir);
    return { outDir, manifest };
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    cleanUp();
  }
}

/** The emitters, one after the other; work they leave running (the workbooks' thread) is awaited before the manifest. */
async function emitAll(catalog: Catalog, tmp: string, options: BuildOptions): Promise<Manifest> {
  const deferred: { work: Promise<Artifact[]>; stop: () => Promise<void> }[] = [];
  const context: EmitContext = {
    catalog,
    outDir: tmp,
    draft: options.draft,
    diagnostics: options.diagnostics,
    timestamp: options.timestamp,
    options: options.options ?? {},
    progress: options.progress ?? (() => {}),
    defer(work, stop) {
      work.catch(() => {}); // awaited below
      deferred.push({ work, stop });
    },
  };
  const artifacts: Artifact[] = [];
  try {
    for (const emitter of options.emitters ?? defaultEmitters) artifacts.push(...(await emitter.emit(context)));
    for (const { work } of deferred) artifacts.push(...(await work));
  } catch (e) {
    // Nothing may still be writing when the caller removes the temporary folder.
    await Promise.allSettled(deferred.map(({ stop }) => stop()));
    await Promise.allSettled(deferred.map(({ work }) => work));
    throw e;
  }
  return writeManifest(tmp, artifacts, {
    edition: catalog.config.edition,
    date: options.timestamp.toISOString().slice(0, 10),
    draft: options.draft,
    timestamp: options.timestamp,
    diagnostics: options.diagnostics,
    version: options.version,
    sourceDir: options.sourceDir,
  });
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

function checkOutput(outDir: string, sources: readonly string[], cwd: string): void {
  const out = display(outDir, cwd);
  if (outDir === parse(outDir).root) throw new BuildError('out-root', { out: outDir });
  for (const source of sources) {
    if (source === outDir || source.startsWith(outDir.endsWith(sep) ? outDir : outDir + sep)) {
      throw new BuildError('out-sources', { out, lists: display(source, cwd) });
    }
  }
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new BuildError('out-not-folder', { out });
}

/** An existing output folder is replaced only when it is empty or a build of ours. */
function refuseForeign(outDir: string, cwd: string): void {
  if (!existsSync(outDir) || readdirSync(outDir).length === 0) return;
  const manifest = join(outDir, MANIFEST_FILE);
  if (existsSync(manifest) && isBuildOutput(readFileSync(manifest, 'utf8'))) return;
  throw new BuildError('out-foreign', { out: display(outDir, cwd), manifest: MANIFEST_FILE });
}

/**
 * Old dist/ aside, new one into place (its files already on the disk), the
 * renames flushed, old one removed; the old one comes back if the second
 * rename fails.
 */
function swapInto(tmp: string, outDir: string): void {
  let backup: string | undefined;
  if (existsSync(outDir)) {
    backup = `${outDir}.old-${process.pid}-${randomBytes(4).toString('hex')}`;
    renameSync(outDir, backup);
  }
  try {
    renameSync(tmp, outDir);
  } catch (e) {
    if (backup) renameSync(backup, outDir);
    throw e;
  }
  syncFolder(dirname(outDir));
  if (backup) rmSync(backup, { recursive: true, force: true });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What killed builds left beside the output folder: their temporary folders
 * (removed) and, when a kill fell between the two renames of the swap, the
 * previous output set aside (put back, or removed when a newer one is in place).
 */
function recoverInterrupted(outDir: string): void {
  const parent = dirname(outDir);
  const pattern = new RegExp(`^${escapeRegExp(basename(outDir))}\\.(tmp|old)-(\\d+)-[0-9a-f]+$`);
  const leftovers = readdirSync(parent)
    .map((entry) => ({ entry, match: pattern.exec(entry) }))
    .filter((x) => x.match && Number(x.match[2]) !== process.pid && !pidAlive(Number(x.match[2])))
    .sort((a, b) => (a.entry < b.entry ? -1 : 1));
  for (const { entry, match } of leftovers) {
    const path = join(parent, entry);
    if (match![1] === 'old' && !existsSync(outDir)) renameSync(path, outDir);
    else rmSync(path, { recursive: true, force: true });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Lock {
  release(): void;
}

/** dist.lock beside dist/: created with 'wx'; a lock whose process is gone is taken over. */
async function acquireLock(outDir: string, timeout: number, cwd: string): Promise<Lock> {
  const path = `${outDir}.lock`;
  const token = `${process.pid} ${randomBytes(8).toString('hex')}`;
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, `${token}\n`);
      } finally {
        closeSync(fd);
      }
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            if (readFileSync(path, 'utf8').trim() === token) rmSync(path, { force: true });
          } catch {
            // already gone
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let held = '';
    try {
      held = readFileSync(path, 'utf8');
    } catch {
      continue; // released between our open and read
    }
    const pid = Number(held.split(' ')[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !pidAlive(pid)) {
      // Its process is gone: take it over, unless another build did so since we read it.
      try {
        if (readFileSync(path, 'utf8') === held) rmSync(path, { force: true });
      } catch {
        // gone already
      }
      continue;
    }
    if (Date.now() >= deadline) {
      throw new BuildError('locked', { out: display(outDir, cwd), lock: display(path, cwd), pid: Number.isInteger(pid) ? pid : '?' });
    }
    await sleep(100);
  }
}
