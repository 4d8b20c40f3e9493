/**
 * `qingdan import <file.xlsx|file.csv> --kind <kind>`: today's spreadsheet into
 * a list file. Problems are reported on stderr at their cell (Sheet1!12:F), so
 * that `--dry-run` prints only the YAML on stdout. Rows with problems are
 * written as typed, and the command exits 1.
 */
import { existsSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { findConfig, loadConfig } from '../../config/load.js';
import { terminalText } from '../../core/codeframe.js';
import { writeFileAtomic } from '../../core/fs.js';
import { ui } from '../../core/messages.js';
import type { CsvEncoding } from '../../import/csv.js';
import type { ImportProblem } from '../../import/index.js';
import { report, type CommandContext } from '../context.js';
import { EXIT_FINDINGS, EXIT_USAGE, UsageError } from '../exit.js';
import { writeFailure } from '../write.js';

interface ImportOptions {
  kind: string;
  out?: string;
  department?: string;
  force?: boolean;
  dryRun?: boolean;
  encoding?: CsvEncoding;
  sheet?: string;
  config?: string;
}

const T = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'info' },
  written: { zh: '已导入 {count} 个条目 → {out}（工作表“{sheet}”）', en: 'Imported {count} entries → {out} (sheet "{sheet}")' },
  dryRun: { zh: '试运行：{count} 个条目（工作表“{sheet}”），没有写入文件', en: 'Dry run: {count} entries (sheet "{sheet}"), nothing written' },
  counts: { zh: '{errors} 个错误，{warnings} 个警告', en: '{errors} error(s), {warnings} warning(s)' },
  notWritten: { zh: '没有写入文件。', en: 'Nothing was written.' },
  exists: { zh: '{out} 已存在；加 --force 覆盖，或用 --out 另选文件。', en: '{out} exists; add --force to overwrite it, or choose another file with --out.' },
  notFound: { zh: '找不到文件 {file}', en: 'File not found: {file}' },
  unsupported: { zh: '不支持的文件类型“{ext}”：请另存为 .xlsx 或 .csv。', en: 'Unsupported file type "{ext}": save it as .xlsx or .csv.' },
  unreadable: { zh: '无法读取 {file}：{reason}', en: 'Cannot read {file}: {reason}' },
  noSheet: { zh: '没有名为“{sheet}”的工作表。工作表：{sheets}', en: 'No sheet named "{sheet}". Sheets: {sheets}' },
  noDepartment: { zh: '{kind}没有“实施部门”字段，不能使用 --department。', en: '{kind} has no department field: --department does not apply.' },
};

function encodingOption(value: string): CsvEncoding {
  const v = value.toLowerCase();
  if (v === 'utf-8' || v === 'utf8') return 'utf-8';
  if (v === 'gb18030' || v === 'gbk' || v === 'gb2312') return 'gb18030';
  throw new UsageError(`--encoding: utf-8 | gb18030 (${value})`);
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('import')
    .description('把现有的 Excel/CSV 清单导入为 YAML 清单文件 / import a spreadsheet (xlsx, csv) into a list file')
    .argument('<file>', 'xlsx 或 csv 文件 / the spreadsheet')
    .requiredOption('-k, --kind <kind>', '清单种类 / list kind')
    .option('-o, --out <file>', '输出文件（默认 lists/imported/<文件名>.yaml） / output file')
    .option('--department <id>', '文件级默认实施部门 / file-level default department')
    .option('--force', '覆盖已存在的输出文件 / overwrite an existing output file')
    .option('--dry-run', '只打印将写入的 YAML，不写文件 / print the YAML, write nothing')
    .option('--encoding <encoding>', 'CSV 编码 / CSV encoding: utf-8 | gb18030（默认自动识别 / detected）', encodingOption)
    .option('--sheet <name>', '工作表名称（默认自动选择） / sheet name (default: the best match)')
    .option('-c, --config <file>', '配置文件 / configuration file')
    .action((file: string, options: ImportOptions) => runImport(ctx, file, options));
}

