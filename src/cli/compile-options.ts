/**
 * The options of every command that compiles the lists: the cache
 * (`--cache`, on by default; `--no-cache`; `--cache-location <dir>`) and the
 * threads that read and validate files (`--workers <n>`, this one included;
 * default auto: one per core, up to 4, once there are 16 MB of files to read).
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { defaultCacheDirectory } from '../cache/index.js';
import type { CompileOptions } from '../pipeline.js';
import { UsageError } from './exit.js';

export interface CompileFlags {
  cache: boolean;
  cacheLocation?: string;
  workers: number | 'auto';
}

function workersOption(value: string): number | 'auto' {
  if (value === 'auto') return value;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--workers: auto | a positive integer (${value})`);
  return n;
}

export function addCompileOptions(command: Command): Command {
  return command
    .option('--cache', '使用缓存，只重新读取改动过的文件 / reuse the results of unchanged files', true)
    .option('--no-cache', '不读也不写缓存 / neither read nor write the cache')
    .option('--cache-location <dir>', '缓存目录（默认 node_modules/.cache/qingdan 或 .qingdan-cache） / cache folder')
    .option('--workers <n>', '读取与校验文件的线程数（含主线程），1 为不另开线程 / threads reading and validating files, this one included (1: no worker threads)', workersOption, 'auto');
}

/** The compile options for the paths given, from the flags. */
export function compileOptions(paths: readonly string[], cwd: string, configPath: string | undefined, flags: CompileFlags): CompileOptions {
  const directory = flags.cacheLocation ? resolve(cwd, flags.cacheLocation) : defaultCacheDirectory(cwd);
  return { paths, cwd, configPath, cache: flags.cache ? { directory } : undefined, workers: flags.workers };
}
