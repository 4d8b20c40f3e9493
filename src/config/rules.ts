/**
 * The `rules:` section of the configuration against the rules themselves.
 * The configuration's schema knows only a setting's form; without this, a rule
 * id with a typo (`near-duplicte: off`) would be accepted and do nothing, and
 * an option the rule does not accept (`threshold: 0.3`, below near-duplicate's
 * 0.5) would leave the rule on its default without a word. Both are
 * configuration errors, at the key or value in the file.
 *
 * A rule's options are checked against its `meta.options` schema with the same
 * ajv as the configuration, their errors joining the configuration's (under
 * /rules/<id>/options) so that they are located and reported the same way.
 * Only the options the configuration gives are compiled: most configurations
 * set none, and every command reads the configuration.
 */
import type { ErrorObject } from 'ajv';
import { fromPointer, makeDiagnostic, toPointer, type Diagnostic, type MessageData } from '../core/diagnostics.js';
import { registerMessages } from '../core/messages.js';
import { closest, suggestionData } from '../core/suggest.js';
import type { JsonSchemaObject } from '../kinds/index.js';
import type { DataPath, SourceFile } from '../load/source.js';
import { rules as builtinRules } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import { compileSchema } from '../validate/ajv.js';
import { TYPE_WORDS } from '../validate/index.js';

registerMessages('config', {
  'unknown-rule': {
    zh: '没有名为“{rule}”的规则{suggestion}，此设置不起作用。运行 qingdan rules 可查看全部规则。',
    en: 'There is no rule "{rule}"{suggestion}; this setting has no effect. Run qingdan rules to list the rules.',
  },
  'bad-severity': {
    zh: '规则“{rule}”的级别“{value}”无效，应为 off、info、warning 或 error。',
    en: 'Rule "{rule}": severity "{value}" is not one of off, info, warning, error.',
  },
  'unknown-option': {
    zh: '规则“{rule}”没有选项“{option}”{suggestion}。{options}',
    en: 'Rule "{rule}" has no option "{option}"{suggestion}. {options}',
  },
  'bad-option': {
    zh: '规则“{rule}”的选项“{option}”不能为 {value}，应为{allowed}。',
    en: 'Rule "{rule}": option "{option}" cannot be {value}; it must be {allowed}.',
  },
});

/** The options of a rule that takes none: any option given is unknown. */
export const NO_OPTIONS: JsonSchemaObject = { type: 'object', additionalProperties: false, properties: {} };

/** The rules a configuration may set: the built-in ones and those the command is given (CheckOptions.rules), by id. */
export function knownRules(extra: readonly Rule[] = []): Map<string, Rule> {
  return new Map([...builtinRules, ...extra].map((r) => [r.meta.id, r]));
}

/** The `rules:` mapping of a raw configuration, if it is one. */
export function ruleSettings(raw: Record<string, unknown>): Record<string, unknown> | undefined {
  const rules = raw.rules;
  return isMapping(rules) ? rules : undefined;
}

/** A setting's id that names no rule, at its key, with the closest rule id when one is close. */
export function unknownRules(settings: Record<string, unknown>, known: ReadonlyMap<string, Rule>, source: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const id of Object.keys(settings)) {
    if (known.has(id)) continue;
    const guess = closest(id, known.keys());
    out.push(makeDiagnostic('config', 'unknown-rule', { rule: id, ...suggestionData(guess) }, source.locate(['rules', id], 'key')));
  }
  return out;
}

/**
 * The errors of each rule's options against its schema, as errors of the
 * configuration (instancePath under /rules/<id>/options). Options that are
 * not a mapping are the configuration schema's to report.
 */
export function ruleOptionErrors(settings: Record<string, unknown>, known: ReadonlyMap<string, Rule>): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const [id, setting] of Object.entries(settings)) {
    const rule = known.get(id);
    const options = isMapping(setting) ? setting.options : undefined;
    if (!rule || !isMapping(options)) continue;
    // A custom rule's options schema is its author's: checked against the meta-schema.
    const validate = compileSchema(rule.meta.options ?? NO_OPTIONS, { user: !builtinRules.includes(rule) });
    if (validate(options)) continue;
    const prefix = toPointer(['rules', id, 'options']);
    for (const err of validate.errors ?? []) out.push({ ...err, instancePath: prefix + err.instancePath });
  }
  return out;
}

/**
 * The settings that take effect: those of known rules, less what was reported
 * wrong. Bad options cost the options only (the rule keeps its severity and
 * runs with its defaults); any other error in a setting costs the setting.
 * The run still fails on the errors; this keeps the rest of the configuration
 * (custom kinds above all) in force, so that one slip is one message.
 */
export function effectiveRuleSettings(settings: Record<string, unknown>, known: ReadonlyMap<string, Rule>, errors: readonly ErrorObject[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, setting] of Object.entries(settings)) {
    if (!known.has(id)) continue;
    const at = toPointer(['rules', id]);
    const own = errors.filter((e) => e.instancePath === at || e.instancePath.startsWith(at + '/'));
    if (own.length === 0) out[id] = setting;
    else if (isMapping(setting) && own.every((e) => e.instancePath.startsWith(at + '/options'))) {
      const { options: _dropped, ...rest } = setting;
      out[id] = rest;
    }
  }
  return out;
}