async function runImport(ctx: CommandContext, file: string, options: ImportOptions): Promise<void> {
  // Loaded when import runs (with exceljs): the other commands do not pay for them.
  const [{ importFile }, importing, { UnsupportedFileError }] = await Promise.all([import('../../import/file.js'), import('../../import/index.js'), import('../../import/read.js')]);
  const { cwd } = ctx.io;
  const lang = ctx.lang();
  const configPath = options.config ?? findConfig(['lists'], cwd);
  const { config, kinds, diagnostics } = loadConfig(configPath, cwd, options.config !== undefined);
  if (diagnostics.length > 0) {
    report(ctx, 'import', diagnostics, new Map(), 'stylish');
    return;
  }
  const kind = kinds.get(options.kind);
  if (!kind) throw new UsageError(`--kind: ${kinds.names.join(' | ')} (${options.kind})`);
  const input = resolve(cwd, file);
  if (!existsSync(input)) throw new UsageError(ui(lang, T.notFound, { file }));
  const out = options.out ? resolve(cwd, options.out) : join(cwd, 'lists', 'imported', `${basename(input, extname(input))}.yaml`);
  const shownOut = relative(cwd, out) || out;
  // Early, to say so before reading the spreadsheet; the write itself refuses a file created since (exclusive).
  if (!options.dryRun && !options.force && existsSync(out)) throw new UsageError(ui(lang, T.exists, { out: shownOut }));
  let department: Record<string, unknown> | undefined;
  if (options.department !== undefined) {
    department = importing.departmentDefault(kind, options.department);
    if (!department) throw new UsageError(ui(lang, T.noDepartment, { kind: lang === 'en' ? kind.titleEn : kind.title }));
  }

  let outcome;
  try {
    outcome = await importFile({ path: input, kind, config, department, sheet: options.sheet, encoding: options.encoding });
  } catch (e) {
    if (e instanceof UnsupportedFileError) throw new UsageError(ui(lang, T.unsupported, { ext: e.message }));
    throw new UsageError(ui(lang, T.unreadable, { file, reason: (e as Error).message }));
  }
  if (!outcome.ok) {
    if (outcome.reason === 'sheet-not-found') throw new UsageError(ui(lang, T.noSheet, { sheet: options.sheet ?? '', sheets: outcome.sheets.join('、') }));
    printProblems(ctx, outcome.problems, importing);
    ctx.setExit(EXIT_USAGE);
    return;
  }
  const { result, yaml } = outcome;
  printProblems(ctx, result.problems, importing);
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const warnings = result.problems.filter((p) => p.severity === 'warning').length;
  const counts = (lang === 'en' ? '; ' : '；') + ui(lang, T.counts, { errors, warnings });
  if (yaml === undefined) {
    ctx.io.stderr.write(`${ui(lang, T.notWritten)}\n`);
  } else if (options.dryRun) {
    ctx.io.stdout.write(yaml);
    ctx.io.stderr.write(`${ui(lang, T.dryRun, { count: result.entries.length, sheet: result.sheet })}${counts}\n`);
  } else {
    try {
      writeFileAtomic(out, yaml, { exclusive: !options.force });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(ui(lang, T.exists, { out: shownOut }));
      throw writeFailure(lang, shownOut, e);
    }
    ctx.io.stderr.write(`${ui(lang, T.written, { count: result.entries.length, out: shownOut, sheet: result.sheet })}${counts}\n`);
  }
  if (errors > 0) ctx.setExit(EXIT_FINDINGS);
}

function printProblems(ctx: CommandContext, problems: readonly ImportProblem[], { formatCellRef, problemMessage }: typeof import('../../import/index.js')): void {
  const lang = ctx.lang();
  for (const p of problems) {
    ctx.io.stderr.write(`${terminalText(formatCellRef(p.where))}  ${ui(lang, T[p.severity])}  ${terminalText(problemMessage(p, lang))}\n`);
  }
}
