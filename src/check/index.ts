/**
 * Stage 4, check: run every rule over the whole Catalog. Severities come from
 * the configuration; findings on an entry that waives them (with a written
 * reason) are kept but marked waived; a waiver that no longer matches anything
 * is reported itself.
 */
import { makeDiagnostic, type Diagnostic, type RelatedLocation, type Severity, type SourceLocation } from '../core/diagnostics.js';
import type { SourceFile } from '../load/source.js';
import type { Entry } from '../core/entry.js';
import { registerMessages } from '../core/messages.js';
import type { Catalog } from '../link/index.js';
import { rules as allRules } from '../rules/index.js';
import type { Report, Rule } from '../rules/types.js';
import type { RuleSetting } from '../config/index.js';
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

interface WaiverData {
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

export function severityOf(rule: Rule, setting: RuleSetting | undefined): Severity | 'off' {
  if (setting === undefined) return rule.meta.defaultSeverity;
  if (typeof setting === 'string') return setting;
  return setting.severity ?? rule.meta.defaultSeverity;
}

/** Run the rules; returns their diagnostics (load/validate diagnostics stay on the catalog). */
export function checkCatalog(catalog: Catalog, options: CheckOptions = {}): Diagnostic[] {
  const rules = options.rules ?? allRules;
  const known = new Set(allRules.map((r) => r.meta.id));
  for (const r of rules) known.add(r.meta.id);
  const out: Diagnostic[] = [];
  const usedWaivers = new Set<WaiverData>();

  // The rules run first; their findings are located afterwards, file by file
  // (locating parses the entry's source: in rule order, findings and their
  // related entries would jump between files and parse the same ones again).
  const runs: Run[] = [];
  for (const rule of rules) {
    if (options.only && !options.only.includes(rule.meta.id)) continue;
    registerMessages(rule.meta.id, rule.meta.messages);
    const setting = catalog.config.rules[rule.meta.id];
    const severity = severityOf(rule, setting);
    if (severity === 'off') continue;
    runs.push({ rule, severity, options: typeof setting === 'object' ? (setting.options ?? {}) : {}, found: [] });
  }
  // The rules that share a value run together (runOrder); their findings still come in the order of `rules`.
  const shared = new SharedValues(catalog, runs.map((r) => r.rule));
  for (const { rule, severity, options: ruleOptions, found } of runOrder(runs)) {
    try {
      rule.check({
        catalog,
        options: ruleOptions,
        shared: (value) => shared.get(rule, value),
        report: (report) => {
          const waiver = findWaiver(report.entry, rule.meta.id, report.field);
          if (waiver) usedWaivers.add(waiver);
          found.push({ rule, severity, report, waiver });
        },
      });
    } catch (e) {
      found.length = 0;
      found.push({ rule, crashed: makeDiagnostic('rule', 'crashed', { rule: rule.meta.id, detail: (e as Error)?.message ?? String(e) }, undefined) });
    }
    shared.done(rule);
  }
  const pending = runs.flatMap((r) => r.found);

  const located: (Located | undefined)[] = locateAll(pending);
  const released: (Pending | undefined)[] = pending;
  // Several entries can share one location (a file-level default): one
  // finding there, waived when any of those entries waives it.
  let seen = new Map<string, Diagnostic[]>();
  let current: Rule | undefined;
  pending.forEach((p, i) => {
    if (p.rule !== current) {
      current = p.rule;
      seen = new Map();
    }
    if (p.crashed) {
      out.push(p.crashed);
      return;
    }
    const { location, related } = located[i]!;
    // What made the finding is let go as the diagnostics are made.
    located[i] = undefined;
    released[i] = undefined;
    const d = makeDiagnostic(p.rule.meta.id, p.report!.messageId, p.report!.data ?? {}, location, p.severity!, related);
    const earlier = sameFinding(seen, d);
    const target = earlier ?? d;
    if (p.waiver && !target.waived) target.waived = { reason: p.waiver.reason, approvedBy: p.waiver.approved_by };
    if (!earlier) out.push(d);
  });

  // Waivers that matched nothing, or name no rule.
  const checked = new Set(rules.filter((r) => !options.only || options.only.includes(r.meta.id)).map((r) => r.meta.id));
  const reported = new Set<WaiverData>();
  for (const entry of catalog.allEntries()) {
    const waivers = entry.data.waivers;
    if (!Array.isArray(waivers)) continue;
    waivers.forEach((w: WaiverData, i) => {
      if (!w || typeof w.rule !== 'string' || reported.has(w)) return;
      reported.add(w);
      if (!known.has(w.rule)) {
        out.push(makeDiagnostic('waiver', 'unknown-rule', { rule: w.rule }, entry.locate(['waivers', i, 'rule'])));
      } else if (checked.has(w.rule) && !usedWaivers.has(w) && severityOf(rules.find((r) => r.meta.id === w.rule)!, catalog.config.rules[w.rule]) !== 'off') {
        out.push(makeDiagnostic('waiver', 'unused', { rule: w.rule, reason: w.reason }, entry.locate(['waivers', i]), 'warning'));
      }
    });
  }
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

function findWaiver(entry: Entry, ruleId: string, field: Report['field']): WaiverData | undefined {
  const waivers = entry.data.waivers;
  if (!Array.isArray(waivers)) return undefined;
  const fieldName = field && typeof field[0] === 'string' ? field[0] : undefined;
  return (waivers as WaiverData[]).find((w) => w?.rule === ruleId && (w.field === undefined || w.field === fieldName));
}

/** A rule to run, and what it finds. */
interface Run {
  rule: Rule;
  severity: Severity;
  options: Readonly<Record<string, unknown>>;
  found: Pending[];
}

interface Located {
  location: SourceLocation | undefined;
  related: RelatedLocation[];
}

interface Pending {
  rule: Rule;
  severity?: Severity;
  report?: Report;
  waiver?: WaiverData;
  /** The rule failed: this instead of its findings. */
  crashed?: Diagnostic;
}

/**
 * Where each pending finding and its related entries are, located in the order
 * of files and entries. A run can have millions of places to locate (a finding
 * names up to twenty related entries): they are kept as numbers, not objects.
 */
function locateAll(pending: readonly Pending[]): Located[] {
  let count = 0;
  for (const p of pending) if (p.report) count += 1 + (p.report.related?.length ?? 0);
  // Place t: finding owner[t], itself (slot -1) or its related entry slot[t]; in file rank[t], entry index[t].
  const owner = new Int32Array(count);
  const slot = new Int32Array(count);
  const rank = new Int32Array(count);
  const index = new Int32Array(count);
  const files = new Map<SourceFile, number>();
  const place = (t: number, entry: Entry, finding: number, k: number) => {
    let r = files.get(entry.file);
    if (r === undefined) files.set(entry.file, (r = files.size));
    owner[t] = finding;
    slot[t] = k;
    rank[t] = r;
    index[t] = entry.index;
  };
  let t = 0;
  const out: Located[] = pending.map((p, finding) => {
    const report = p.report;
    if (!report) return { location: undefined, related: [] };
    place(t++, report.entry, finding, -1);
    const related = report.related ?? [];
    related.forEach((r, k) => place(t++, r.entry, finding, k));
    return { location: undefined, related: new Array<RelatedLocation>(related.length) };
  });
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((a, b) => rank[a]! - rank[b]! || index[a]! - index[b]! || a - b);
  // Each file is visited once: what is kept of a file to locate in it is let go after it.
  const byRank = [...files.keys()];
  let current = -1;
  for (const i of order) {
    if (rank[i] !== current) {
      if (current >= 0) byRank[current]!.evict();
      current = rank[i]!;
    }
    const finding = owner[i]!;
    const report = pending[finding]!.report!;
    const k = slot[i]!;
    if (k < 0) {
      const field = report.field ?? [];
      out[finding]!.location =
        report.start !== undefined && report.end !== undefined ? report.entry.locateInString(field, report.start, report.end) : report.entry.locate(field);
    } else {
      const r = report.related![k]!;
      // Spelled out: a spread copy is four times the size, and a run keeps hundreds of thousands of these.
      const at = r.entry.locate(r.field ?? []);
      out[finding]!.related[k] = {
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
  if (current >= 0) byRank[current]!.evict();
  return out;
}
