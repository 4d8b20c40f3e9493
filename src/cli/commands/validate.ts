/** `qingdan validate [paths…]`: load and validate, report every problem in one run. */
import type { Command } from 'commander';
import { compileInParallel } from '../../pipeline.js';
import { addCompileOptions, compileOptions, type CompileFlags } from '../compile-options.js';
import { formatOption, report, sourcesOf, type CommandContext } from '../context.js';

export function register(program: Command, ctx: CommandContext): void {
  const command = program
    .command('validate')
    .description('校验清单文件（YAML 语法、清单结构、JSON Schema、法律依据格式） / validate list files')
    .argument('[paths...]', '清单文件或目录 / list files or folders', ['lists'])
    .option('-f, --format <format>', 'stylish | json', formatOption, 'stylish')
    .option('-c, --config <file>', '配置文件 / configuration file');
  addCompileOptions(command).action(async (paths: string[], options: { format: string; config?: string } & CompileFlags) => {
    const catalog = await compileInParallel(compileOptions(paths, ctx.io.cwd, options.config, options));
    report(ctx, 'validate', catalog.diagnostics, sourcesOf(catalog), options.format);
  });
}
