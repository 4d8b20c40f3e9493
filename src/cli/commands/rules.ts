/** `qingdan rules [id]`: the rules with their one-line descriptions, or one rule's doc. */
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findRule, rules } from '../../rules/index.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../exit.js';

const docsDir = fileURLToPath(new URL('../../../docs/rules/', import.meta.url));

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('rules')
    .description('列出检查规则，或显示一条规则的说明 / list the rules, or show one rule’s documentation')
    .argument('[id]', '规则标识 / rule id')
    .action((id: string | undefined) => {
      const lang = ctx.lang();
      if (!id) {
        const width = Math.max(...rules.map((r) => r.meta.id.length));
        for (const r of rules) {
          ctx.io.stdout.write(`${r.meta.id.padEnd(width)}  ${r.meta.defaultSeverity.padEnd(7)}  ${r.meta.description[lang]}\n`);
        }
        return;
      }
      const rule = findRule(id);
      if (!rule) throw new UsageError(lang === 'en' ? `no rule "${id}"; see qingdan rules` : `没有规则“${id}”，可用 qingdan rules 查看`);
      const doc = `${docsDir}${id}.md`;
      ctx.io.stdout.write(existsSync(doc) ? readFileSync(doc, 'utf8') : `# ${id}\n\n${rule.meta.description[lang]}\n`);
    });
}
