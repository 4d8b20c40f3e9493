/**
 * near-duplicate: names or contents within one department that differ only
 * slightly (对食品经营者的监督检查 / 对食品经营者监督检查, one character off):
 * likely the same entry written twice. Texts are folded (foldKey), then
 * compared by edit distance, but only texts that share one of their rarest
 * character bigrams and enough bigrams in all (a similarity join: see
 * nearPairs), so the work grows with the number of likely pairs, not with the
 * square of the number of entries. Exact duplicates are left to
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
    scope: {
      reads: (kind) => {
        const fields = comparedFields(kind);
        return fields.length > 0 ? [...fields, 'department'] : undefined;
      },
      // Texts are compared within a kind and a department (checkGroup).
      partition: (entry, catalog) => (comparedFields(entry.kind).length > 0 ? `${entry.kind.name}\u0001${groupOf(catalog, entry)}` : undefined),
    },
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
    // The configuration's options were checked against meta.options when it was read (src/config/rules.ts);
    // this guard is for options given otherwise (tests, the API).
    const threshold = typeof options.threshold === 'number' && options.threshold >= 0.5 && options.threshold <= 1 ? options.threshold : DEFAULT_THRESHOLD;
    for (const kind of catalog.kinds.all()) {
      const fields = comparedFields(kind);
      if (fields.length === 0) continue;
      const byDepartment = new Map<string, Entry[]>();
      for (const entry of catalog.valid(kind.name)) {
        const group = groupOf(catalog, entry);
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
 * Pairs of distinct texts with similarity ≥ threshold, in order of (a, b). A similarity join with prefix
 * filtering (AllPairs / PPJoin, with Ed-Join's location-based prefixes) over the texts' distinct bigrams of
 * UTF-16 code units (the units fastest-levenshtein counts edits in):
 *
 * - Bigrams are ranked rarest first (ties by code units), one order for all texts. A text of length n is within
 *   k = ⌊slack · n⌋ edits of any text similar to it, and an edit reaches at most two bigrams, so two texts
 *   within k edits share a bigram among the first 2k + 1 of each: that is a text's prefix. A bigram more than
 *   maxBlock texts have in their prefix (its block) is boilerplate (监督, 检查) and finds nothing.
 * - Texts are taken shortest first (ties by index); each looks up the earlier texts sharing a prefix bigram in
 *   an inverted index, then joins it. Lists are cut from the front as the texts grow too long for their first
 *   entries (the length filter); a text found twice is counted once (stamped with the current turn).
 * - A text looks up, and is indexed under, only as much of its prefix as the edits allowed cannot all reach
 *   (bigrams far apart need an edit each; for looking up, the edits a similar shorter text can be away, for
 *   indexing, k): two texts that many edits apart sharing a prefix bigram still share one of those. Texts with
 *   a boilerplate bigram in their prefix look up their whole prefix in an index of whole prefixes instead, which
 *   finds exactly the texts sharing a bigram that is not boilerplate in their prefixes.
 * - Each edit removes at most two distinct bigrams, so texts within d edits share at least
 *   max(|B(s)|, |B(t)|) − 2d bigrams (the count filter), d the most edits a similar pair can be apart. The
 *   shared bigrams are bounded first by 128-bit signatures, then counted (until enough, or too few can follow);
 *   only texts sharing enough are compared by edit distance.
 *
 * The result is exactly what comparing every two texts that share a prefix bigram that is not boilerplate (and
 * pass the length filter) finds. With a maxBlock that no block exceeds and a threshold above 2/3, that is every
 * similar pair; below 2/3, texts of a few characters can be similar without sharing a bigram (甲甲甲 and 甲丙甲
 * at 0.6).
 */
export function nearPairs(texts: readonly string[], threshold: number, maxBlock = MAX_BLOCK): NearPair[] {
  return new SimilarityJoin(texts, new RankedBigrams(texts, threshold), threshold, maxBlock).pairs();
}

const SIGNATURE_WORDS = 4;

/**
 * The texts' bigrams, ranked rarest first (ties by code units) among the texts that can be within an edit of a
 * text similar to them (maxEdits > 0); other texts have none. Text i's are in the slice of the flat arrays from
 * starts[i] to starts[i + 1].
 */
