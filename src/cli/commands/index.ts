/** Every command, in the order `qingdan --help` lists them. A new command is one file and one line here. */
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import * as validate from './validate.js';
import * as schema from './schema.js';
import * as check from './check.js';
import * as rules from './rules.js';
import * as build from './build.js';
import * as importCommand from './import.js';
import * as diff from './diff.js';
import * as fmt from './fmt.js';

export const commands: ((program: Command, ctx: CommandContext) => void)[] = [validate.register, check.register, rules.register, schema.register, importCommand.register, diff.register, fmt.register, build.register];
