/**
 * Stage 4, check: run every rule over the whole Catalog. Severities come from
 * the configuration; findings on an entry that waives them (with a written
 * reason) are kept but marked waived; a waiver that no longer matches anything
 * is reported itself.
 *
 * In two steps, so that a re-check can keep what has not changed
 * (./incremental.ts): the rules run and their findings are kept as Findings,
 * which name entries by number (file, entry) rather than by object; then
 * `finish` locates them, applies the waivers and makes the diagnostics.
 */
import { makeDiagnostic, type Diagnostic, type MessageData, type RelatedLocation, type Severity, type SourceLocation } from '../core/diagnostics.js';
import { entryPath } from '../core/entry.js';
import type { DataPath, SourceFile } from '../load/source.js';
import { registerMessages } from '../core/messages.js';
import type { Catalog } from '../link/index.js';
import { rules as allRules } from '../rules/index.js';
import type { Labels, Report, Rule, RuleMeta } from '../rules/types.js';
import type { Config, RuleSetting } from '../config/index.js';
import { runOrder, SharedValues } from './shared.js';

registerMessages('waiver', {
  unused: {
    zh: '豁免“{rule}”已不对应任何结论，请删除（理由：{reason}）。',
    en: 'The waiver of "{rule}" no longer matches any finding; remove it (reason: {reason}).',
  },
  'unknown-rule': { zh: '豁免的规则“{rule}”不存在。可用 qingdan rules 查看规则列表。', en: 'Waived rule "{rule}" does not exist. See qingdan rules.' },
});
registerMessages('rule', {
  crashed: {
    zh: '规则“{rule}”运行出错：{detail}。其他规则的结果不受影响；请报告此问题。',
    en: 'Rule "{rule}" failed: {detail}. Other rules are unaffected; please report this.',
  },
});

export interface WaiverData {
  rule: string;
  reason: string;
  approved_by?: string;
  field?: string;
}

export interface CheckOptions {
  rules?: readonly Rule[];
  /** Only these rule ids (all when absent). */
  only?: readonly string[];
}

/** An entry by number: its file (in the catalog's order) and its index in the file's `entries:`. */
export interface EntryPlace {
  file: number;
  entry: number;
}

/** Which entries' labels the data show (Report.labels), by data key: [file, entry]. */
export type LabelPlaces = Record<string, [number, number]>;

/** The other side of a finding (Report's RelatedReport, by number). */
export interface RelatedFinding extends EntryPlace {
  field?: DataPath;
  messageId?: string;
  data?: MessageData;
  labels?: LabelPlaces;
}

/** What a rule reported (Report), with entries by number: plain data, kept from one run to the next. */
export interface Finding extends EntryPlace {
  field?: DataPath;
  start?: number;
  end?: number;
  messageId: string;
  data?: MessageData;
  labels?: LabelPlaces;
  related?: RelatedFinding[];
}

/** A rule that runs, with its severity and options from the configuration. */
export interface EnabledRule {
  rule: Rule;
  severity: Severity;
  options: Readonly<Record<string, unknown>>;
}

/** One rule's run: its findings, or what made it fail. */
export interface RuleRun {
  rule: Rule;
  severity: Severity;
  findings: Finding[];
  /** The rule failed (its findings are then none). */
  crashed?: string;
}

/**
 * The waivers of one file's entries: what an entry writes itself under
 * `waivers` (by entry index), and the file-level list the others inherit,
 * with the first entry that does (where it is reported from).
 */
export interface FileWaivers {
  own: ReadonlyMap<number, unknown>;
  shared?: { at: number; list: readonly WaiverData[] };
}

/** Where a field of an entry is (characters [start, end) of a string field when given). */
export interface Locator {
  locate(file: number, entry: number, field: DataPath, start?: number, end?: number): SourceLocation;
  /** Nothing more is located in the file in this run (locateAll goes through the files once each). */
  done?(file: number): void;
}

export function severityOf(rule: Rule, setting: RuleSetting | undefined): Severity | 'off' {
  if (setting === undefined) return rule.meta.defaultSeverity;
  if (typeof setting === 'string') return setting;
  return setting.severity ?? rule.meta.defaultSeverity;
}