class RankedBigrams {
  readonly lengths: Int32Array;
  /** The most edits a text of this length can be from a similar one (whose length is at most length / threshold). */
  readonly maxEdits: Int32Array;
  readonly starts: Int32Array;
  /** The text's bigrams in text order, as ranks. */
  readonly sequences: Int32Array;
  /** The text's distinct bigrams as ranks, ascending: sizes[i] of them from starts[i]. */
  readonly bags: Int32Array;
  readonly sizes: Int32Array;
  /** How many of the text's first distinct bigrams are its prefix (2k + 1 of them, or all). */
  readonly prefixes: Int32Array;
  /** Each text's bigrams hashed into SIGNATURE_WORDS 32-bit words. */
  readonly signatures: Int32Array;
  /** For each rank, how many texts have it in their prefix (its block). */
  readonly blockSizes: Int32Array;

  constructor(texts: readonly string[], threshold: number) {
    const n = texts.length;
    const slack = (1 - threshold) / threshold;
    this.lengths = new Int32Array(n);
    this.maxEdits = new Int32Array(n);
    this.starts = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const length = texts[i]!.length;
      this.lengths[i] = length;
      this.maxEdits[i] = Math.floor(slack * length + 1e-9);
      this.starts[i + 1] = this.starts[i]! + (this.maxEdits[i]! > 0 && length > 1 ? length - 1 : 0);
    }
    this.sequences = new Int32Array(this.starts[n]!);
    this.bags = new Int32Array(this.starts[n]!);
    this.sizes = new Int32Array(n);
    this.prefixes = new Int32Array(n);
    this.signatures = new Int32Array(SIGNATURE_WORDS * n);
    const table = new BigramTable();
    for (let i = 0; i < n; i++) this.read(i, texts[i]!, table);
    const rankOf = table.ranks();
    for (let at = 0; at < this.sequences.length; at++) this.sequences[at] = rankOf[this.sequences[at]!]!;
    this.blockSizes = new Int32Array(rankOf.length);
    for (let i = 0; i < n; i++) this.rank(i, rankOf);
  }

  /** Text i's bigrams and distinct bigrams, as ids. */
  private read(i: number, text: string, table: BigramTable): void {
    const start = this.starts[i]!;
    const end = this.starts[i + 1]!;
    let size = 0;
    for (let at = start; at < end; at++) {
      const c = at - start;
      const id = table.id((text.charCodeAt(c) << 16) | text.charCodeAt(c + 1));
      this.sequences[at] = id;
      if (table.seenIn(id, i)) this.bags[start + size++] = id;
    }
    this.sizes[i] = size;
  }

  /** Text i's distinct bigrams as ranks, sorted (by insertion if few) and signed; its prefix's blocks counted. */
  private rank(i: number, rankOf: Int32Array): void {
    const { bags, signatures } = this;
    const start = this.starts[i]!;
    const end = start + this.sizes[i]!;
    for (let at = start; at < end; at++) {
      const rank = rankOf[bags[at]!]!;
      const bit = Math.imul(rank, 0x9e3779b1) >>> 25;
      signatures[SIGNATURE_WORDS * i + (bit >>> 5)]! |= 1 << (bit & 31);
      bags[at] = rank;
    }
    if (end - start > 64) bags.subarray(start, end).sort();
    else {
      for (let at = start + 1; at < end; at++) {
        const rank = bags[at]!;
        let to = at;
        while (to > start && bags[to - 1]! > rank) {
          bags[to] = bags[to - 1]!;
          to--;
        }
        bags[to] = rank;
      }
    }
    const prefix = Math.min(this.sizes[i]!, 2 * this.maxEdits[i]! + 1);
    this.prefixes[i] = prefix;
    for (let at = start; at < start + prefix; at++) this.blockSizes[bags[at]!]!++;
  }
}

