/**
 * List kinds are data: each is a JSON Schema for one entry, its key field(s),
 * the fields that refer to other lists, and its publication layout. The
 * built-in kinds are the YAML files beside this module, read through the same
 * definition schema as a jurisdiction's own kinds in its configuration.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import jsyaml from 'js-yaml';

export type ReferenceForm = 'id' | 'citation' | 'text';

export interface ReferenceDefinition {
  /** Dotted path of the field inside an entry (`approval.department`); array fields refer once per element. */
  field: string;
  /** The kind referred to: departments, laws, items … */
  to: string;
  /** id: the value names one entry; citation: legal citations as free text; text: free text that mentions names. */
  form?: ReferenceForm;
}

export interface ColumnDefinition {
  field: string;
  /** Header text; defaults to the field's schema title. */
  header?: string;
  width?: number;
  /** Merge equal consecutive cells vertically (category columns). */
  merge?: boolean;
  /** Upper header over consecutive columns with the same group (two-level headers). */
  group?: string;
}

export interface KindDefinition {
  name: string;
  title: string;
  title_en?: string;
  description?: string;
  /** Fields whose values together identify an entry within the kind. */
  key?: string[];
  /** The field holding the entry's code, checked against the configured pattern. */
  code_field?: string;
  code_pattern?: string;
  /** An explicit 序号 field, checked for repeats, gaps and jumps. */
  sequence?: string;
  references?: ReferenceDefinition[];
  layout: { columns: ColumnDefinition[] };
  schema: JsonSchemaObject;
}

export interface JsonSchemaObject {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchemaObject>;
  items?: JsonSchemaObject;
  required?: string[];
  enum?: unknown[];
  [keyword: string]: unknown;
}

/** The schema of a kind definition, for built-in kinds and configured ones alike. */
export const kindDefinitionSchema: JsonSchemaObject = {
  $id: 'urn:qingdan:schema:kind-definition',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'title', 'layout', 'schema'],
  properties: {
    name: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    title: { type: 'string', minLength: 1 },
    title_en: { type: 'string' },
    description: { type: 'string' },
    key: { type: 'array', items: { type: 'string' } },
    code_field: { type: 'string' },
    code_pattern: { type: 'string', format: 'regex' },
    sequence: { type: 'string' },
    references: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['field', 'to'],
        properties: {
          field: { type: 'string' },
          to: { type: 'string' },
          form: { enum: ['id', 'citation', 'text'] },
        },
      },
    },
    layout: {
      type: 'object',
      additionalProperties: false,
      required: ['columns'],
      properties: {
        columns: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['field'],
            properties: {
              field: { type: 'string' },
              header: { type: 'string' },
              width: { type: 'number', minimum: 1, maximum: 255 },
              merge: { type: 'boolean' },
              group: { type: 'string' },
            },
          },
        },
      },
    },
    schema: {
      type: 'object',
      required: ['type', 'properties'],
      properties: { type: { const: 'object' }, properties: { type: 'object' } },
    },
  },
};

export const BUILTIN_KIND_NAMES = ['departments', 'laws', 'items', 'inspections', 'key-supervision', 'leniency'] as const;

const builtinDir = fileURLToPath(new URL('../../src/kinds/', import.meta.url));
/** The built-in kinds as JSON, written by the build beside this module's build (src/validate/precompile.ts): absent when running from the sources. */
export const BUILTIN_SNAPSHOT = new URL('./builtin-kinds.json', import.meta.url);

let builtins: KindDefinition[] | undefined;

/**
 * The built-in kind definitions: read once per process, and trusted
 * (test/kinds/builtin.test.ts checks that `yaml` reads them as js-yaml does,
 * and that they pass the definition schema, which is why buildKinds does not
 * check them again on every run). Each call gets its own copy. They are
 * taken from the build's JSON snapshot of the YAML files when it was made
 * from these very files (by hash), else read with js-yaml: reading them with
 * js-yaml took 15–20 ms of every run, its code being still cold.
 */
export function readBuiltinKindDefinitions(): KindDefinition[] {
  if (!builtins) {
    let snapshot: string | undefined;
    try {
      snapshot = readFileSync(BUILTIN_SNAPSHOT, 'utf8');
    } catch {
      // Not built: read the YAML.
    }
    builtins = builtinDefinitions(builtinKindFiles(), snapshot);
  }
  return structuredClone(builtins);
}

/** The built-in kinds' YAML files, [name, text], in name order. */
export function builtinKindFiles(): [string, string][] {
  return readdirSync(builtinDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => [f, readFileSync(join(builtinDir, f), 'utf8')]);
}

/** The definitions of the files: from the snapshot when it was made of these files, else parsed. */
export function builtinDefinitions(files: readonly [string, string][], snapshot?: string): KindDefinition[] {
  if (snapshot !== undefined) {
    let made: { hash?: unknown; definitions?: KindDefinition[] } | undefined;
    try {
      made = JSON.parse(snapshot) as typeof made;
    } catch {
      // A damaged snapshot: read the YAML.
    }
    if (made?.hash === filesHash(files) && Array.isArray(made.definitions)) return made.definitions;
  }
  return files.map(([, text]) => jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }) as KindDefinition);
}

/** The snapshot of the files that the build writes: their definitions, and the hash of the files they were read from. */
export function builtinSnapshot(files: readonly [string, string][]): string {
  return `${JSON.stringify({ hash: filesHash(files), definitions: builtinDefinitions(files) })}\n`;
}

function filesHash(files: readonly [string, string][]): string {
  const hash = createHash('sha256');
  for (const [name, text] of files) hash.update(`${name}\u0000${text}\u0000`);
  return hash.digest('hex');
}
