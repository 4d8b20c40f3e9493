/** `qingdan check [paths…]`: validate, then every rule over the whole catalog. */
import type { Command } from 'commander';
import type { Severity } from '../../core/diagnostics.js';
import { checkProject } from '../../pipeline.js';
import { addCompileOptions, compileOptions, type CompileFlags } from '../compile-options.js';
import { formatOption, report, type CommandContext } from '../context.js';
import { UsageError } from '../exit.js';
import { knownRules } from '../../config/rules.js';
import { closest, suggestionData } from '../../core/suggest.js';
import { ui, type Lang } from '../../core/messages.js';

const T = {
  unknownRule: {
    zh: '--rule：没有名为“{rule}”的规则{suggestion}。运行 qingdan rules 可查看全部规则。',
    en: '--rule: there is no rule "{rule}"{suggestion}. Run qingdan rules to list the rules.',
  },
};

/** Rule ids of --rule that name no rule: an error, not a check that runs nothing and says all is well. */
function checkRuleIds(ids: readonly string[] | undefined, lang: Lang): void {
  const known = knownRules();
  for (const rule of ids ?? []) {
    if (known.has(rule)) continue;
    const { suggestion, suggestion_en } = suggestionData(closest(rule, known.keys()));
    throw new UsageError(ui(lang, T.unknownRule, { rule, suggestion: lang === 'en' ? suggestion_en : suggestion }));
  }
}

function failOnOption(value: string): Severity {
  if (value === 'error' || value === 'warning' || value === 'info') return value;
  throw new UsageError(`--fail-on: error | warning | info (${value})`);
}

export function register(program: Command, ctx: CommandContext): void {
  const command = program
    .command('check')
    .description('校验并按政策规则检查全部清单（重复、冲突、遗漏） / validate and run every rule over all lists')
    .argument('[paths...]', '清单文件或目录 / list files or folders', ['lists'])
    .option('-f, --format <format>', '输出格式 / report format', formatOption, 'stylish')
    .option('-c, --config <file>', '配置文件 / configuration file')
    .option('--fail-on <severity>', '达到此级别即以 1 退出 / exit 1 at this severity: error | warning | info', failOnOption, 'error')
    .option('--rule <id...>', '只运行这些规则 / run only these rules');
  addCompileOptions(command).action(async (paths: string[], options: { format: string; config?: string; failOn: Severity; rule?: string[] } & CompileFlags) => {
    checkRuleIds(options.rule, ctx.lang());
    const checked = await checkProject({ ...compileOptions(paths, ctx.io.cwd, options.config, options), only: options.rule });
    report(ctx, 'check', checked.diagnostics, checked.sources, options.format, options.failOn);
    checked.keep();
  });
}
