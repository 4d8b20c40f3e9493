/**
 * Stage 3, link: the Catalog, the value every later stage shares. Every list
 * loaded, with source positions, indexed by kind and key, with the registries
 * of departments and laws as name directories and every reference of every
 * entry (ids, citations, names in free text) laid out for the rules.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { Entry } from '../core/entry.js';
import { editionDate, type Config } from '../config/index.js';
import type { ReferenceDefinition } from '../kinds/index.js';
import type { Kind, KindRegistry } from '../kinds/registry.js';
import type { DataPath, SourceFile } from '../load/source.js';
import type { ValidatedProject } from '../validate/index.js';
import { parseCitations, type Citation } from './citation.js';
import { departmentDirectory, lawDirectory, type Directory } from './directory.js';
import { departmentMentions } from './mentions.js';
import { foldKey } from '../core/text.js';

/** One reference an entry makes: a department id, a law citation, an item code … */
export interface Reference {
  definition: ReferenceDefinition;
  entry: Entry;
  /** Path of the field value (with the array index for array fields). */
  path: DataPath;
  /** What the user wrote: the id, the name, the citation's title. */
  value: string;
  /** Offsets inside the field's string, for citations and mentions. */
  start?: number;
  end?: number;
  citation?: Citation;
}

/** A kind's reference definition with its field path split once. */
interface ReferenceField {
  definition: ReferenceDefinition;
  field: string[];
  form: string;
}

/** Where an item is listed on the key-supervision list: the entry and the index in its `items`. */
export interface KeyListing {
  entry: Entry;
  index: number;
}

/** The kinds every rule may read besides what it declares (rules/types.ts): the department and law registries. */
export const REGISTRY_KINDS: readonly string[] = ['departments', 'laws'];

export class Catalog {
  readonly config: Config;
  readonly kinds: KindRegistry;
  readonly files: readonly SourceFile[];
  /** Problems found by load and validate. */
  readonly diagnostics: readonly Diagnostic[];
  /** The edition's date: laws are checked as in force on it. */
  readonly date: string;
  readonly departments: Directory;
  readonly laws: Directory;
  readonly cwd: string;
  private readonly byKind = new Map<string, Entry[]>();
  private readonly keyIndex = new Map<string, Map<string, Entry[]>>();
  private readonly referenceFieldCache = new Map<Kind, ReferenceField[]>();
  private readonly citationCache = new Map<string, readonly Citation[]>();
  private readonly validCache = new Map<string, Entry[]>();
  private keyItemIndex: Map<string, KeyListing> | undefined;

  constructor(project: ValidatedProject) {
    this.config = project.config;
    this.kinds = project.kinds;
    this.files = project.files;
    this.diagnostics = project.diagnostics;
    this.cwd = project.cwd;
    this.date = editionDate(project.config);
    for (const kind of project.kinds.all()) {
      this.byKind.set(kind.name, []);
      this.keyIndex.set(kind.name, new Map());
    }
    for (const entry of project.entries) {
      this.byKind.get(entry.kind.name)!.push(entry);
      if (entry.key !== undefined) {
        const index = this.keyIndex.get(entry.kind.name)!;
        const list = index.get(entry.key);
        if (list) list.push(entry);
        else index.set(entry.key, [entry]);
      }
    }
    this.departments = departmentDirectory(this.entries('departments'));
    this.laws = lawDirectory(this.entries('laws'));
  }

  /** Every entry of a kind, in file order (valid or not). */
  entries(kind: string): readonly Entry[] {
    return this.byKind.get(kind) ?? [];
  }

  /** The entries of a kind that passed their schema: what rules look at. */
  valid(kind: string): readonly Entry[] {
    let list = this.validCache.get(kind);
    if (!list) {
      list = this.entries(kind).filter((e) => e.valid);
      this.validCache.set(kind, list);
    }
    return list;
  }