/** The rules that run: selected (`only`), not turned off, in order. */
export function enabledRules(config: Config, options: CheckOptions = {}): EnabledRule[] {
  const out: EnabledRule[] = [];
  for (const rule of options.rules ?? allRules) {
    if (options.only && !options.only.includes(rule.meta.id)) continue;
    registerMessages(rule.meta.id, rule.meta.messages);
    const setting = config.rules[rule.meta.id];
    const severity = severityOf(rule, setting);
    if (severity === 'off') continue;
    out.push({ rule, severity, options: typeof setting === 'object' ? (setting.options ?? {}) : {} });
  }
  return out;
}

/**
 * Run rules over a catalog. `fileNumber` numbers the catalog's files (by
 * default their order in it). A rule of file scope or partitioned has its
 * findings in file and entry order, so that they read the same whether it ran
 * over every file or over some.
 */
export function runRules(catalog: Catalog, enabled: readonly EnabledRule[], fileNumber?: (file: SourceFile) => number): RuleRun[] {
  const numbers = new Map<SourceFile, number>(catalog.files.map((f, i) => [f, fileNumber ? fileNumber(f) : i]));
  const number = (file: SourceFile) => numbers.get(file)!;
  // The rules that share a value run one after another (runOrder), and the
  // value is let go after the last of them; the runs still come in the order of `enabled`.
  const shared = new SharedValues(catalog, enabled.map((e) => e.rule));
  const runs = new Map<EnabledRule, RuleRun>();
  for (const run of runOrder(enabled)) {
    const { rule, severity, options } = run;
    const findings: Finding[] = [];
    try {
      rule.check({ catalog, options, shared: (value) => shared.get(rule, value), report: (report) => findings.push(toFinding(report, number)) });
      if (inPlaceOrder(rule)) findings.sort((a, b) => a.file - b.file || a.entry - b.entry);
      runs.set(run, { rule, severity, findings });
    } catch (e) {
      runs.set(run, { rule, severity, findings: [], crashed: (e as Error)?.message ?? String(e) });
    }
    shared.done(rule);
  }
  return enabled.map((run) => runs.get(run)!);
}

/** Are the rule's findings kept in file and entry order (a rule of file scope, or partitioned)? */
export function inPlaceOrder(rule: Rule): boolean {
  const scope = rule.meta.scope as RuleMeta['scope'] | undefined;
  return scope === 'file' || scope?.partition !== undefined;
}

function toFinding(report: Report, number: (file: SourceFile) => number): Finding {
  const finding: Finding = { file: number(report.entry.file), entry: report.entry.index, messageId: report.messageId };
  if (report.field !== undefined) finding.field = report.field;
  if (report.start !== undefined) finding.start = report.start;
  if (report.end !== undefined) finding.end = report.end;
  if (report.data !== undefined) finding.data = report.data;
  if (report.labels) labelled(finding, report.labels, number);
  if (report.related && report.related.length > 0) {
    finding.related = report.related.map((r) => {
      const related: RelatedFinding = { file: number(r.entry.file), entry: r.entry.index };
      if (r.field !== undefined) related.field = r.field;
      if (r.messageId !== undefined) related.messageId = r.messageId;
      if (r.data !== undefined) related.data = r.data;
      if (r.labels) labelled(related, r.labels, number);
      return related;
    });
  }
  return finding;
}

/** Which entries' labels the data show; a label the data lack (or show otherwise) is put there, in a copy. */
function labelled(finding: { data?: MessageData; labels?: LabelPlaces }, labels: Labels, number: (file: SourceFile) => number): void {
  const places: LabelPlaces = {};
  for (const [key, entry] of Object.entries(labels)) {
    const label = entry.label;
    if (finding.data?.[key] !== label) finding.data = { ...finding.data, [key]: label };
    places[key] = [number(entry.file), entry.index];
  }
  finding.labels = places;
}