/** Ids of bigrams by their two code units (an open-addressing hash table), numbered from 0 as met, with how many texts have each. */
class BigramTable {
  private count = 0;
  private shift = 22;
  private keys = new Int32Array(1 << (32 - this.shift));
  private ids = new Int32Array(this.keys.length).fill(-1);
  /** By id: the bigram (first code unit << 16 | second), how many texts have it, and the last that did plus one. */
  private codes: Int32Array = new Int32Array(this.keys.length / 2);
  private frequency: Int32Array = new Int32Array(this.keys.length / 2);
  private lastText: Int32Array = new Int32Array(this.keys.length / 2);

  id(key: number): number {
    const mask = this.keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const id = this.ids[slot]!;
      if (id < 0) break;
      if (this.keys[slot] === key) return id;
      slot = (slot + 1) & mask;
    }
    const id = this.count++;
    this.keys[slot] = key;
    this.ids[slot] = id;
    this.codes[id] = key;
    if (2 * this.count >= this.keys.length) this.grow();
    return id;
  }

  /** Whether text i meets the bigram for the first time (texts are read in order). */
  seenIn(id: number, i: number): boolean {
    if (this.lastText[id] === i + 1) return false;
    this.lastText[id] = i + 1;
    this.frequency[id]!++;
    return true;
  }

  /** The rank of each id: rarest first, ties by code units (sorting frequency × 2³² + code units). */
  ranks(): Int32Array {
    const order = new Float64Array(this.count);
    for (let id = 0; id < order.length; id++) order[id] = this.frequency[id]! * 0x100000000 + (this.codes[id]! >>> 0);
    order.sort();
    const rankOf = new Int32Array(order.length);
    for (let rank = 0; rank < order.length; rank++) rankOf[this.id(order[rank]! % 0x100000000 | 0)] = rank;
    return rankOf;
  }

  private grow(): void {
    this.shift--;
    this.keys = new Int32Array(2 * this.keys.length);
    this.ids = new Int32Array(this.keys.length).fill(-1);
    const mask = this.keys.length - 1;
    for (let id = 0; id < this.count; id++) {
      const key = this.codes[id]!;
      let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
      while (this.ids[slot]! >= 0) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.ids[slot] = id;
    }
    this.codes = grown(this.codes);
    this.frequency = grown(this.frequency);
    this.lastText = grown(this.lastText);
  }
}

function grown(array: Int32Array): Int32Array {
  const larger = new Int32Array(2 * array.length);
  larger.set(array);
  return larger;
}

/** An inverted index of prefixes: for each bigram that is not boilerplate, the texts indexed under it in the order they were. */
class PrefixIndex {
  /** Each list runs from its front (moved on by the length filter) to its end, in room for its whole block. */
  readonly fronts: Int32Array;
  readonly ends: Int32Array;
  readonly texts: Int32Array;

  constructor(blockSizes: Int32Array, maxBlock: number) {
    this.fronts = new Int32Array(blockSizes.length);
    let size = 0;
    for (let r = 0; r < blockSizes.length; r++) {
      this.fronts[r] = size;
      if (blockSizes[r]! <= maxBlock) size += blockSizes[r]!;
    }
    this.ends = this.fronts.slice();
    this.texts = new Int32Array(size);
  }

  /** Index text x under the first `length` of its bigrams that are not boilerplate. */
  add({ starts, bags, blockSizes }: RankedBigrams, x: number, length: number, maxBlock: number): void {
    const start = starts[x]!;
    for (let p = start; p < start + length; p++) {
      const token = bags[p]!;
      if (blockSizes[token]! <= maxBlock) this.texts[this.ends[token]!++] = x;
    }
  }
}

class SimilarityJoin {
  /** The most edits a text of each length can be from a shorter or equal text it is similar to. */
  private readonly edits: Int32Array;
  /** Whether a text has a boilerplate bigram in its prefix. */
  private readonly tainted: Uint8Array;
  /** How many of its first bigrams a text looks up, and is indexed under. */
  private readonly lookUps: Int32Array;
  private readonly indexed: Int32Array;
  private readonly located: PrefixIndex;
  private readonly whole: PrefixIndex;
  /** How many of its first bigrams a text is indexed under in the index of whole prefixes: none if unused. */
  private readonly wholeLength: Int32Array;
  /** The texts found for the current one, and for each text the last turn it was found in. */
  private readonly candidates: Int32Array;
  private readonly turns: Int32Array;
  /** Marks of the current text's bigrams, by rank. */
  private readonly marks: Uint8Array;
  private readonly out: NearPair[] = [];

