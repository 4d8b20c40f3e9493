/** Find, read and validate the configuration, and build the kinds in force. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { fromPointer, makeDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { registerMessages, renderMessage } from '../core/messages.js';
import { BUILTIN_KIND_NAMES, kindDefinitionSchema, readBuiltinKindDefinitions, type JsonSchemaObject, type KindDefinition } from '../kinds/index.js';
import { Kind, KindRegistry, schemaAt, titleAt } from '../kinds/registry.js';
import { compileSchema } from '../validate/ajv.js';
import { schemaProblems, type SchemaSubject } from '../validate/index.js';
import { decodeListFile } from '../load/read.js';
import { CONFIG_FILE_NAME, defaultConfig, resolveConfig, type Config } from './index.js';
import { configSchema } from './schema.js';
import { effectiveRuleSettings, inRuleSetting, knownRules, ofUnknownRule, ruleOptionErrors, ruleSettingProblem, ruleSettings, unknownRules } from './rules.js';
import type { Rule } from '../rules/types.js';
import { LineCounter, parseDocument } from 'yaml';
import type { ErrorObject } from 'ajv';
import { SourceFile } from '../load/source.js';

registerMessages('config', {
  'not-found': { zh: '找不到配置文件 {path}', en: 'Configuration file not found: {path}' },
  schema: { zh: '配置无效：{detail}', en: 'Invalid configuration: {detail}' },
  syntax: { zh: '配置文件 YAML 语法错误：{detail}', en: 'YAML syntax error in the configuration: {detail}' },
  'bad-kind': { zh: '自定义清单种类“{kind}”无效：{detail}', en: 'Custom kind "{kind}" is invalid: {detail}' },
  'kind-exists': { zh: '清单种类“{kind}”已存在（内置种类不能重新定义）。', en: 'Kind "{kind}" already exists (built-in kinds cannot be redefined).' },
  'bad-layout': { zh: '清单种类“{kind}”的发布列“{field}”不是它的字段。', en: 'Publication column "{field}" of kind "{kind}" is not one of its fields.' },
});

export interface LoadedConfig {
  config: Config;
  kinds: KindRegistry;
  diagnostics: Diagnostic[];
}

/** Where the configuration is: --config, else the first list folder that has one, else the working directory. */
export function findConfig(paths: readonly string[], cwd: string): string | undefined {
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let dir = abs;
    try {
      if (!statSync(abs).isDirectory()) dir = dirname(abs);
    } catch {
      continue;
    }
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
  }
  const inCwd = join(cwd, CONFIG_FILE_NAME);
  return existsSync(inCwd) ? inCwd : undefined;
}

export function loadConfig(configPath: string | undefined, cwd: string, explicit = false, rules: readonly Rule[] = []): LoadedConfig {
  if (!configPath) {
    const missing = explicit ? [makeDiagnostic('config', 'not-found', { path: String(configPath) }, undefined)] : [];
    const config = defaultConfig();
    const { kinds, diagnostics } = buildKinds(config);
    return { config, kinds, diagnostics: [...missing, ...diagnostics] };
  }
  const abs = resolve(cwd, configPath);
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch {
    const config = defaultConfig();
    const { kinds, diagnostics } = buildKinds(config);
    return { config, kinds, diagnostics: [makeDiagnostic('config', 'not-found', { path: configPath }, undefined), ...diagnostics] };
  }
  return configFromBytes(bytes, abs, relative(cwd, abs) || abs, rules);
}

/**
 * The configuration from the bytes of a file (on disk, or a git revision's):
 * decoded, parsed, validated by its schema, and the kinds it defines built.
 * `rules`: rules besides the built-in ones that the configuration may set
 * (those given to the check, CheckOptions.rules).
 */
export function configFromBytes(bytes: Uint8Array, path: string, display: string, rules: readonly Rule[] = []): LoadedConfig {
  const diagnostics: Diagnostic[] = [];
  let config = defaultConfig();
  let source: SourceFile | undefined;
  const decoded = decodeListFile(bytes);
  if (!decoded.ok) {
    diagnostics.push(makeDiagnostic('file', decoded.messageId, { ...decoded.data, path: display }, { file: display, line: 1, column: 1, endLine: 1, endColumn: 1, pointer: '' }));
  } else {
    const lineCounter = new LineCounter();
    const doc = parseDocument(decoded.text, { lineCounter, uniqueKeys: true, prettyErrors: false });
    source = new SourceFile(path, display, decoded.text, doc, lineCounter);
    for (const e of doc.errors) diagnostics.push(makeDiagnostic('config', 'syntax', { detail: e.message.split('\n')[0] ?? '' }, source.rangeLocation(e.pos[0], e.pos[1])));
    if (doc.errors.length === 0) {
      const raw = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as Record<string, unknown>;
      const validate = compileSchema(configSchema);
      const errors = validate(raw) ? [] : [...(validate.errors ?? [])];
      const known = knownRules(rules);
      const settings = ruleSettings(raw);
      if (settings) {
        diagnostics.push(...unknownRules(settings, known, source));
        errors.push(...ruleOptionErrors(settings, known));
      }
      const said = new Set<string>();
      for (const err of errors) {
        // An if/then/else error only says that a branch failed; the branch's own errors say how. The setting of a
        // rule that does not exist is reported as that (unknownRules), not also for its form.
        if (err.keyword === 'if' || ofUnknownRule(err, known)) continue;
        const at = fromPointer(err.instancePath).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        const d = ruleSettingProblem(err, at, source) ?? configProblem(err, source);
        // A value can fail several keywords (0.5 for an integer of at least 1) that one message already covers.
        const key = `${d.messageId}|${d.location?.pointer}|${JSON.stringify(d.data)}`;
        if (!said.has(key)) diagnostics.push(d);
        said.add(key);
      }
      // What does not fit the schema is not used: the run fails on it all the same, but the rest of the
      // configuration stays in force, so that one slip is one message (with the defaults, custom kinds would be
      // gone and every list of theirs reported too). A rule's bad setting costs that setting (effectiveRuleSettings).
      const kept = withoutErrors(raw, errors.filter((e) => e.keyword !== 'if' && !inRuleSetting(e)));
      if (kept) {
        const resolved = settings ? { ...kept, rules: effectiveRuleSettings(settings, known, errors) } : kept;
        config = resolveConfig(resolved as Partial<Config>, path);
      }
    }
  }
  const { kinds, diagnostics: kindProblems } = buildKinds(config, source);
  return { config, kinds, diagnostics: [...diagnostics, ...kindProblems] };
}