/** Which waivers a file's entries have (the entries that are mappings; others are no entry). */
export function waiversOf(file: SourceFile): FileWaivers {
  const own = new Map<number, unknown>();
  const data = file.data;
  if (!data) return { own };
  const list = Object.hasOwn(data.defaults, 'waivers') ? data.defaults.waivers : undefined;
  let at: number | undefined;
  data.entries.forEach((raw, index) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
    if (Object.hasOwn(raw, 'waivers')) own.set(index, (raw as Record<string, unknown>).waivers);
    else at ??= index;
  });
  return at !== undefined && Array.isArray(list) ? { own, shared: { at, list: list as WaiverData[] } } : { own };
}

/** The catalog's own files locate their findings. */
export function catalogLocator(catalog: Catalog): Locator {
  return {
    locate: (file, entry, field, start, end) => locateIn(catalog.files[file]!, entry, field, start, end),
    done: (file) => catalog.files[file]!.evict(),
  };
}

/** Where a field of the entry at `index` of the file is. */
export function locateIn(file: SourceFile, index: number, field: DataPath, start?: number, end?: number): SourceLocation {
  const path = entryPath(file, index, field);
  return start !== undefined && end !== undefined ? file.locateInString(path, start, end) : file.locate(path);
}

/** Run the rules; returns their diagnostics (load/validate diagnostics stay on the catalog). */
export function checkCatalog(catalog: Catalog, options: CheckOptions = {}): Diagnostic[] {
  const enabled = enabledRules(catalog.config, options);
  return finish(runRules(catalog, enabled), catalog.files.map(waiversOf), catalogLocator(catalog), enabled, options.rules);
}

/**
 * The diagnostics of the rules' runs: located (file by file, see locateAll),
 * one per place (several entries can share one location, a file-level
 * default: waived when any of them waives it), with the waivers applied, and
 * the waivers that matched nothing or name no rule reported.
 */
export function finish(runs: readonly RuleRun[], waivers: readonly FileWaivers[], locator: Locator, enabled: readonly EnabledRule[], extraRules?: readonly Rule[]): Diagnostic[] {
  const known = new Set([...allRules, ...(extraRules ?? [])].map((r) => r.meta.id));
  const running = new Set(enabled.map((e) => e.rule.meta.id));
  const out: Diagnostic[] = [];
  const used = new Set<WaiverData>();
  const waiverOf = (place: EntryPlace, ruleId: string, field: DataPath | undefined): WaiverData | undefined => {
    const { shared, own } = waivers[place.file]!;
    const list = own.has(place.entry) ? own.get(place.entry) : shared?.list;
    if (!Array.isArray(list)) return undefined;
    const fieldName = field && typeof field[0] === 'string' ? field[0] : undefined;
    return (list as WaiverData[]).find((w) => w?.rule === ruleId && (w.field === undefined || w.field === fieldName));
  };

  const located = locateAll(runs, locator);
  runs.forEach((run, r) => {
    if (run.crashed !== undefined) {
      out.push(makeDiagnostic('rule', 'crashed', { rule: run.rule.meta.id, detail: run.crashed }, undefined));
      return;
    }
    const seen = new Map<string, Diagnostic[]>();
    const places: (Located | undefined)[] = located[r]!;
    run.findings.forEach((f, i) => {
      const { location, related } = places[i]!;
      // Where it is was only needed to make the diagnostic.
      places[i] = undefined;
      const d = makeDiagnostic(run.rule.meta.id, f.messageId, f.data ?? {}, location, run.severity, related);
      const waiver = waiverOf(f, run.rule.meta.id, f.field);
      if (waiver) used.add(waiver);
      const earlier = sameFinding(seen, d);
      const target = earlier ?? d;
      if (waiver && !target.waived) target.waived = { reason: waiver.reason, approvedBy: waiver.approved_by };
      if (!earlier) out.push(d);
    });
  });

  // Waivers that matched nothing, or name no rule: each list once (a file-level one at the first entry that inherits it).
  waivers.forEach(({ shared, own }, file) => {
    const lists: [number, unknown][] = [...own];
    if (shared) lists.push([shared.at, shared.list]);
    for (const [entry, list] of lists.sort((a, b) => a[0] - b[0])) {
      if (!Array.isArray(list)) continue;
      (list as WaiverData[]).forEach((w, i) => {
        if (!w || typeof w.rule !== 'string') return;
        if (!known.has(w.rule)) out.push(makeDiagnostic('waiver', 'unknown-rule', { rule: w.rule }, locator.locate(file, entry, ['waivers', i, 'rule'])));
        else if (running.has(w.rule) && !used.has(w)) {
          out.push(makeDiagnostic('waiver', 'unused', { rule: w.rule, reason: w.reason }, locator.locate(file, entry, ['waivers', i]), 'warning'));
        }
      });
    }
  });
  return out;
}