  constructor(
    private readonly texts: readonly string[],
    private readonly bigrams: RankedBigrams,
    private readonly threshold: number,
    private readonly maxBlock: number,
  ) {
    const n = texts.length;
    const { lengths, prefixes, blockSizes, maxEdits } = bigrams;
    this.edits = editBounds(lengths, threshold);
    this.tainted = taintedTexts(bigrams, maxBlock);
    const anyTainted = this.tainted.includes(1);
    const reaches = editsReaching(bigrams);
    this.lookUps = locatedPrefixes(bigrams, reaches, lengths.map((length) => this.edits[length]!));
    this.indexed = locatedPrefixes(bigrams, reaches, maxEdits);
    this.located = new PrefixIndex(blockSizes, maxBlock);
    // Built and added to only when needed, but always used the same way (a code path first taken late is slow).
    this.whole = new PrefixIndex(anyTainted ? blockSizes : new Int32Array(0), maxBlock);
    this.wholeLength = anyTainted ? prefixes : new Int32Array(n);
    this.candidates = new Int32Array(n);
    this.turns = new Int32Array(n).fill(-1);
    this.marks = new Uint8Array(blockSizes.length);
  }

  pairs(): NearPair[] {
    const { lengths, prefixes } = this.bigrams;
    // The texts with a prefix by length, then index (sorted by counting).
    const firsts = new Int32Array(this.edits.length + 1);
    for (let i = 0; i < lengths.length; i++) if (prefixes[i]! > 0) firsts[lengths[i]! + 1]!++;
    for (let length = 1; length < firsts.length; length++) firsts[length]! += firsts[length - 1]!;
    const order = new Int32Array(firsts[firsts.length - 1]!);
    for (let i = 0; i < lengths.length; i++) if (prefixes[i]! > 0) order[firsts[lengths[i]!]!++] = i;
    for (let turn = 0; turn < order.length; turn++) {
      const x = order[turn]!;
      if (this.edits[lengths[x]!]! > 0) this.verify(x, this.find(x, turn));
      this.located.add(this.bigrams, x, this.indexed[x]!, this.maxBlock);
      this.whole.add(this.bigrams, x, this.wholeLength[x]!, this.maxBlock);
    }
    return this.out.sort((x, y) => x.a - y.a || x.b - y.b);
  }

  /** The earlier texts sharing a looked up bigram with text x, not too short, that pass the signature bound; how many. */
  private find(x: number, turn: number): number {
    const { lengths, starts, bags, sizes, blockSizes, signatures } = this.bigrams;
    const { candidates, turns, maxBlock } = this;
    const { located, whole, lookUps, wholeLength } = this;
    const tainted = this.tainted[x] === 1;
    const { fronts, ends, texts: posted } = tainted ? whole : located;
    const length = lengths[x]!;
    const size = sizes[x]!;
    const twiceEdits = 2 * this.edits[length]!;
    const lengthSlack = (1 - this.threshold) * length + 1e-9;
    const s0 = signatures[SIGNATURE_WORDS * x]!;
    const s1 = signatures[SIGNATURE_WORDS * x + 1]!;
    const s2 = signatures[SIGNATURE_WORDS * x + 2]!;
    const s3 = signatures[SIGNATURE_WORDS * x + 3]!;
    const start = starts[x]!;
    const end = start + (tainted ? wholeLength : lookUps)[x]!;
    let count = 0;
    for (let p = start; p < end; p++) {
      const token = bags[p]!;
      if (blockSizes[token]! > maxBlock) continue;
      let front = fronts[token]!;
      const last = ends[token]!;
      // Shortest first: once the length difference alone is too many edits, it is for every later text too.
      while (front < last && length - lengths[posted[front]!]! > lengthSlack) front++;
      fronts[token] = front;
      for (let q = front; q < last; q++) {
        const y = posted[q]!;
        if (turns[y] === turn) continue;
        turns[y] = turn;
        // A bit in one signature and not the other stands for a bigram in one text and not the other, so the texts
        // share at most (|B(x)| + |B(y)| − differing bits) / 2 bigrams.
        const other = sizes[y]!;
        const at = SIGNATURE_WORDS * y;
        const differing =
          bitCount(s0 ^ signatures[at]!) + bitCount(s1 ^ signatures[at + 1]!) + bitCount(s2 ^ signatures[at + 2]!) + bitCount(s3 ^ signatures[at + 3]!);
        if (size + other - differing >= 2 * (Math.max(size, other) - twiceEdits)) candidates[count++] = y;
      }
    }
    return count;
  }