  allEntries(): Entry[] {
    return [...this.byKind.values()].flat();
  }

  /** Entries with this key (more than one means a duplicate). */
  byKey(kind: string, key: string): readonly Entry[] {
    return this.keyIndex.get(kind)?.get(key) ?? [];
  }

  get(kind: string, key: string): Entry | undefined {
    return this.byKey(kind, key)[0];
  }

  /** All keys of a kind, with their entries. */
  keys(kind: string): ReadonlyMap<string, Entry[]> {
    return this.keyIndex.get(kind) ?? new Map();
  }

  /**
   * Every reference the entry makes, one per id, array element, citation or
   * mention: made anew on each call, not kept (a million entries' references
   * would hold hundreds of megabytes); the parsing they need is kept, per
   * distinct text. With `to`, only the references to that kind.
   */
  references(entry: Entry, to?: string): Reference[] {
    const out: Reference[] = [];
    for (const { definition, field, form } of this.referenceFields(entry.kind)) {
      // Only the fields that refer to `to`, when given, are read.
      if (to !== undefined && definition.to !== to) continue;
      let value: unknown = entry.data;
      for (const part of field) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
      if (Array.isArray(value)) value.forEach((v, i) => this.addReferences(out, definition, form, entry, [...field, i], v));
      else this.addReferences(out, definition, form, entry, field, value);
    }
    return out;
  }

  private referenceFields(kind: Kind): ReferenceField[] {
    let fields = this.referenceFieldCache.get(kind);
    if (!fields) {
      fields = kind.references.map((definition) => ({ definition, field: definition.field.split('.'), form: definition.form ?? 'id' }));
      this.referenceFieldCache.set(kind, fields);
    }
    return fields;
  }

  private addReferences(out: Reference[], definition: ReferenceDefinition, form: string, entry: Entry, path: DataPath, v: unknown): void {
    if (typeof v !== 'string' || v === '') return;
    if (form === 'id') out.push({ definition, entry, path, value: v });
    else if (form === 'citation') {
      // Lists repeat their legal bases: each distinct text is parsed once (the citations are read only).
      let citations = this.citationCache.get(v);
      if (!citations) this.citationCache.set(v, (citations = parseCitations(v).citations));
      for (const citation of citations) out.push({ definition, entry, path, value: citation.title, start: citation.start, end: citation.end, citation });
    } else {
      for (const m of departmentMentions(v)) out.push({ definition, entry, path, value: m.text, start: m.start, end: m.end });
    }
  }

  /** The department an entry's field names, if it resolves. */
  department(name: unknown): Entry | undefined {
    return typeof name === 'string' ? this.departments.resolve(name)?.entry : undefined;
  }

  /**
   * A comparison key for a department however it is named: the registry entry
   * it resolves to ('#key'; '#' cannot survive foldKey, so ids and names never
   * collide), else the folded name; undefined for no name at all.
   */
  departmentKey(name: unknown): string | undefined {
    if (typeof name !== 'string' || foldKey(name) === '') return undefined;
    const department = this.department(name);
    return department ? `#${department.key}` : foldKey(name);
  }

  sameDepartment(a: unknown, b: unknown): boolean {
    const ka = this.departmentKey(a);
    return ka !== undefined && ka === this.departmentKey(b);
  }

  /** The items on the key-supervision list, each with where it is first listed. */
  keyItems(): ReadonlyMap<string, KeyListing> {
    if (!this.keyItemIndex) {
      this.keyItemIndex = new Map();
      for (const entry of this.valid('key-supervision')) {
        const items = entry.get('items');
        if (!Array.isArray(items)) continue;
        items.forEach((code: unknown, index) => {
          if (typeof code === 'string' && !this.keyItemIndex!.has(code)) this.keyItemIndex!.set(code, { entry, index });
        });
      }
    }
    return this.keyItemIndex;
  }
}

export function link(project: ValidatedProject): Catalog {
  return new Catalog(project);
}
