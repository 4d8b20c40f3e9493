/**
 * The canonical layout of a list file, applied to a yaml Document in place so
 * that comments, which the parser attaches to nodes, move with their node:
 * top-level keys `kind`, then the file-level defaults, then `entries`; the
 * keys of every mapping in schema order, unknown keys after them as written;
 * strings plain unless they need quotes (single quotes then), text with line
 * breaks as a literal block; two-space indentation, sequences indented under
 * their key; no line width (Chinese text has no spaces to wrap at, and one
 * value per line keeps diffs readable). Flow or block style of collections is
 * kept as the author chose it.
 */
import { isMap, isScalar, isSeq, Scalar, visit, type Document, type Node, type Pair, type ToStringOptions, type YAMLMap } from 'yaml';
import type { JsonSchemaObject } from '../kinds/index.js';
import type { KindRegistry } from '../kinds/registry.js';

const CANONICAL_YAML: ToStringOptions = {
  indent: 2,
  indentSeq: true,
  lineWidth: 0,
  minContentWidth: 0,
  singleQuote: true,
  flowCollectionPadding: false,
};

export function canonicalize(doc: Document, kinds: KindRegistry): void {
  const top = doc.contents;
  if (isMap(top)) {
    const declared = top.get('kind');
    const kind = typeof declared === 'string' ? kinds.get(declared) : undefined;
    const fields = kind?.fieldNames ?? [];
    reorder(top, (key) => (key === 'kind' ? -1 : key === 'entries' ? fields.length + 1 : rank(fields, key)));
    for (const pair of top.items) {
      const key = keyOf(pair);
      if (!kind || key === undefined || key === 'kind') continue;
      if (key === 'entries') {
        if (isSeq(pair.value)) for (const entry of pair.value.items) orderBySchema(entry, kind.entrySchema);
      } else orderBySchema(pair.value, kind.fieldSchema(key));
    }
  }
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string') node.type = node.value.includes('\n') ? Scalar.BLOCK_LITERAL : Scalar.PLAIN;
    },
  });
}

export function canonicalText(doc: Document): string {
  return doc.toString(CANONICAL_YAML);
}

function orderBySchema(node: unknown, schema: JsonSchemaObject | undefined): void {
  if (!schema) return;
  if (isMap(node)) {
    const names = Object.keys(schema.properties ?? {});
    reorder(node, (key) => rank(names, key));
    for (const pair of node.items) {
      const key = keyOf(pair);
      if (key !== undefined) orderBySchema(pair.value, schema.properties?.[key]);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) orderBySchema(item, schema.items);
  }
}

/** Position of a key: its index in the schema, unknown keys after all known ones. */
function rank(names: readonly string[], key: string | undefined): number {
  const i = key === undefined ? -1 : names.indexOf(key);
  return i >= 0 ? i : names.length;
}

/**
 * Stable sort of a mapping's pairs. The comment above a mapping's first key
 * (a file's header comment) belongs to the mapping, not to that key: it stays
 * on top when another key moves up. The comment above a key that becomes
 * first goes on the mapping too: yaml writes a key's comment on a list item's
 * `- ` line but reads it back as the item's, so left on the key it would move
 * again on the next run.
 */
function reorder(map: YAMLMap, rankOf: (key: string | undefined) => number): void {
  const before = map.items[0];
  map.items.sort((a, b) => rankOf(keyOf(a)) - rankOf(keyOf(b)));
  const after = map.items[0];
  if (!before || !after || before === after) return;
  const oldKey = before.key as Node | null;
  const newKey = after.key as Node | null;
  if (!isScalar(oldKey) || !isScalar(newKey)) return;
  const comments = [map.commentBefore, oldKey.commentBefore, newKey.commentBefore].filter(Boolean);
  if (comments.length > 0) map.commentBefore = comments.join('\n');
  oldKey.commentBefore = newKey.commentBefore = undefined;
  newKey.spaceBefore = oldKey.spaceBefore;
}

function keyOf(pair: Pair<unknown, unknown>): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : typeof pair.key === 'string' ? pair.key : undefined;
}
