/**
 * near-duplicate: names or contents within one department that differ only
 * slightly (对食品经营者的监督检查 / 对食品经营者监督检查, one character off):
 * likely the same entry written twice. Texts are folded (foldKey), then
 * compared by edit distance, but only within blocks of texts that share a
 * rare character bigram, so the work grows with the number of likely pairs,
 * not with the square of the number of entries. Exact duplicates are left to
 * duplicate-entry.
 */
import { distance } from 'fastest-levenshtein';
import type { Entry } from '../core/entry.js';
import { foldKey } from '../core/text.js';
import type { Kind } from '../kinds/registry.js';
import type { Catalog } from '../link/index.js';
import type { RelatedReport, Rule, RuleContext } from './types.js';

const DEFAULT_THRESHOLD = 0.85;
/**
 * Texts sharing a bigram that more of them share than this are not compared
 * through it: such a bigram is boilerplate (监督, 检查) and tells nothing.
 */
const MAX_BLOCK = 256;

/** The fields compared, by kind; other kinds compare the first of GENERIC_FIELDS they have. */
const COMPARED: Record<string, readonly string[]> = {
  items: ['name'],
  inspections: ['name'],
  leniency: ['violation'],
  'key-supervision': ['name'],
  departments: [],
  laws: [],
};
const GENERIC_FIELDS = ['name', 'title', 'content'];

export const rule: Rule = {
  meta: {
    id: 'near-duplicate',
    category: 'identity',
    description: { zh: '同一部门内名称或内容高度相似的条目', en: 'Entries of one department whose names or contents are nearly the same' },
    defaultSeverity: 'warning',
    messages: {
      near: {
        zh: '{field}“{text}”与“{other}”高度相似（相似度 {similarity}%），可能重复。',
        en: '{field_en} "{text}" is nearly the same as "{other}" ({similarity}% similar); possibly a duplicate.',
      },
      similar: { zh: '相似条目', en: 'similar entry' },
    },
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        threshold: {
          description: '相似度阈值（1 − 编辑距离 / 较长文本长度），默认 0.85。',
          type: 'number',
          minimum: 0.5,
          maximum: 1,
        },
      },
    },
  },
  check({ catalog, options, report }) {
    const threshold = typeof options.threshold === 'number' && options.threshold >= 0.5 && options.threshold <= 1 ? options.threshold : DEFAULT_THRESHOLD;
    for (const kind of catalog.kinds.all()) {
      const fields = comparedFields(kind);
      if (fields.length === 0) continue;
      const byDepartment = new Map<string, Entry[]>();
      for (const entry of catalog.valid(kind.name)) {
        const group = departmentGroup(catalog, kind, entry);
        const list = byDepartment.get(group);
        if (list) list.push(entry);
        else byDepartment.set(group, [entry]);
      }
      for (const field of fields) {
        for (const entries of byDepartment.values()) checkGroup(entries, field, kind, threshold, report);
      }
    }
  },
};

/** Report every entry whose text is near an earlier entry's text (entries in catalog order). */
function checkGroup(entries: readonly Entry[], field: string, kind: Kind, threshold: number, report: RuleContext['report']): void {
  // One representative per distinct folded text: the first entry that has it.
  const firstByText = new Map<string, Entry>();
  for (const entry of entries) {
    const value = entry.getString(field);
    if (value === undefined) continue;
    const folded = foldKey(value);
    if (folded !== '' && !firstByText.has(folded)) firstByText.set(folded, entry);
  }
  const texts = [...firstByText.keys()];
  const owners = [...firstByText.values()];
  const partners = new Map<number, { other: number; similarity: number }[]>();
  for (const pair of nearPairs(texts, threshold)) {
    const list = partners.get(pair.b);
    const partner = { other: pair.a, similarity: pair.similarity };
    if (list) list.push(partner);
    else partners.set(pair.b, [partner]);
  }
  for (const [index, list] of [...partners].sort((x, y) => x[0] - y[0])) {
    list.sort((x, y) => y.similarity - x.similarity || x.other - y.other);
    const entry = owners[index]!;
    const best = list[0]!;
    const related: RelatedReport[] = list.map((p) => ({ entry: owners[p.other]!, field: [field], messageId: 'similar' }));
    report({
      entry,
      field: [field],
      messageId: 'near',
      data: {
        field: kind.fieldTitle(field),
        field_en: field,
        text: entry.getString(field),
        other: owners[best.other]!.getString(field),
        similarity: Math.floor(best.similarity * 100),
      },
      related,
    });
  }
}

