/** The JSON Schema of a whole list file of a kind: `kind`, file-level defaults, `entries`. */
import type { JsonSchemaObject } from './index.js';
import type { Kind } from './registry.js';

export function listFileSchema(kind: Kind): JsonSchemaObject {
  const entry = kind.entrySchema;
  const defaults: Record<string, JsonSchemaObject> = {};
  for (const [name, schema] of Object.entries(entry.properties ?? {})) {
    if (name !== 'waivers') defaults[name] = { ...schema, description: `${schema.description ?? ''}（文件级默认值 / file-level default）`.trim() };
  }
  // A required field may be given once at file level instead of on every entry.
  const { required = [], ...entryWithoutRequired } = entry;
  const requiredUnlessDefault = required.map((field) => ({
    if: { required: [field] },
    then: {},
    else: { properties: { entries: { items: { required: [field] } } } },
  }));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:qingdan:schema:${kind.name}`,
    title: kind.title,
    description: `${kind.title}（${kind.titleEn}）清单文件`,
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'entries'],
    properties: {
      kind: { title: '清单种类', const: kind.name },
      ...defaults,
      entries: { title: '条目', type: 'array', items: entryWithoutRequired },
    },
    allOf: requiredUnlessDefault,
  };
}
