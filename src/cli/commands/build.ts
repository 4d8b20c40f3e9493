/**
 * `qingdan build [paths…]`: validate and check the lists, then publish them:
 * the Excel attachments, open data (CSV, JSON) and the site, with a manifest.
 * A tree with errors is not published unless --force, which marks every
 * output 草稿 (draft).
 */
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkCatalog } from '../../check/index.js';
import { renderMessage } from '../../core/messages.js';
import { compileInParallel } from '../../pipeline.js';
import { addCompileOptions, compileOptions, type CompileFlags } from '../compile-options.js';
import { report, sourcesOf, type CommandContext } from '../context.js';
import { EXIT_FINDINGS, EXIT_USAGE, exitCodeFor, UsageError } from '../exit.js';

interface BuildCommandOptions extends CompileFlags {
  out: string;
  config?: string;
  force?: boolean;
  by?: 'department';
  sheetRows?: number;
  templates?: string;
  quiet?: boolean;
}

function byOption(value: string): 'department' {
  if (value === 'department') return value;
  throw new UsageError(`--by: department (${value})`);
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--sheet-rows: a positive integer (${value})`);
  return n;
}

export function register(program: Command, ctx: CommandContext): void {
  const command = program
    .command('build')
    .description('校验、检查并发布清单：Excel 附件、开放数据（CSV/JSON）、网站与清单文件 manifest.json / build the publications')
    .argument('[paths...]', '清单文件或目录 / list files or folders', ['lists'])
    .option('-o, --out <dir>', '输出目录 / output folder', 'dist')
    .option('-c, --config <file>', '配置文件 / configuration file')
    .option('--force', '有错误也生成，所有输出标注“草稿” / build despite errors, every output marked draft')
    .option('--by <grouping>', '另按部门分别生成工作簿 / also one workbook per department: department', byOption)
    .option('--sheet-rows <n>', '每个工作表最多的表格行数 / table rows per sheet', positiveInteger)
    .option('--templates <dir>', '网站模板目录，覆盖同名内置模板 / site templates overriding the built-in ones')
    .option('-q, --quiet', '不显示进度 / no progress');
  addCompileOptions(command).action(async (paths: string[], options: BuildCommandOptions) => {
    const cwd = ctx.io.cwd;
    // The emitters (exceljs, Handlebars) are loaded by the commands that publish, not by every command.
    const { build, BuildError, buildTimestamp } = await import('../../emit/build.js');
    const catalog = await compileInParallel(compileOptions(paths, cwd, options.config, options));
    const diagnostics = [...catalog.diagnostics, ...checkCatalog(catalog)];
    const sources = sourcesOf(catalog);
    const outcome = exitCodeFor(diagnostics);
    if (outcome === EXIT_USAGE || (outcome === EXIT_FINDINGS && !options.force)) {
      report(ctx, 'build', diagnostics, sources, 'stylish');
      return;
    }
    const draft = outcome === EXIT_FINDINGS;
    // Warnings, or errors when forced, are shown; waived findings are for `qingdan check`.
    const active = diagnostics.filter((d) => !d.waived);
    if (active.length > 0) report(draft ? { ...ctx, setExit: () => {} } : ctx, 'build', active, sources, 'stylish');

    const lang = ctx.lang();
    const progress = progressLine(ctx, options.quiet === true);
    try {
      const result = await build(catalog, {
        out: options.out,
        draft,
        diagnostics,
        timestamp: buildTimestamp(catalog.config, ctx.io.env),
        sources: paths,
        sourceDir: listsFolder(paths[0] ?? '.', cwd),
        version: ctx.version,
        options: { by: options.by, sheetRows: options.sheetRows, templates: options.templates, lang },
        progress: progress.update,
      });
      progress.done();
      const count = result.manifest.artifacts.length + 1;
      const out = options.out;
      ctx.io.stdout.write(renderMessage('build', 'summary', { count, out, draft: draft ? renderMessage('build', 'draft', {}, lang) : '' }, lang) + '\n');
    } catch (e) {
      progress.done();
      if (!(e instanceof BuildError)) throw e;
      ctx.io.stderr.write(`qingdan build: ${renderMessage('build', e.messageId, e.data, lang)}\n`);
      if (ctx.debug() && e.cause instanceof Error) ctx.io.stderr.write(`${e.cause.stack ?? ''}\n`);
      ctx.setExit(EXIT_USAGE);
    }
  });
}

/** The folder the lists are in (for the git commit): the first path, or the folder of a file. */
function listsFolder(path: string, cwd: string): string {
  const abs = resolve(cwd, path);
  try {
    return statSync(abs).isDirectory() ? abs : dirname(abs);
  } catch {
    return existsSync(dirname(abs)) ? dirname(abs) : cwd;
  }
}

/** One line of progress on a terminal's stderr, redrawn at most ten times a second. */
function progressLine(ctx: CommandContext, quiet: boolean): { update(message: string): void; done(): void } {
  if (quiet || !ctx.io.stderr.isTTY) return { update() {}, done() {} };
  let last = 0;
  let shown = false;
  return {
    update(message) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      ctx.io.stderr.write(`\r\x1b[K${message}`);
    },
    done() {
      if (shown) ctx.io.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}
