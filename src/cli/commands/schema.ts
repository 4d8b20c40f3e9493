/**
 * `qingdan schema`: write the JSON Schemas of every kind (a list file's and an
 * entry's) so that editors complete and check fields as staff type, through a
 * yaml-language-server modeline: `# yaml-language-server: $schema=../schemas/items.schema.json`.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadConfig, findConfig } from '../../config/load.js';
import { writeFileAtomic } from '../../core/fs.js';
import { listFileSchema } from '../../kinds/file-schema.js';
import { report, type CommandContext } from '../context.js';
import { UsageError } from '../exit.js';
import { writeFailure } from '../write.js';

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('schema')
    .description('输出各清单种类的 JSON Schema，供编辑器补全与校验 / write the JSON Schemas for editors')
    .option('-o, --out <dir>', '输出目录 / output folder', 'schemas')
    .option('-k, --kind <kind>', '只把这一种清单的 Schema 打印到标准输出 / print one kind to stdout')
    .option('-c, --config <file>', '配置文件 / configuration file')
    .option('--lists <dir>', '清单目录（用于查找配置） / lists folder (to find the configuration)', 'lists')
    .action((options: { out: string; kind?: string; config?: string; lists: string }) => {
      const cwd = ctx.io.cwd;
      const configPath = options.config ?? findConfig([options.lists], cwd);
      const { kinds, diagnostics } = loadConfig(configPath, cwd, options.config !== undefined);
      if (diagnostics.length > 0) {
        report(ctx, 'schema', diagnostics, new Map(), 'stylish');
        return;
      }
      if (options.kind) {
        const kind = kinds.get(options.kind);
        if (!kind) throw new UsageError(`--kind: ${kinds.names.join(' | ')} (${options.kind})`);
        ctx.io.stdout.write(JSON.stringify(listFileSchema(kind), null, 2) + '\n');
        return;
      }
      const dir = resolve(cwd, options.out);
      for (const kind of kinds.all()) {
        const path = resolve(dir, `${kind.name}.schema.json`);
        try {
          writeFileAtomic(path, JSON.stringify(listFileSchema(kind), null, 2) + '\n');
        } catch (e) {
          throw writeFailure(ctx.lang(), path, e);
        }
        ctx.io.stdout.write(`${path}\n`);
      }
    });
}
