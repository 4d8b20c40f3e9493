/**
 * `qingdan fmt [paths…] [--check]`: rewrite list files in the canonical
 * layout, comments kept. With --check nothing is written: the files that
 * would change are listed and the exit code is 1 (for CI). Files that cannot
 * be parsed are reported, left alone, and also exit 1.
 */
import type { Command } from 'commander';
import { findConfig, loadConfig } from '../../config/load.js';
import { ui } from '../../core/messages.js';
import { formatReport, formatters } from '../../report/index.js';
import { report, type CommandContext } from '../context.js';
import { EXIT_FINDINGS, exitCodeFor } from '../exit.js';

const T = {
  changed: { zh: '已格式化 {file}', en: 'formatted {file}' },
  wouldChange: { zh: '需要格式化 {file}', en: 'would reformat {file}' },
  summary: { zh: '{changed} 个文件已格式化，{unchanged} 个文件无需改动', en: '{changed} file(s) formatted, {unchanged} unchanged' },
  checkSummary: { zh: '{changed} 个文件需要格式化，{unchanged} 个文件格式正确；请运行 qingdan fmt', en: '{changed} file(s) would be reformatted, {unchanged} already formatted; run qingdan fmt' },
  checkClean: { zh: '全部 {unchanged} 个文件格式正确', en: 'All {unchanged} file(s) are formatted' },
};

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('fmt')
    .description('把清单文件整理为统一格式（保留注释） / rewrite list files in the canonical layout, keeping comments')
    .argument('[paths...]', '清单文件或目录 / list files or folders', ['lists'])
    .option('--check', '只检查不写入，有需要格式化的文件时以 1 退出 / write nothing; exit 1 if any file would change')
    .option('-c, --config <file>', '配置文件 / configuration file')
    .action(async (paths: string[], options: { check?: boolean; config?: string }) => {
      // Loaded when fmt runs: the other commands do not pay for it.
      const { formatFiles } = await import('../../fmt/index.js');
      const { cwd } = ctx.io;
      const lang = ctx.lang();
      const configPath = options.config ?? findConfig(paths, cwd);
      const { config, kinds, diagnostics: configProblems } = loadConfig(configPath, cwd, options.config !== undefined);
      if (configProblems.length > 0) {
        report(ctx, 'fmt', configProblems, new Map(), 'stylish');
        return;
      }
      const check = options.check === true;
      const { files, diagnostics } = formatFiles({ paths, cwd, kinds, config, check });
      const changed = files.filter((f) => f.status === 'changed');
      const unchanged = files.filter((f) => f.status === 'unchanged').length;
      for (const f of changed) ctx.io.stdout.write(`${ui(lang, check ? T.wouldChange : T.changed, { file: f.display })}\n`);
      if (diagnostics.length > 0) {
        const sources = new Map<string, string>();
        ctx.io.stderr.write(formatReport(formatters.stylish!, diagnostics, { lang, sources, color: false, command: 'fmt', toolVersion: ctx.version }));
        ctx.setExit(exitCodeFor(diagnostics));
      }
      const summary = check ? (changed.length > 0 ? T.checkSummary : T.checkClean) : T.summary;
      ctx.io.stderr.write(`${ui(lang, summary, { changed: changed.length, unchanged })}\n`);
      if (check && changed.length > 0) ctx.setExit(EXIT_FINDINGS);
    });
}
