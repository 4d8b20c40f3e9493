/**
 * The configuration's `rules:` against the rules themselves: a rule id that
 * names no rule and options a rule does not accept are configuration errors
 * (exit 2) at file:line:column, in 中文 and English, and a valid setting takes
 * effect. Real configuration files in temporary folders, through the CLI.
 */
import { describe, expect, it } from 'vitest';
import { configFromBytes } from '../../src/config/load.js';
import { compile } from '../../src/pipeline.js';
import type { Rule } from '../../src/rules/types.js';
import { runCli } from '../helpers/cli.js';
import { brief, DEPARTMENTS, writeTree } from '../helpers/tree.js';

const item = (code: string, name: string) =>
  `  - { code: '${code}', main_name: 食品经营监督, name: ${name}, action: 行政检查, basis: 《中华人民共和国食品安全法》第一百一十条, level: 区级, department: market }\n`;
// Two names 90% alike: near-duplicate reports them at its default threshold (0.85), not at 0.95.
const ITEMS = `kind: items\nentries:\n${item('12345678901234', '对药品经营者的监督检查')}${item('12345678901235', '对食品经营者的监督检查')}`;

function tree(config: string): string {
  return writeTree({ 'lists/qingdan.config.yaml': config, 'lists/departments.yaml': DEPARTMENTS, 'lists/items.yaml': ITEMS });
}

interface JsonReport {
  diagnostics: { ruleId: string; messageId: string; line: number; column: number; message: string; pointer: string }[];
}

/** `qingdan check` over the tree with this configuration, near-duplicate the only rule (the items are not otherwise complete). */
async function checkJson(config: string, lang = 'zh'): Promise<{ code: number; report: JsonReport }> {
  const r = await runCli(['--lang', lang, 'check', '--format', 'json', '--no-cache', '--rule', 'near-duplicate'], tree(config));
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport };
}

const configProblems = (report: JsonReport) => report.diagnostics.filter((d) => d.ruleId === 'config');

describe('an unknown rule id in the configuration', () => {
  const TYPO = 'edition:\n  title: 测试\nrules:\n  near-duplicte: off\n';

  it('fails the run (exit 2) at the key, with the closest rule and `qingdan rules`, in 中文', async () => {
    const r = await runCli(['check', '--no-cache'], tree(TYPO));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('lists/qingdan.config.yaml:4:3');
    expect(r.stdout).toContain('没有名为“near-duplicte”的规则（是否为“near-duplicate”？），此设置不起作用。运行 qingdan rules 可查看全部规则。');
  });

  it('says so in English with --lang en, and also for validate', async () => {
    const r = await runCli(['--lang', 'en', 'validate', '--no-cache'], tree(TYPO));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('lists/qingdan.config.yaml:4:3');
    expect(r.stdout).toContain('There is no rule "near-duplicte" (did you mean "near-duplicate"?); this setting has no effect. Run qingdan rules to list the rules.');
  });

  it('suggests nothing when no rule is close, and says nothing else of its setting', async () => {
    const { code, report } = await checkJson('rules:\n  completely-made-up: warn\n', 'en');
    expect(code).toBe(2);
    expect(configProblems(report).map((d) => d.message)).toEqual(['There is no rule "completely-made-up"; this setting has no effect. Run qingdan rules to list the rules.']);
  });
});

describe("a rule's options in the configuration", () => {
  it('rejects a threshold below the bound, naming the bound (中文 and English)', async () => {
    const config = 'rules:\n  near-duplicate:\n    options:\n      threshold: 0.3\n';
    const zh = await checkJson(config);
    expect(zh.code).toBe(2);
    expect(configProblems(zh.report)).toMatchObject([
      { messageId: 'bad-option', line: 4, column: 18, pointer: '/rules/near-duplicate/options/threshold', message: '规则“near-duplicate”的选项“threshold”不能为 0.3，应为介于 0.5 与 1 之间的数字。' },
    ]);
    const en = await checkJson(config, 'en');
    expect(configProblems(en.report).map((d) => d.message)).toEqual(['Rule "near-duplicate": option "threshold" cannot be 0.3; it must be a number between 0.5 and 1.']);
  });

  it('says once what a value failing several constraints should be', async () => {
    const { code, report } = await checkJson('rules:\n  sequence: { options: { maxGap: 0.5 } }\n', 'en');
    expect(code).toBe(2);
    expect(configProblems(report).map((d) => d.message)).toEqual(['Rule "sequence": option "maxGap" cannot be 0.5; it must be an integer of at least 1.']);
  });

  it('rejects an unknown option name at its key, with the closest option', async () => {
    const { code, report } = await checkJson('rules:\n  near-duplicate:\n    options:\n      treshold: 0.9\n');
    expect(code).toBe(2);
    expect(configProblems(report)).toMatchObject([
      { messageId: 'unknown-option', line: 4, column: 7, message: '规则“near-duplicate”没有选项“treshold”（是否为“threshold”？）。可用选项：threshold。' },
    ]);
  });

  it('rejects options for a rule that takes none', async () => {
    const { code, report } = await checkJson('rules:\n  stray-whitespace: { options: { strict: true } }\n', 'en');
    expect(code).toBe(2);
    expect(configProblems(report).map((d) => d.message)).toEqual(['Rule "stray-whitespace" has no option "strict". It takes no options.']);
  });

  it('rejects a severity that is none, in one message', async () => {
    const { code, report } = await checkJson('rules:\n  near-duplicate: warn\n', 'en');
    expect(code).toBe(2);
    expect(configProblems(report)).toMatchObject([{ line: 2, column: 19, message: 'Rule "near-duplicate": severity "warn" is not one of off, info, warning, error.' }]);
  });

  it('costs only the bad options: the severity configured and the rest of the configuration stay in force', async () => {
    // Without the severity kept, near-duplicate would report the two items; without the rest, the edition title would be lost.
    const root = tree('edition:\n  title: 测试清单\nrules:\n  near-duplicate: { severity: off, options: { threshold: 0.3 } }\n');
    const catalog = compile({ paths: ['lists'], cwd: root });
    expect(brief(catalog.diagnostics)).toEqual(['config/bad-option lists/qingdan.config.yaml:4:58']);
    expect(catalog.config.edition.title).toBe('测试清单');
    expect(catalog.config.rules['near-duplicate']).toEqual({ severity: 'off' });
    const r = await runCli(['check', '--format', 'json', '--no-cache', '--rule', 'near-duplicate'], root);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as JsonReport).diagnostics.map((d) => d.ruleId)).toEqual(['config']);
  });
});

