/**
 * What a build publishes: one attachment per list kind with an attachment
 * number in the configuration (附件N), in that order; with `--by department`
 * also each department's share of every list, under departments/<name>/.
 * With no attachment numbers configured, every list kind but the two
 * registries is published, unnumbered.
 */
import { safeFileName } from '../../core/fs.js';
import type { Entry } from '../../core/entry.js';
import type { Kind } from '../../kinds/registry.js';
import type { Catalog } from '../../link/index.js';
import { attachmentBaseName } from '../names.js';
import { buildTable, type Table } from './table.js';

export interface Publication {
  kind: Kind;
  attachment: number | undefined;
  entries: readonly Entry[];
  /** Output path without extension, relative to the output folder, with forward slashes. */
  base: string;
  /** The department's short name, for a department's share. */
  department?: string;
  /** The title row: jurisdiction, kind title, department, （示例）, （草稿）. */
  title: string;
}

export interface PlanOptions {
  byDepartment?: boolean;
  draft: boolean;
}

const REGISTRIES = new Set(['departments', 'laws']);
/** The fields that name the departments an entry belongs to (not e.g. the approving department). */
const DEPARTMENT_FIELDS = new Set(['department', 'departments']);

export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

export function publishedKinds(catalog: Catalog): { kind: Kind; attachment: number | undefined }[] {
  const numbers = Object.entries(catalog.config.attachments);
  if (numbers.length === 0) {
    return catalog.kinds
      .all()
      .filter((k) => !REGISTRIES.has(k.name) && catalog.entries(k.name).length > 0)
      .map((kind) => ({ kind, attachment: undefined }));
  }
  const unknown = numbers.filter(([name]) => !catalog.kinds.has(name)).map(([name]) => name);
  if (unknown.length > 0) throw new PlanError(`attachments: ${unknown.join(', ')} ∉ ${catalog.kinds.names.join(' | ')}`);
  return numbers
    .sort(([a, x], [b, y]) => x - y || (a < b ? -1 : 1))
    .map(([name, attachment]) => ({ kind: catalog.kinds.get(name)!, attachment }));
}

export function planPublications(catalog: Catalog, options: PlanOptions): Publication[] {
  const edition = catalog.config.edition;
  const suffix = `${edition.sample ? '（示例）' : ''}${options.draft ? '（草稿）' : ''}`;
  const out: Publication[] = [];
  const kinds = publishedKinds(catalog);
  for (const { kind, attachment } of kinds) {
    out.push({
      kind,
      attachment,
      entries: catalog.entries(kind.name),
      base: attachmentBaseName(kind, catalog.config),
      title: `${edition.jurisdiction ?? ''}${kind.title}${suffix}`,
    });
  }
  if (!options.byDepartment) return out;

  const shares = departmentShares(catalog, kinds.map((k) => k.kind).filter((k) => !REGISTRIES.has(k.name)));
  const folders = departmentFolders(catalog, [...shares.keys()]);
  for (const [department, byKind] of shares) {
    for (const { kind, attachment } of kinds) {
      const entries = byKind.get(kind.name);
      if (!entries) continue;
      out.push({
        kind,
        attachment,
        entries,
        department,
        base: `departments/${folders.get(department)!}/${attachmentBaseName(kind, catalog.config)}`,
        title: `${edition.jurisdiction ?? ''}${kind.title}（${department}）${suffix}`,
      });
    }
  }
  return out;
}

/** Department (short name, or the name as written when it does not resolve) → kind → entries. */
function departmentShares(catalog: Catalog, kinds: readonly Kind[]): Map<string, Map<string, Entry[]>> {
  const shares = new Map<string, Map<string, Entry[]>>();
  for (const kind of kinds) {
    for (const entry of catalog.entries(kind.name)) {
      const names = new Set<string>();
      for (const ref of catalog.references(entry)) {
        if (ref.definition.to !== 'departments' || !DEPARTMENT_FIELDS.has(ref.definition.field)) continue;
        const name = catalog.departments.resolve(ref.value)?.canonical ?? ref.value.trim();
        if (name !== '') names.add(name);
      }
      for (const name of names) {
        let byKind = shares.get(name);
        if (!byKind) shares.set(name, (byKind = new Map()));
        const list = byKind.get(kind.name);
        if (list) list.push(entry);
        else byKind.set(kind.name, [entry]);
      }
    }
  }
  return shares;
}

/**
 * A folder name per department, safe on every file system, distinct even
 * when two names clean up to the same text; registry order first, then
 * names that do not resolve, so the result does not depend on list order.
 */
function departmentFolders(catalog: Catalog, names: readonly string[]): Map<string, string> {
  const registryOrder = new Map<string, number>();
  catalog.entries('departments').forEach((e, i) => {
    const short = e.getString('short_name') ?? e.getString('name');
    if (short !== undefined && !registryOrder.has(short)) registryOrder.set(short, i);
  });
  const sorted = [...names].sort((a, b) => {
    const x = registryOrder.get(a) ?? Infinity;
    const y = registryOrder.get(b) ?? Infinity;
    return x !== y ? x - y : a < b ? -1 : a > b ? 1 : 0;
  });
  const folders = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of sorted) {
    const base = safeFileName(name, 'department');
    let folder = base;
    for (let n = 2; taken.has(folder.toLowerCase()); n++) folder = `${base}-${n}`;
    taken.add(folder.toLowerCase());
    folders.set(name, folder);
  }
  return folders;
}

/** The table of a publication: departments named in id fields are published by their short names. */
export function publicationTable(catalog: Catalog, publication: Publication): Table {
  return buildTable(
    publication.kind,
    publication.entries.map((e) => e.data),
    { departmentName: (name) => catalog.departments.resolve(name)?.canonical },
  );
}