  /** Of the candidates found for text x, those sharing enough bigrams and similar enough. */
  private verify(x: number, count: number): void {
    if (count === 0) return;
    const { texts, threshold, marks } = this;
    const { starts, bags, sizes } = this.bigrams;
    const long = texts[x]!;
    const twiceEdits = 2 * this.edits[long.length]!;
    // The shared bigrams are counted against marks of x's bigrams, until they are enough or too few can follow.
    for (let p = starts[x]!; p < starts[x]! + sizes[x]!; p++) marks[bags[p]!] = 1;
    for (let c = 0; c < count; c++) {
      const y = this.candidates[c]!;
      const start = starts[y]!;
      const end = start + sizes[y]!;
      const needed = Math.max(sizes[x]!, sizes[y]!) - twiceEdits;
      let missing = sizes[y]! - needed;
      for (let p = start; p < end && missing >= 0; p++) missing -= 1 - marks[bags[p]!]!;
      if (missing < 0) continue;
      const d = distance(texts[y]!, long);
      const similarity = 1 - d / long.length;
      if (d > 0 && similarity >= threshold - 1e-9) this.out.push({ a: Math.min(x, y), b: Math.max(x, y), similarity });
    }
    for (let p = starts[x]!; p < starts[x]! + sizes[x]!; p++) marks[bags[p]!] = 0;
  }
}

/** For each length up to the longest, the most edits a text of that length can be from a shorter or equal one it is similar to. */
function editBounds(lengths: Int32Array, threshold: number): Int32Array {
  const bounds = new Int32Array(lengths.reduce((a, b) => Math.max(a, b), 0) + 1);
  for (let length = 1; length < bounds.length; length++) bounds[length] = editBound(length, threshold);
  return bounds;
}

/** Whether each text has a boilerplate bigram in its prefix (1) or not (0). */
function taintedTexts({ starts, bags, prefixes, blockSizes }: RankedBigrams, maxBlock: number): Uint8Array {
  const tainted = new Uint8Array(prefixes.length);
  for (let i = 0; i < prefixes.length; i++) {
    let found = 0;
    for (let p = starts[i]!; p < starts[i]! + prefixes[i]!; p++) if (blockSizes[bags[p]!]! > maxBlock) found = 1;
    tainted[i] = found;
  }
  return tainted;
}

/**
 * For each bigram in a text's prefix (at the same place in a flat array as in bags), the fewest edits that remove
 * it and all the bigrams before it from the text. An edit at one character reaches the two bigrams over it, so a
 * run of r bigrams next to each other takes ⌈r / 2⌉ edits, and bigrams apart take an edit each; a bigram that
 * occurs twice must be reached twice. Worked out by putting the occurrences of the prefix bigrams in place one
 * bigram after the other, keeping the runs they make.
 */
