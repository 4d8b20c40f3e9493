/** Helpers for a rule's `scope.reads` (rules/types.ts). */
import type { Kind } from '../kinds/registry.js';

/** The fields read of each kind, by kind name; other kinds are not read. */
export function readsOf(fields: Readonly<Record<string, readonly string[]>>): (kind: Kind) => readonly string[] | undefined {
  return (kind) => (Object.hasOwn(fields, kind.name) ? fields[kind.name] : undefined);
}

/** The top-level fields that hold a kind's references (to kind `to`, when given): what Catalog.references reads. */
export function referenceFields(kind: Kind, to?: string): string[] {
  const definitions = kind.references.filter((d) => to === undefined || d.to === to);
  return [...new Set(definitions.map((definition) => definition.field.split('.')[0]!))];
}