export interface NearPair {
  /** Indexes into the texts, a < b. */
  a: number;
  b: number;
  /** 1 − distance / length of the longer text. */
  similarity: number;
}

/**
 * Pairs of distinct texts with similarity ≥ threshold. Blocking by prefix
 * filtering: an edit changes at most two character bigrams, so two texts
 * within k edits share a bigram among the 2k + 1 rarest bigrams of each; only
 * texts sharing such a bigram are compared, and only when their lengths allow
 * it. Blocks larger than maxBlock are skipped (boilerplate bigrams).
 */
export function nearPairs(texts: readonly string[], threshold: number, maxBlock = MAX_BLOCK): NearPair[] {
  const slack = (1 - threshold) / threshold;
  // The most edits a text of this length can be from a similar one (whose length is at most length / threshold).
  const maxEdits = (length: number) => Math.floor(slack * length + 1e-9);

  const grams = texts.map((t) => (maxEdits(t.length) > 0 ? bigrams(t) : []));
  const frequency = new Map<string, number>();
  for (const set of grams) for (const g of set) frequency.set(g, (frequency.get(g) ?? 0) + 1);

  const blocks = new Map<string, number[]>();
  grams.forEach((set, i) => {
    const ordered = set.sort((x, y) => frequency.get(x)! - frequency.get(y)! || (x < y ? -1 : x > y ? 1 : 0));
    const prefix = ordered.slice(0, 2 * maxEdits(texts[i]!.length) + 1);
    for (const g of prefix) {
      const block = blocks.get(g);
      if (block) block.push(i);
      else blocks.set(g, [i]);
    }
  });

  const seen = new Set<number>();
  const out: NearPair[] = [];
  for (const block of blocks.values()) {
    if (block.length < 2 || block.length > maxBlock) continue;
    block.sort((x, y) => texts[x]!.length - texts[y]!.length || x - y);
    for (let p = 0; p < block.length; p++) {
      const short = texts[block[p]!]!;
      for (let q = p + 1; q < block.length; q++) {
        const long = texts[block[q]!]!;
        // Lengths only grow from here on: once the difference alone is too many edits, stop.
        if (long.length - short.length > (1 - threshold) * long.length + 1e-9) break;
        const a = Math.min(block[p]!, block[q]!);
        const b = Math.max(block[p]!, block[q]!);
        const id = a * texts.length + b;
        if (seen.has(id)) continue;
        seen.add(id);
        const d = distance(short, long);
        const similarity = 1 - d / long.length;
        if (d > 0 && similarity >= threshold - 1e-9) out.push({ a, b, similarity });
      }
    }
  }
  return out.sort((x, y) => x.a - y.a || x.b - y.b);
}

/** Distinct bigrams of UTF-16 code units (the units fastest-levenshtein counts edits in). */
function bigrams(text: string): string[] {
  const set = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) set.add(text.slice(i, i + 2));
  return [...set];
}

function comparedFields(kind: Kind): readonly string[] {
  const known = COMPARED[kind.name];
  if (known) return known;
  const field = GENERIC_FIELDS.find((f) => kind.fieldSchema(f)?.type === 'string');
  return field ? [field] : [];
}

/** The department an entry belongs to for comparison: its resolved `department`, or one group for kinds without one. */
function departmentGroup(catalog: Catalog, kind: Kind, entry: Entry): string {
  if (!kind.fieldSchema('department')) return '';
  const name = entry.getString('department') ?? '';
  const department = catalog.department(name);
  return department ? `#${department.key}` : foldKey(name);
}