describe('a valid configuration with options', () => {
  it('reports nothing about the configuration, and the option takes effect', async () => {
    const defaults = await checkJson('edition:\n  title: 测试\n');
    expect(defaults.report.diagnostics.map((d) => `${d.ruleId} ${d.line}`)).toEqual(['near-duplicate 4']);
    const strict = await checkJson('rules:\n  near-duplicate:\n    severity: error\n    options: { threshold: 0.95 }\n  sequence: { options: { maxGap: 5 } }\n');
    expect(strict.code).toBe(0);
    expect(strict.report.diagnostics).toEqual([]);
    const loose = await checkJson('rules:\n  near-duplicate: { severity: error, options: { threshold: 0.5 } }\n');
    expect(loose.code).toBe(1);
    expect(loose.report.diagnostics.map((d) => `${d.ruleId} ${d.line}`)).toEqual(['near-duplicate 4']);
  });
});

describe('rules given to the command besides the built-in ones', () => {
  const custom: Rule = {
    meta: {
      id: 'district-style',
      category: 'text',
      description: { zh: '本区文风', en: 'district style' },
      defaultSeverity: 'warning',
      scope: 'file',
      messages: {},
      options: { type: 'object', additionalProperties: false, properties: { words: { type: 'array', items: { type: 'string' } } } },
    },
    check() {},
  };
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('may be set in the configuration, their options checked against their own schema', () => {
    const good = bytes('rules:\n  district-style: { options: { words: [监管] } }\n');
    expect(configFromBytes(good, 'c.yaml', 'c.yaml').diagnostics.map((d) => d.messageId)).toEqual(['unknown-rule']);
    const given = configFromBytes(good, 'c.yaml', 'c.yaml', [custom]);
    expect(given.diagnostics).toEqual([]);
    expect(given.config.rules['district-style']).toEqual({ options: { words: ['监管'] } });
    const bad = configFromBytes(bytes('rules:\n  district-style: { options: { words: 监管 } }\n'), 'c.yaml', 'c.yaml', [custom]);
    expect(brief(bad.diagnostics)).toEqual(['config/bad-option c.yaml:2:39']);
  });

  it('reach the configuration through compile()', () => {
    const root = writeTree({ 'qingdan.config.yaml': 'rules:\n  district-style: off\n', 'departments.yaml': DEPARTMENTS });
    expect(brief(compile({ paths: ['.'], cwd: root }).diagnostics)).toEqual(['config/unknown-rule qingdan.config.yaml:2:3']);
    expect(compile({ paths: ['.'], cwd: root, rules: [custom] }).diagnostics).toEqual([]);
  });
});

describe('qingdan diff', () => {
  it('still compares an edition whose configuration names a rule since removed', async () => {
    const root = writeTree({
      'old/qingdan.config.yaml': 'rules:\n  retired-rule: off\n',
      'old/departments.yaml': DEPARTMENTS,
      'new/departments.yaml': DEPARTMENTS,
    });
    const r = await runCli(['diff', 'old', 'new'], root);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('没有差异');
  });
});

describe('check --rule', () => {
  it('an id that names no rule is a usage error (exit 2) with the closest rule, in zh and en, not a clean run', async () => {
    const root = tree('edition:\n  title: 测试\n');
    const zh = await runCli(['check', '--no-cache', '--rule', 'near-duplicte'], root);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('没有名为“near-duplicte”的规则（是否为“near-duplicate”？）');
    expect(zh.stdout).toBe('');
    const en = await runCli(['--lang', 'en', 'check', '--no-cache', '--rule', 'near-duplicate', 'xyzzy'], root);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('there is no rule "xyzzy". Run qingdan rules');
    // A known id runs that rule.
    expect((await checkJson('edition:\n  title: 测试\n')).report.diagnostics.map((d) => d.ruleId)).toEqual(['near-duplicate']);
  });
});
