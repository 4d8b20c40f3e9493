/**
 * `qingdan diff <old> <new>`: what changed between two editions, each a folder
 * of lists or a git revision (`HEAD~1`, a tag, `rev:path`). Exits 0 whether or
 * not there are differences, as a report does; with --exit-code, 1 when there
 * are (like git diff). A side that cannot be read whole exits 2.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { editionDate } from '../../config/index.js';
import { writeFileAtomic } from '../../core/fs.js';
import { ui } from '../../core/messages.js';
import { formatReport, formatters } from '../../report/index.js';
import { sourcesOf, type CommandContext } from '../context.js';
import { EXIT_FINDINGS, EXIT_USAGE, UsageError } from '../exit.js';
import { writeFailure } from '../write.js';

const FORMATS = ['text', 'json', 'xlsx', 'html'] as const;
type DiffFormat = (typeof FORMATS)[number];

interface DiffOptions {
  format: DiffFormat;
  out?: string;
  exitCode?: boolean;
  config?: string;
}

const T = {
  notASide: {
    zh: '“{side}”既不是已有的文件或目录，也不是 git 修订版本（如 HEAD~1、v1.0、HEAD:lists）。',
    en: '"{side}" is neither an existing file or folder nor a git revision (e.g. HEAD~1, v1.0, HEAD:lists).',
  },
  blocked: {
    zh: '{side} 中有无法读取的清单文件，比较结果会不完整。请先修正以上问题（qingdan validate）。',
    en: '{side} has list files that cannot be read, so the comparison would be incomplete. Fix the problems above first (qingdan validate).',
  },
  needsOut: { zh: '--format xlsx 需要 --out <文件.xlsx>。', en: '--format xlsx needs --out <file.xlsx>.' },
  written: { zh: '已写入 {out}', en: 'Wrote {out}' },
};

function formatOption(value: string): DiffFormat {
  if ((FORMATS as readonly string[]).includes(value)) return value as DiffFormat;
  throw new UsageError(`--format: ${FORMATS.join(' | ')} (${value})`);
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('diff')
    .description('比较两版清单（目录或 git 版本），输出修订对照表 / compare two editions (folders or git revisions)')
    .argument('<old>', '修订前：目录或 git 版本 / before: folder or git revision')
    .argument('<new>', '修订后：目录或 git 版本 / after: folder or git revision')
    .option('-f, --format <format>', 'text | json | xlsx | html', formatOption, 'text')
    .option('-o, --out <file>', '输出文件（xlsx 必需） / output file (required for xlsx)')
    .option('--exit-code', '有差异时以 1 退出 / exit 1 when there are differences')
    .option('-c, --config <file>', '两边目录共用的配置文件 / configuration for folder sides')
    .action((before: string, after: string, options: DiffOptions) => runDiff(ctx, before, after, options));
}

async function runDiff(ctx: CommandContext, beforeSpec: string, afterSpec: string, options: DiffOptions): Promise<void> {
  const { cwd } = ctx.io;
  const lang = ctx.lang();
  if (options.format === 'xlsx' && !options.out) throw new UsageError(ui(lang, T.needsOut));
  // Loaded when diff runs: the other commands (a check before each commit) do not pay for them.
  const [{ diffCatalogs }, { diffHtml }, { diffJson }, { loadSide, SideError }, { diffText }] = await Promise.all([
    import('../../diff/index.js'),
    import('../../diff/html.js'),
    import('../../diff/json.js'),
    import('../../diff/sides.js'),
    import('../../diff/text.js'),
  ]);
  const load = (spec: string) => {
    try {
      return loadSide(spec, cwd, options.config);
    } catch (e) {
      if (e instanceof SideError) throw new UsageError(ui(lang, T.notASide, { side: spec }));
      throw e;
    }
  };
  const before = load(beforeSpec);
  const after = load(afterSpec);
  for (const side of [before, after]) {
    if (side.blocking.length === 0) continue;
    const text = formatReport(formatters.stylish!, side.blocking, { lang, sources: sourcesOf(side.catalog), color: false, command: 'diff', toolVersion: ctx.version });
    ctx.io.stderr.write(text + ui(lang, T.blocked, { side: side.label }) + '\n');
    ctx.setExit(EXIT_USAGE);
  }
  if (before.blocking.length > 0 || after.blocking.length > 0) return;

  const result = diffCatalogs(before.catalog, after.catalog);
  const labels = { before: before.label, after: after.label };
  const editions = { before: before.catalog.config, after: after.catalog.config };
  const out = options.out ? resolve(cwd, options.out) : undefined;
  try {
    if (options.format === 'xlsx') {
      const timestamp = new Date(`${editionDate(after.catalog.config, ctx.io.env)}T00:00:00Z`);
      const { writeRevisionWorkbook } = await import('../../diff/xlsx.js');
      await writeRevisionWorkbook(out!, result, editions, timestamp);
    } else {
      const text =
        options.format === 'json'
          ? diffJson(result, labels)
          : options.format === 'html'
            ? diffHtml(result, editions)
            : diffText(result, labels, { lang, color: !out && Boolean(ctx.io.stdout.isTTY) && !ctx.io.env.NO_COLOR });
      if (out) writeFileAtomic(out, text);
      else ctx.io.stdout.write(text);
    }
  } catch (e) {
    throw out ? writeFailure(lang, options.out!, e) : e;
  }
  if (out) ctx.io.stderr.write(`${ui(lang, T.written, { out: options.out! })}\n`);
  if (options.exitCode && result.changes.length > 0) ctx.setExit(EXIT_FINDINGS);
}
