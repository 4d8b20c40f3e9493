/**
 * The kinds in force for one run: the built-in ones and those of the
 * configuration, each turned into a Kind with its entry schema (plus the
 * `waivers` property every entry may carry), its key and its layout resolved.
 */
import type { ColumnDefinition, JsonSchemaObject, KindDefinition, ReferenceDefinition } from './index.js';

export const WAIVERS_PROPERTY = 'waivers';

export const waiversSchema: JsonSchemaObject = {
  title: '豁免',
  description: '对本条目的某条规则结论的书面豁免：规则标识、理由、批准人。',
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['rule', 'reason'],
    properties: {
      rule: { title: '规则', type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
      reason: { title: '理由', type: 'string', minLength: 4 },
      approved_by: { title: '批准人', type: 'string' },
      field: { title: '字段', description: '只豁免该字段上的结论。', type: 'string' },
    },
  },
};

export interface ResolvedColumn extends ColumnDefinition {
  header: string;
  width: number;
}

export class Kind {
  readonly name: string;
  readonly title: string;
  readonly titleEn: string;
  readonly key: readonly string[];
  readonly codeField: string | undefined;
  readonly codePattern: string | undefined;
  readonly sequence: string | undefined;
  readonly references: readonly ReferenceDefinition[];
  readonly columns: readonly ResolvedColumn[];
  /** The schema of one entry, as published by `qingdan schema` and used by validate. */
  readonly entrySchema: JsonSchemaObject;
  readonly builtin: boolean;

  constructor(readonly definition: KindDefinition, options: { builtin: boolean; codePattern?: string }) {
    this.name = definition.name;
    this.title = definition.title;
    this.titleEn = definition.title_en ?? definition.name;
    this.key = definition.key ?? [];
    this.codeField = definition.code_field;
    this.codePattern = options.codePattern ?? definition.code_pattern;
    this.sequence = definition.sequence;
    this.references = definition.references ?? [];
    this.builtin = options.builtin;
    this.entrySchema = {
      ...definition.schema,
      title: definition.schema.title ?? definition.title,
      properties: { ...definition.schema.properties, [WAIVERS_PROPERTY]: waiversSchema },
    };
    this.columns = definition.layout.columns.map((c) => ({
      ...c,
      header: c.header ?? this.fieldTitle(c.field),
      width: c.width ?? 16,
    }));
  }

  /** The schema of a field by dotted path (`approval.type`), through arrays. */
  fieldSchema(path: string | readonly (string | number)[]): JsonSchemaObject | undefined {
    return schemaAt(this.entrySchema, path);
  }

  /**
   * The Chinese label of a field (its schema title), or the key itself. An
   * array element is named after its array: 检查方式第1项.
   */
  fieldTitle(path: string | readonly (string | number)[]): string {
    return titleAt(this.entrySchema, path);
  }

  /** Names of the top-level entry fields (file-level defaults may set any of them). */
  get fieldNames(): string[] {
    return Object.keys(this.entrySchema.properties ?? {});
  }
}

export class KindRegistry {
  private readonly kinds = new Map<string, Kind>();

  constructor(kinds: Iterable<Kind>) {
    for (const k of kinds) this.kinds.set(k.name, k);
  }

  get(name: string): Kind | undefined {
    return this.kinds.get(name);
  }

  has(name: string): boolean {
    return this.kinds.has(name);
  }

  get names(): string[] {
    return [...this.kinds.keys()];
  }

  all(): Kind[] {
    return [...this.kinds.values()];
  }
}

/** The schema at a dotted path (`approval.type`) of a schema, through arrays. */
export function schemaAt(root: JsonSchemaObject, path: string | readonly (string | number)[]): JsonSchemaObject | undefined {
  const parts = typeof path === 'string' ? path.split('.') : path;
  let schema: JsonSchemaObject | undefined = root;
  for (const part of parts) {
    if (!schema) return undefined;
    if (typeof part === 'number' || /^\d+$/.test(part)) {
      schema = schema.items;
      continue;
    }
    schema = schema.properties?.[part];
  }
  return schema;
}

/** The title of the schema at a path, or its last key; an array element is named after its array (检查方式第1项). */
export function titleAt(root: JsonSchemaObject, path: string | readonly (string | number)[]): string {
  const parts = typeof path === 'string' ? path.split('.') : path;
  const last = parts[parts.length - 1];
  if (last !== undefined && (typeof last === 'number' || /^\d+$/.test(last))) {
    return `${titleAt(root, parts.slice(0, -1))}第${Number(last) + 1}项`;
  }
  const schema = schemaAt(root, parts);
  if (schema?.title) return schema.title;
  return String(last ?? '');
}
