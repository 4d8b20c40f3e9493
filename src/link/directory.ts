/**
 * Name directories over the registries: a department named by id, full name,
 * short name or alias; a law named by its title or a short title, with or
 * without 中华人民共和国.
 */
import type { Entry } from '../core/entry.js';
import { foldKey } from '../core/text.js';

export type NameForm = 'id' | 'name' | 'short_name' | 'alias' | 'title' | 'short_title';

export interface Resolved {
  entry: Entry;
  form: NameForm;
  /** The canonical way to write it (a department's short name; a law's full title). */
  canonical: string;
}

export class Directory {
  private readonly exact = new Map<string, Resolved>();
  private readonly folded = new Map<string, Resolved>();

  add(name: string | undefined, resolved: Resolved): void {
    if (!name) return;
    if (!this.exact.has(name)) this.exact.set(name, resolved);
    const key = foldKey(name);
    if (key && !this.folded.has(key)) this.folded.set(key, resolved);
  }

  /** Exact match first, then a match after folding width, spaces and punctuation. */
  resolve(name: string): Resolved | undefined {
    return this.exact.get(name) ?? this.folded.get(foldKey(name));
  }

  /** Every name known to the directory (for suggestions). */
  names(): string[] {
    return [...this.exact.keys()];
  }
}

export function departmentDirectory(departments: readonly Entry[]): Directory {
  const dir = new Directory();
  for (const entry of departments) {
    const shortName = entry.getString('short_name') ?? entry.getString('name') ?? '';
    const make = (form: NameForm): Resolved => ({ entry, form, canonical: shortName });
    dir.add(entry.getString('id'), make('id'));
    dir.add(entry.getString('short_name'), make('short_name'));
    dir.add(entry.getString('name'), make('name'));
    const aliases = entry.get('aliases');
    if (Array.isArray(aliases)) for (const a of aliases) if (typeof a === 'string') dir.add(a, make('alias'));
  }
  return dir;
}

const PRC = '中华人民共和国';

export function lawDirectory(laws: readonly Entry[]): Directory {
  const dir = new Directory();
  for (const entry of laws) {
    const title = entry.getString('title') ?? '';
    const make = (form: NameForm): Resolved => ({ entry, form, canonical: title });
    dir.add(title, make('title'));
    const shorts = entry.get('short_titles');
    if (Array.isArray(shorts)) for (const s of shorts) if (typeof s === 'string') dir.add(s, make('short_title'));
    if (title.startsWith(PRC)) dir.add(title.slice(PRC.length), make('short_title'));
  }
  return dir;
}
