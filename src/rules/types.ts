/**
 * What a rule is (as in ESLint): `meta` (type, category, docs, message
 * templates keyed by id, default severity, option schema) plus a function over
 * the whole Catalog. A rule reports a message id with data and a path into an
 * entry, never a finished sentence or a line number.
 */
import type { MessageData, Severity } from '../core/diagnostics.js';
import type { Entry } from '../core/entry.js';
import type { MessageCatalog } from '../core/messages.js';
import type { JsonSchemaObject } from '../kinds/index.js';
import type { Kind } from '../kinds/registry.js';
import type { Catalog } from '../link/index.js';
import type { DataPath } from '../load/source.js';

export type RuleCategory = 'references' | 'identity' | 'responsibility' | 'methods' | 'leniency' | 'text';

export interface RuleMeta {
  /** kebab-case; the file is src/rules/<id>.ts, its doc docs/rules/<id>.md, its test test/rules/<id>.test.ts */
  id: string;
  category: RuleCategory;
  /** One line, for `qingdan rules`. */
  description: { zh: string; en: string };
  defaultSeverity: Severity;
  /** Message templates by id, with {placeholders} filled from the report's data. */
  messages: MessageCatalog;
  /** JSON Schema of the rule's options (configuration `rules: { id: { options } }`). */
  options?: JsonSchemaObject;
  /**
   * What the rule's findings depend on, so that a re-check keeps what cannot
   * have changed (src/check/incremental.ts). Every rule may read the
   * registries (departments, laws), the configuration and the kinds.
   * - 'file': the findings on a file's entries depend on that file alone,
   *   and name no entry of another list file (test/check/scope.test.ts);
   * - `{ reads }`: the findings depend on the entries of these kinds (which,
   *   in what order, valid or not, their keys) and on these top-level fields
   *   of them; nothing else of a list (test/check/scope.test.ts records what
   *   each rule reads). An entry's label (Entry.label) shown through
   *   Report.labels is not a read: a re-check that changed only labels
   *   relabels the findings instead of running the rule again.
   * - `{ reads, partition }`: besides, the findings on an entry depend only
   *   on the entries of its partition (in catalog order), and name (related,
   *   labels) only entries of it; the partition is a function of the entry's
   *   kind and the fields the rule reads of it (and the registries). A
   *   re-check runs the rule again over the files holding the partitions an
   *   edit touched, and keeps its other findings.
   */
  scope: 'file' | ReadsScope;
}

/** What a rule over other lists reads (RuleMeta.scope). */
export interface ReadsScope {
  reads(kind: Kind): readonly string[] | undefined;
  /** The entry's partition (undefined: the rule does not look at it); `catalog` only for the registries and the configuration. */
  partition?(entry: Entry, catalog: Catalog): string | undefined;
}

/** Data that show entries' labels, by data key (Report.labels). */
export type Labels = Readonly<Record<string, Entry>>;

export interface RelatedReport {
  entry: Entry;
  field?: DataPath;
  messageId?: string;
  data?: MessageData;
  /** As Report.labels. */
  labels?: Labels;
}

export interface Report {
  /** The entry the finding is about; its waivers can silence the finding. */
  entry: Entry;
  /** Path of the field inside the entry (the entry itself when absent). */
  field?: DataPath;
  /** Characters [start, end) inside the field's string (a citation, a mention, a character). */
  start?: number;
  end?: number;
  messageId: string;
  data?: MessageData;
  /**
   * Entries whose label (Entry.label) the message shows, by data key
   * (`data: { name: entry.label }, labels: { name: entry }`): the label is then
   * no read of the rule's (RuleMeta.scope), and a re-check after an edit that
   * changed only labels puts the new label in without running the rule.
   */
  labels?: Labels;
  /** The other side of a duplicate or conflict. */
  related?: RelatedReport[];
}

/**
 * A value that several rules work out alike from the catalog (every reference
 * to a kind, every legal citation): made once per check, when a rule first
 * asks for it, and let go once every rule that shares it has run.
 */
export interface SharedValue<T> {
  /** For messages. */
  readonly name: string;
  make(catalog: Catalog): T;
}

export interface RuleContext {
  readonly catalog: Catalog;
  /** The rule's options from the configuration (defaults applied by the rule). */
  readonly options: Readonly<Record<string, unknown>>;
  /** The check's copy of a value the rule shares (one of Rule.shares). */
  shared<T>(value: SharedValue<T>): T;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  /** The shared values check() asks for: the rules that share one run one after another, and it is let go after the last of them. */
  shares?: readonly SharedValue<unknown>[];
  check(context: RuleContext): void;
}