/**
 * The same finding (message and data) that the rule made earlier at the same
 * place, if any; else the finding is remembered in `seen`, by place. Few
 * findings share a place: their data is compared only then (as keys, a
 * million findings' data would be hundreds of megabytes of strings).
 */
function sameFinding(seen: Map<string, Diagnostic[]>, d: Diagnostic): Diagnostic | undefined {
  const place = `${d.location?.file}|${d.location?.line}|${d.location?.column}`;
  const here = seen.get(place);
  if (!here) {
    seen.set(place, [d]);
    return undefined;
  }
  const data = JSON.stringify(d.data);
  const earlier = here.find((e) => e.messageId === d.messageId && JSON.stringify(e.data) === data);
  if (!earlier) here.push(d);
  return earlier;
}

interface Located {
  location: SourceLocation | undefined;
  related: RelatedLocation[];
}

/**
 * Where each finding and its related entries are, located in the order of
 * files and entries (so that each file's text is read, and each entry parsed,
 * once). A run can have millions of places to locate (a finding names up to
 * twenty related entries): they are kept as numbers, not objects.
 */
function locateAll(runs: readonly RuleRun[], locator: Locator): Located[][] {
  const findings = runs.flatMap((run) => run.findings);
  let count = 0;
  for (const f of findings) count += 1 + (f.related?.length ?? 0);
  // Place t: finding owner[t], itself (slot -1) or its related entry slot[t].
  const owner = new Int32Array(count);
  const slot = new Int32Array(count);
  const file = new Int32Array(count);
  const entry = new Int32Array(count);
  let t = 0;
  const out: Located[] = findings.map((f, n) => {
    owner[t] = n;
    slot[t] = -1;
    file[t] = f.file;
    entry[t++] = f.entry;
    const related = f.related ?? [];
    related.forEach((r, k) => {
      owner[t] = n;
      slot[t] = k;
      file[t] = r.file;
      entry[t++] = r.entry;
    });
    return { location: undefined, related: new Array<RelatedLocation>(related.length) };
  });
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((a, b) => file[a]! - file[b]! || entry[a]! - entry[b]! || a - b);
  let current = -1;
  for (const i of order) {
    // Each file is visited once: the locator may let go of what it kept of the last one.
    if (file[i] !== current) {
      if (current >= 0) locator.done?.(current);
      current = file[i]!;
    }
    const n = owner[i]!;
    const f = findings[n]!;
    const k = slot[i]!;
    if (k < 0) out[n]!.location = locator.locate(f.file, f.entry, f.field ?? [], f.start, f.end);
    else {
      const r = f.related![k]!;
      // Spelled out: a spread copy is four times the size, and a run keeps hundreds of thousands of these.
      const at = locator.locate(r.file, r.entry, r.field ?? []);
      out[n]!.related[k] = {
        file: at.file,
        line: at.line,
        column: at.column,
        endLine: at.endLine,
        endColumn: at.endColumn,
        pointer: at.pointer,
        messageId: r.messageId,
        data: r.data,
      };
    }
  }
  if (current >= 0) locator.done?.(current);
  // Back into one list per run.
  const byRun: Located[][] = [];
  let at = 0;
  for (const run of runs) {
    byRun.push(out.slice(at, at + run.findings.length));
    at += run.findings.length;
  }
  return byRun;
}