/** The configuration's schema as what schemaProblems words errors of: its titles name the settings. */
const CONFIG_AS_KIND: SchemaSubject['kind'] = {
  name: 'config',
  title: '配置',
  titleEn: 'configuration',
  entrySchema: configSchema as JsonSchemaObject,
  fieldSchema: (path) => schemaAt(configSchema as JsonSchemaObject, path),
  fieldTitle: (path) => titleAt(configSchema as JsonSchemaObject, path),
};

/** An error of the configuration against its schema, in the words the lists' errors get (in 中文 and English). */
function configProblem(err: ErrorObject, source: SourceFile): Diagnostic {
  const [worded] = schemaProblems({ kind: CONFIG_AS_KIND, locate: (path, target) => source.locate(path, target) }, [err]);
  const data = worded!.data;
  return makeDiagnostic(
    'config',
    'schema',
    { detail: renderMessage('schema', worded!.messageId, data, 'zh'), detail_en: renderMessage('schema', worded!.messageId, data, 'en') },
    worded!.location,
  );
}

/**
 * The configuration less what the errors are about: a top-level setting with
 * an error, or one kind definition of `kinds`, is left out (its default
 * applies); undefined when the whole is wrong (not a mapping).
 */
function withoutErrors(raw: Record<string, unknown>, errors: readonly ErrorObject[]): Record<string, unknown> | undefined {
  if (errors.length === 0) return raw;
  const kept: Record<string, unknown> = { ...raw };
  const badKinds = new Set<number>();
  for (const err of errors) {
    const [key, index] = fromPointer(err.instancePath);
    if (key === undefined) {
      // At the top: an unknown setting is left out; anything else is the whole configuration.
      if (err.keyword !== 'additionalProperties') return undefined;
      delete kept[(err.params as { additionalProperty: string }).additionalProperty];
    } else if (key === 'kinds' && index !== undefined && /^\d+$/.test(index) && Array.isArray(raw.kinds)) badKinds.add(Number(index));
    else delete kept[key];
  }
  if (badKinds.size > 0 && Array.isArray(kept.kinds)) kept.kinds = kept.kinds.filter((_, i) => !badKinds.has(i));
  return kept;
}

/** The built-in kinds and the configured ones, through the same definition schema. */
export function buildKinds(config: Config, source?: SourceFile): { kinds: KindRegistry; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const kinds: Kind[] = [];
  const add = (definition: KindDefinition, builtin: boolean, index = -1) => {
    const where = source && index >= 0 ? source.locate(['kinds', index]) : undefined;
    // The built-in kinds are checked by their tests; their schemas are compiled when first used.
    const validateDefinition = builtin ? undefined : compileSchema(kindDefinitionSchema);
    if (validateDefinition && !validateDefinition(definition)) {
      const detail = (validateDefinition.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      diagnostics.push(makeDiagnostic('config', 'bad-kind', { kind: String((definition as { name?: unknown } | undefined)?.name), detail }, where));
      return;
    }
    if (kinds.some((k) => k.name === definition.name)) {
      diagnostics.push(makeDiagnostic('config', 'kind-exists', { kind: definition.name }, where));
      return;
    }
    try {
      if (!builtin) compileSchema(definition.schema, { user: true });
    } catch (e) {
      diagnostics.push(makeDiagnostic('config', 'bad-kind', { kind: definition.name, detail: (e as Error).message }, where));
      return;
    }
    const kind = new Kind(definition, { builtin, codePattern: config.codes[definition.name] });
    for (const c of definition.layout.columns) {
      if (!kind.fieldSchema(c.field)) diagnostics.push(makeDiagnostic('config', 'bad-layout', { kind: definition.name, field: c.field }, where));
    }
    kinds.push(kind);
  };
  const builtins = readBuiltinKindDefinitions();
  for (const name of BUILTIN_KIND_NAMES) {
    const def = builtins.find((d) => d.name === name);
    if (def) add(def, true);
  }
  config.kinds.forEach((def, i) => add(def, false, i));
  return { kinds: new KindRegistry(kinds), diagnostics };
}
