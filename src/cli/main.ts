/**
 * The entry point: `main(argv, io)` → exit code. It takes its I/O as arguments
 * so that tests run the whole CLI in-process; bin/qingdan.js is a thin shell.
 */
import { Command, CommanderError, Option } from 'commander';
import type { Lang } from '../core/messages.js';
import { commands } from './commands/index.js';
import { parseLang, TOOL_VERSION, type CommandContext } from './context.js';
import { EXIT_USAGE, UsageError } from './exit.js';
import type { CliIO } from './io.js';

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode = 0;
  const program = new Command('qingdan');
  const envLang = io.env.QINGDAN_LANG === 'en' ? 'en' : 'zh';
  const ctx: CommandContext = {
    io,
    lang: () => (program.opts().lang as Lang | undefined) ?? envLang,
    debug: () => Boolean(program.opts().debug),
    setExit: (code) => {
      exitCode = Math.max(exitCode, code);
    },
    version: TOOL_VERSION,
  };
  program
    .description('清单编译器：校验、检查并发布事中事后监管清单 / compiler for regulatory lists')
    .version(TOOL_VERSION, '-V, --version')
    .addOption(new Option('--lang <lang>', '消息语言 / message language: zh | en').argParser(parseLang))
    .option('--debug', '出错时显示调用栈 / show stack traces on internal errors')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  for (const register of commands) register(program, ctx);
  for (const sub of program.commands) sub.exitOverride();

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`qingdan: ${e.message}\n`);
      return EXIT_USAGE;
    }
    const err = e as Error;
    io.stderr.write(
      ctx.lang() === 'en'
        ? `qingdan: internal error: ${err?.message ?? String(e)}\n${ctx.debug() ? (err?.stack ?? '') + '\n' : 'Run again with --debug for details, and report it.\n'}`
        : `qingdan：内部错误：${err?.message ?? String(e)}\n${ctx.debug() ? (err?.stack ?? '') + '\n' : '加 --debug 重新运行可查看详情，并请报告此问题。\n'}`,
    );
    return EXIT_USAGE;
  }
  return exitCode;
}