/** Is an error of the configuration within the setting of a rule that does not exist? */
export function ofUnknownRule(err: ErrorObject, known: ReadonlyMap<string, Rule>): boolean {
  const path = fromPointer(err.instancePath);
  return path[0] === 'rules' && path.length >= 2 && !known.has(path[1]!);
}

/** Is an error of the configuration within one rule's setting (so that the rest of the configuration stands)? */
export function inRuleSetting(err: ErrorObject): boolean {
  return /^\/rules\/[^/]+/.test(err.instancePath);
}

/**
 * Is a diagnostic about a rule's setting? Such a problem leaves the lists and
 * the rest of the configuration as they are (`qingdan diff` still compares).
 */
export function isRuleSettingProblem(d: Diagnostic): boolean {
  return d.ruleId === 'config' && (d.location?.pointer ?? '').startsWith('/rules/');
}

/**
 * The diagnostic of an error in a rule's setting, in words of the rule and
 * its options; undefined for errors this does not word (the configuration's
 * generic message then says it).
 */
export function ruleSettingProblem(err: ErrorObject, path: DataPath, source: SourceFile): Diagnostic | undefined {
  if (path[0] !== 'rules' || path.length < 2) return undefined;
  const rule = String(path[1]);
  if (err.keyword === 'enum' && (path.length === 2 || (path.length === 3 && path[2] === 'severity'))) {
    return makeDiagnostic('config', 'bad-severity', { rule, value: String(err.data) }, source.locate(path));
  }
  if (path[2] !== 'options') return undefined;
  if (path.length === 3 && err.keyword === 'additionalProperties') {
    const option = (err.params as { additionalProperty: string }).additionalProperty;
    const names = Object.keys((err.parentSchema as JsonSchemaObject | undefined)?.properties ?? {});
    const guess = closest(option, names);
    const data: MessageData = {
      rule,
      option,
      ...suggestionData(guess),
      options: names.length > 0 ? `可用选项：${names.join('、')}。` : '该规则没有选项。',
      options_en: names.length > 0 ? `Its options: ${names.join(', ')}.` : 'It takes no options.',
    };
    return makeDiagnostic('config', 'unknown-option', data, source.locate([...path, option], 'key'));
  }
  if (path.length < 4) return undefined;
  const [allowed, allowedEn] = allowedWords((err.parentSchema ?? {}) as JsonSchemaObject, err);
  const value = valueWords(err.data);
  return makeDiagnostic(
    'config',
    'bad-option',
    { rule, option: path.slice(3).join('.'), value: value[0], value_en: value[1], allowed, allowed_en: allowedEn },
    source.locate(path),
  );
}

/** What the schema of an option allows, in words: “介于 0.5 与 1 之间的数字” / “a number between 0.5 and 1”. */
function allowedWords(schema: JsonSchemaObject, err: ErrorObject): [string, string] {
  const s = schema as Record<string, unknown>;
  // A constraint not worded here is said in ajv's words.
  const worded = ['type', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].includes(err.keyword);
  const more: [string, string] = worded ? ['', ''] : [`（${err.message ?? err.keyword}）`, ` (${err.message ?? err.keyword})`];
  if (Array.isArray(s.enum)) {
    const values = s.enum.map((v) => JSON.stringify(v));
    return [`${values.join('、')} 之一${more[0]}`, `one of ${values.join(', ')}${more[1]}`];
  }
  if ('const' in s) return [JSON.stringify(s.const) + more[0], JSON.stringify(s.const) + more[1]];
  const types = ([] as unknown[]).concat(s.type ?? []).map(String);
  const nouns = types.map((t) => TYPE_WORDS[t] ?? [t, t]);
  const noun: [string, string] = nouns.length > 0 ? [nouns.map((n) => n[0]).join('或'), nouns.map((n) => n[1]).join(' or ')] : ['值', 'a value'];
  const { minimum: min, maximum: max, exclusiveMinimum: above, exclusiveMaximum: below } = s;
  if (min !== undefined && max !== undefined && above === undefined && below === undefined) {
    return [`介于 ${min} 与 ${max} 之间的${noun[0]}${more[0]}`, `${noun[1]} between ${min} and ${max}${more[1]}`];
  }
  const zh: string[] = [];
  const en: string[] = [];
  if (min !== undefined) zh.push(`不小于 ${min}`), en.push(`at least ${min}`);
  if (above !== undefined) zh.push(`大于 ${above}`), en.push(`greater than ${above}`);
  if (max !== undefined) zh.push(`不大于 ${max}`), en.push(`at most ${max}`);
  if (below !== undefined) zh.push(`小于 ${below}`), en.push(`less than ${below}`);
  if (zh.length === 0) return [noun[0] + more[0], noun[1] + more[1]];
  return [`${zh.join('且')} 的${noun[0]}${more[0]}`, `${noun[1]} of ${en.join(' and ')}${more[1]}`];
}

/** A value as the message shows it: numbers as written, text quoted. */
function valueWords(value: unknown): [string, string] {
  if (typeof value === 'string') return [`“${value}”`, `"${value}"`];
  const text = JSON.stringify(value) ?? String(value);
  return [text, text];
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