function editsReaching({ starts, sequences, bags, prefixes, maxEdits, blockSizes }: RankedBigrams): Int32Array {
  const n = prefixes.length;
  const reaches = new Int32Array(starts[n]!);
  let longest = 0;
  for (let i = 0; i < n; i++) longest = Math.max(longest, starts[i + 1]! - starts[i]!);
  // For a text: the place of each rank in its prefix, where each prefix bigram's occurrences start in `places`
  // and the places themselves, whether a place is taken, and for the ends of each run, its other end.
  const slotOf = new Int32Array(blockSizes.length);
  const firsts = new Int32Array(longest + 2);
  const places = new Int32Array(longest);
  const taken = new Uint8Array(longest + 2);
  const otherEnd = new Int32Array(longest + 2);
  for (let i = 0; i < n; i++) {
    const start = starts[i]!;
    const end = starts[i + 1]!;
    const prefix = prefixes[i]!;
    if (prefix === 0) continue;
    const last = bags[start + prefix - 1]!;
    firsts.fill(0, 0, prefix + 1);
    for (let p = 0; p < prefix; p++) slotOf[bags[start + p]!] = p;
    for (let c = start; c < end; c++) if (sequences[c]! <= last) firsts[slotOf[sequences[c]!]! + 1]!++;
    for (let p = 0; p < prefix; p++) firsts[p + 1]! += firsts[p]!;
    for (let c = start; c < end; c++) if (sequences[c]! <= last) places[firsts[slotOf[sequences[c]!]!]!++] = c - start + 1;
    // (firsts[p] now ends bigram p's occurrences; places are numbered from 1 so that 0 and length + 1 stay free.)
    let edits = 0;
    let o = 0;
    for (let p = 0; p < prefix && edits <= maxEdits[i]!; p++) {
      for (; o < firsts[p]!; o++) {
        const c = places[o]!;
        const left = taken[c - 1] ? c - otherEnd[c - 1]! : 0;
        const right = taken[c + 1] ? otherEnd[c + 1]! - c : 0;
        edits += ((left + right + 2) >> 1) - ((left + 1) >> 1) - ((right + 1) >> 1);
        taken[c] = 1;
        otherEnd[c - left] = c + right;
        otherEnd[c + right] = c - left;
      }
      reaches[start + p] = edits;
    }
    for (let q = 0; q < o; q++) taken[places[q]!] = 0;
  }
  return reaches;
}

/**
 * For each text, how much of its prefix the edits allowed it (`edits[i]`) cannot remove: its fewest first bigrams
 * that take more edits to remove, or its whole prefix. A text within that many edits of another shares one of
 * these bigrams with it (Ed-Join's location-based prefix).
 */
function locatedPrefixes({ starts, prefixes }: RankedBigrams, reaches: Int32Array, edits: Int32Array): Int32Array {
  const located = new Int32Array(prefixes.length);
  for (let i = 0; i < prefixes.length; i++) {
    let length = 0;
    while (length < prefixes[i]! && reaches[starts[i]! + length++]! <= edits[i]!);
    located[i] = length;
  }
  return located;
}

/** The most edits a text of this length can be from one at least `threshold` similar to it (1 − d / length ≥ threshold, as tested). */
function editBound(length: number, threshold: number): number {
  let d = Math.max(0, Math.floor((1 - threshold) * length + 1e-9));
  while (1 - (d + 1) / length >= threshold - 1e-9) d++;
  while (d > 0 && 1 - d / length < threshold - 1e-9) d--;
  return d;
}

function bitCount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

function comparedFields(kind: Kind): readonly string[] {
  const known = COMPARED[kind.name];
  if (known) return known;
  const field = GENERIC_FIELDS.find((f) => kind.fieldSchema(f)?.type === 'string');
  return field ? [field] : [];
}

const HAS_DEPARTMENT = new WeakMap<Kind, boolean>();
/** The groups departments' names make, per catalog (by name). */
const GROUPS = new WeakMap<Catalog, Map<string, string>>();

/** The group an entry is compared in: its kind's when the kind has no department, else its department's. */
function groupOf(catalog: Catalog, entry: Entry): string {
  let hasDepartment = HAS_DEPARTMENT.get(entry.kind);
  if (hasDepartment === undefined) HAS_DEPARTMENT.set(entry.kind, (hasDepartment = entry.kind.fieldSchema('department') !== undefined));
  if (!hasDepartment) return '';
  let known = GROUPS.get(catalog);
  if (!known) GROUPS.set(catalog, (known = new Map()));
  return departmentGroup(catalog, entry.getString('department') ?? '', known);
}

/** The group of entries a `department` puts an entry in for comparison: the department it resolves to, else the folded name (remembered by name). */
function departmentGroup(catalog: Catalog, name: string, known: Map<string, string>): string {
  let group = known.get(name);
  if (group === undefined) {
    const department = catalog.department(name);
    group = department ? `#${department.key}` : foldKey(name);
    known.set(name, group);
  }
  return group;
}
