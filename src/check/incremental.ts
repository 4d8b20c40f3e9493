/**
 * `qingdan check` with a memory. A run leaves, beside the file cache, what it
 * found: per file its stamp, content hash, diagnostics, waivers and where its
 * findings are; per rule its findings. The next run looks at the files'
 * stamps and redoes only what a change can have touched:
 *
 * - the changed files are loaded and validated again;
 * - rules of file scope (rules/types.ts) run again over the changed files alone
 *   (with the registries);
 * - a rule that reads other lists runs again over the whole catalog only when
 *   a changed file changed what it reads: the entries of a kind it reads
 *   (which, in what order, valid or not, their keys) or one of their fields
 *   it reads. That is told by comparing the file's entries before and after
 *   (the file cache still holds the record of the content before). A
 *   partitioned rule runs again only over the entries of the partitions the
 *   changed entries had or have (from the files that hold them: the state
 *   keeps each file's partitions), and its findings in those are replaced;
 * - the labels a kept finding shows of an entry of a changed file are made
 *   anew (a rule does not read what it only shows as a label: Report.labels);
 * - findings are located again only in changed files.
 *
 * A change to a registry (departments, laws), to the configuration, the
 * tool, the rules selected, or to which files there are, is a full run; so is
 * a missing or unreadable memory. The diagnostics are the same as a full
 * run's (test/check/incremental.test.ts edits lists at random and compares).
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { contentHash, decodeRecord, fileStamp, stampTrusted, type FileRecord, type FileStamp } from '../cache/index.js';
import { fileFromRecord } from '../compile/file.js';
import { editionDate } from '../config/index.js';
import type { Diagnostic, SourceLocation } from '../core/diagnostics.js';
import type { Entry } from '../core/entry.js';
import { link, REGISTRY_KINDS, type Catalog } from '../link/index.js';
import { readListBytes } from '../load/index.js';
import { detachedSlice, SourceFile, type DataPath } from '../load/source.js';
import { compileProject, ProjectCompilation, type CompileOptions } from '../pipeline.js';
import type { SourceLines, SourceTexts } from '../report/types.js';
import type { ReadsScope, Rule, RuleMeta } from '../rules/types.js';
import { validatedEntries, validateProject } from '../validate/index.js';
import { catalogLocator, enabledRules, finish, locateIn, runRules, waiversOf, type EnabledRule, type FileWaivers, type Finding, type LabelPlaces, type Locator, type RuleRun, type WaiverData } from './index.js';

/** Bump when the state's shape or encoding changes. */
const MAGIC = 'qingdan-check-state/2';

/**
 * Findings (with their related entries) at more places than this are not
 * kept: the state would take more to read than a full run saves. A generated
 * million-entry tree, dense in overlapping inspections, has some four million.
 */
const MAX_KEPT_PLACES = 500_000;

export interface CheckProjectOptions extends CompileOptions {
  /** Only these rule ids (all when absent). */
  only?: readonly string[];
}

export interface CheckedProject {
  /** Every diagnostic: the project's, load and validate's, the rules'. */
  diagnostics: Diagnostic[];
  /** The files' texts, for reports. */
  sources: SourceTexts;
  /** What the run redid: every file and rule ('full'), or some. */
  redone: { full: boolean; files: string[]; rules: string[] };
  /** Keep what this run found for the next (after the report: it keeps the lines the report showed). */
  keep(): void;
}

/** What a run keeps of one list file. */
interface FileState {
  path: string;
  display: string;
  /** The file's stamp before it was read, when it can be trusted later (cache/index.ts stampTrusted). */
  stamp?: string;
  hash: string;
  kind?: string;
  load: Diagnostic[];
  validation: Diagnostic[];
  waivers: { own: [number, unknown][]; shared?: { at: number; list: WaiverData[] } };
  /** The findings of the rules of file scope on this file's entries, by rule id. */
  findings: Record<string, Finding[]>;
  /** Where this file's findings and waivers are, by place (see placeKey). */
  locations: [string, SourceLocation][];
  /** The lines of the file that reports showed (a diagnostic's line), and how many lines it has. */
  lines?: { count: number; kept: [number, string][] };
}

interface CheckState {
  magic: string;
  key: string;
  files: FileState[];
  /** The findings of the rules that read the whole catalog, by rule id. */
  rules: Record<string, Finding[]>;
  /** For each partitioned rule (by id), the partitions of each file's entries. */
  partitions?: Record<string, string[][]>;
}

/**
 * What writes the state once the report is out. Made here, not in the
 * function that checked: V8 gives the closures made in one scope one shared
 * context, so a closure made there would hold what any of them uses (the
 * locator's closure uses the catalog), and keep the whole catalog alive
 * through the report (a heap snapshot after checkProject showed every Entry).
 */
function keeper(store: StateStore | undefined, state: Omit<CheckState, 'magic' | 'key'> | undefined, lines: KeptLines): () => void {
  return () => {
    if (store && state) store.write(lines.into(state));
  };
}

/** Validate, link and check the project, redoing only what changed since the last run (when the cache is on). */
export async function checkProject(options: CheckProjectOptions): Promise<CheckedProject> {
  const project = new ProjectCompilation(options);
  const enabled = enabledRules(project.config, { only: options.only });
  const store = project.cache && new StateStore(project.cache.directory, stateKey(project, enabled, options));
  const previous = store?.read();
  const changes = previous && changedFiles(project, previous);
  if (!store || !previous || !changes) return fullCheck(project, options, enabled, store);
  return (await incrementalCheck(project, options, enabled, store, previous, changes)) ?? fullCheck(project, options, enabled, store);
}

async function fullCheck(project: ProjectCompilation, options: CompileOptions, enabled: readonly EnabledRule[], store: StateStore | undefined): Promise<CheckedProject> {
  const catalog = await compileProject(project, options);
  const runs = runRules(catalog, enabled);
  const waivers = catalog.files.map(waiversOf);
  // Without a cache, or with too many places to keep (see MAX_KEPT_PLACES), they are not gathered at all.
  const places = runs.reduce((n, run) => run.findings.reduce((m, f) => m + 1 + (f.related?.length ?? 0), n), 0);
  const locator = store && places <= MAX_KEPT_PLACES ? new KeepingLocator((i) => catalog.files[i]!, () => undefined) : undefined;
  const findings = finish(runs, waivers, locator ?? catalogLocator(catalog), enabled);
  const diagnostics = [...catalog.diagnostics, ...findings];
  const redone = { full: true, files: catalog.files.map((f) => f.display), rules: enabled.map((e) => e.rule.meta.id) };
  const lines = new KeptLines(catalog.files, [], diagnostics);
  let files: FileState[] | undefined;
  if (store && locator && !locator.overflowed && runs.every((r) => r.crashed === undefined)) {
    const made = catalog.files.map((file, i): FileState | undefined => {
      const { stamp, hash } = project.identity(i);
      if (hash === undefined) return undefined;
      return {
        ...fileIdentity(project, i, stamp, hash, file.data?.kind),
        load: project.compiled(i).diagnostics,
        validation: file.validation?.diagnostics ?? [],
        waivers: waiversState(waivers[i]!),
        findings: {},
        locations: locator.kept(i),
      };
    });
    // A file that could not be read has nothing to keep: the next run is a full one.
    if (made.every((f) => f !== undefined)) files = made as FileState[];
  }
  const state = files && stateOf(files, runs, partitionsOf(catalog, enabled));
  return { diagnostics, sources: lines, redone, keep: keeper(store, state, lines) };
}

/** The files whose content changed since the state was written (by stamp, else by hash); undefined when the files are not the same ones. */
function changedFiles(project: ProjectCompilation, state: CheckState): Map<number, FileStamp | undefined> | undefined {
  if (state.files.length !== project.count) return undefined;
  const changed = new Map<number, FileStamp | undefined>();
  for (let i = 0; i < project.count; i++) {
    const kept = state.files[i]!;
    const { path, display } = project.file(i);
    if (kept.path !== path || kept.display !== display) return undefined;
    const stamp = fileStamp(path);
    if (stamp && kept.stamp === stamp.id) continue;
    const read = readListBytes(path, display, project.config);
    if (!read.bytes) return undefined;
    if (contentHash(read.bytes) === kept.hash) {
      // The same content under a new stamp (a checkout, a touch).
      kept.stamp = stamp && stampTrusted(stamp) ? stamp.id : undefined;
      continue;
    }
    changed.set(i, stamp);
  }
  return changed;
}

async function incrementalCheck(
  project: ProjectCompilation,
  options: CompileOptions,
  enabled: readonly EnabledRule[],
  store: StateStore,
  state: CheckState,
  changes: ReadonlyMap<number, FileStamp | undefined>,
): Promise<CheckedProject | undefined> {
  const fileRules = enabled.filter((e) => e.rule.meta.scope === 'file');
  const catalogRules = enabled.filter((e) => e.rule.meta.scope !== 'file');
  if (catalogRules.some((e) => !Object.hasOwn(state.rules, e.rule.meta.id))) return undefined;

  // Each changed file before (its record in the file cache) and after; those whose data changed, with their entries before.
  const before = new Map<number, Entry[] | undefined>();
  const after = new Map<number, SourceFile>();
  for (const i of changes.keys()) {
    const record = recordBefore(project, i, state.files[i]!);
    const { file } = project.compiled(i);
    if (project.identity(i).hash === undefined) return undefined;
    after.set(i, file);
    const kinds = [state.files[i]!.kind, file.data?.kind];
    if (kinds.some((k) => k !== undefined && REGISTRY_KINDS.includes(k))) return undefined;
    if (record && sameData(record, file)) continue;
    before.set(i, record && validatedEntries(fileFromRecord(file.path, file.display, record).file, project.kinds));
  }

  // Rules of file scope over the changed files (and the registries, which they may read).
  const fileRuns = new Map<string, Finding[]>();
  if (fileRules.length > 0) {
    const indexes = [...state.files.keys()].filter((i) => changes.has(i) || REGISTRY_KINDS.includes(state.files[i]!.kind ?? ''));
    const files = indexes.map((i) => project.compiled(i).file);
    const sub = link(validateProject({ cwd: options.cwd, paths: options.paths, config: project.config, kinds: project.kinds, files, diagnostics: [] }));
    const number = new Map(files.map((f, k) => [f, indexes[k]!]));
    for (const run of runRules(sub, fileRules, (f) => number.get(f)!)) {
      if (run.crashed !== undefined) return undefined;
      fileRuns.set(run.rule.meta.id, run.findings.filter((f) => changes.has(f.file)));
    }
  }

  // Rules that read what a changed file changed: a partitioned one over the entries of the partitions touched, the others over the whole catalog.
  const entriesAfter = new Map([...before.keys()].map((i) => [i, validatedEntries(after.get(i)!, project.kinds)]));
  const rerun = catalogRules.filter((e) => [...before.keys()].some((i) => touches(e.rule, before.get(i), entriesAfter.get(i)!)));
  const registries = [...state.files.keys()].filter((i) => REGISTRY_KINDS.includes(state.files[i]!.kind ?? ''));
  const catalogRuns = new Map<string, Finding[]>();
  let registryCatalog: Catalog | undefined;
  const partitions: Record<string, string[][]> = { ...state.partitions };
  const plans: PartitionPlan[] = [];
  const whole: EnabledRule[] = [];
  for (const enabled of rerun) {
    const id = enabled.rule.meta.id;
    const scope = enabled.rule.meta.scope as ReadsScope | undefined;
    const kept = state.partitions?.[id];
    registryCatalog ??= scope?.partition && kept ? link(validateProject(loadedFiles(project, options, registries))) : undefined;
    const plan = scope?.partition && kept && planPartitions(enabled, kept, before, entriesAfter, registryCatalog!, registries);
    if (plan) {
      partitions[id] = plan.now;
      plans.push(plan);
    } else whole.push(enabled);
  }
  if (plans.length > 0) {
    // One catalog of the entries of the partitions touched (and the registries), from the files that hold them: the findings in a partition depend on its entries alone.
    const indexes = [...new Set(plans.flatMap((p) => p.files))].sort((a, b) => a - b);
    const validated = validateProject(loadedFiles(project, options, indexes));
    const numbers = new Map(validated.files.map((f, k) => [f, indexes[k]!]));
    const number = (f: SourceFile) => numbers.get(f)!;
    const at = plans.map(() => new Map<string, string | undefined>());
    const entries = validated.entries.filter((entry) => {
      let keep = REGISTRY_KINDS.includes(entry.kind.name);
      plans.forEach((plan, k) => {
        const key = plan.scope.partition!(entry, registryCatalog!);
        at[k]!.set(`${number(entry.file)}:${entry.index}`, key);
        if (key !== undefined && plan.parts.has(key)) keep = true;
      });
      return keep;
    });
    const runs = runRules(link({ ...validated, entries }), plans.map((p) => p.enabled), number);
    for (const [k, run] of runs.entries()) {
      if (run.crashed !== undefined) return undefined;
      const { parts, replaced, files } = plans[k]!;
      const inTouched = (f: Finding) => parts.has(at[k]!.get(`${f.file}:${f.entry}`) ?? '\u0000');
      const loaded = new Set(files);
      const keptFindings = state.rules[run.rule.meta.id]!.filter((f) => !replaced.includes(f.file) && !(loaded.has(f.file) && inTouched(f)));
      catalogRuns.set(run.rule.meta.id, [...keptFindings, ...run.findings.filter(inTouched)].sort((a, b) => a.file - b.file || a.entry - b.entry));
    }
  }
  let catalog: Catalog | undefined;
  if (whole.length > 0) {
    catalog = await compileProject(project, options);
    for (const run of runRules(catalog, whole)) {
      if (run.crashed !== undefined) return undefined;
      catalogRuns.set(run.rule.meta.id, run.findings);
      Object.assign(partitions, partitionsOf(catalog, [run]));
    }
  }
  // The labels kept findings show of entries of changed files (whole reruns' are new).
  const byIndex = new Map([...entriesAfter].map(([i, entries]) => [i, new Map(entries.map((e) => [e.index, e]))]));
  const labelsAfter = (file: number, entry: number) => byIndex.get(file)?.get(entry)?.label;
  for (const { rule } of catalogRules) {
    const id = rule.meta.id;
    if (whole.some((e) => e.rule === rule)) continue;
    const findings = catalogRuns.get(id) ?? state.rules[id]!;
    for (const finding of findings) {
      relabel(finding, labelsAfter);
      for (const related of finding.related ?? []) relabel(related, labelsAfter);
    }
  }

  const runs: RuleRun[] = enabled.map(({ rule, severity }) => {
    const id = rule.meta.id;
    if (rule.meta.scope === 'file') {
      const findings = state.files.flatMap((f, i) => (changes.has(i) ? [] : (f.findings[id] ?? [])));
      return { rule, severity, findings: merge(findings, fileRuns.get(id) ?? []) };
    }
    return { rule, severity, findings: catalogRuns.get(id) ?? state.rules[id]! };
  });
  const waivers: FileWaivers[] = state.files.map((f, i) => (changes.has(i) ? waiversOf(after.get(i)!) : waiversFromState(f)));
  const sourceOf = (i: number) => after.get(i) ?? catalog?.files[i] ?? project.compiled(i).file;
  const locator = new KeepingLocator(sourceOf, (i) => (changes.has(i) ? undefined : state.files[i]!.locations));
  const findings = finish(runs, waivers, locator, enabled);
  if (locator.overflowed) return undefined;

  const files = state.files.map((kept, i): FileState => {
    const file = after.get(i);
    if (!file) return { ...kept, locations: locator.kept(i) };
    const { stamp, hash } = project.identity(i);
    return {
      ...fileIdentity(project, i, changes.get(i) ?? stamp, hash!, file.data?.kind),
      load: project.compiled(i).diagnostics,
      validation: file.validation?.diagnostics ?? [],
      waivers: waiversState(waivers[i]!),
      findings: {},
      locations: locator.kept(i),
    };
  });
  const diagnostics = [...project.projectDiagnostics, ...files.flatMap((f) => f.load), ...files.flatMap((f) => f.validation), ...findings];
  const lines = new KeptLines(state.files, state.files.map((f, i) => (changes.has(i) ? undefined : f.lines)), diagnostics);
  const next = stateOf(files, runs, partitions);
  return {
    diagnostics,
    sources: lines,
    redone: {
      full: false,
      files: [...changes.keys()].map((i) => state.files[i]!.display),
      rules: changes.size === 0 ? [] : [...fileRules, ...rerun].map((e) => e.rule.meta.id),
    },
    keep: keeper(store, next, lines),
  };
}

/** A partitioned rule's re-run: the partitions touched, and the files that hold them. */
interface PartitionPlan {
  enabled: EnabledRule;
  scope: ReadsScope;
  /** The files whose entries are not the same ones (all their findings are made anew). */
  replaced: number[];
  /** The partitions the entries a change touched had or have. */
  parts: Set<string>;
  /** The files holding them, and the registries. */
  files: number[];
  /** Each file's partitions now. */
  now: string[][];
}

/** What to run a partitioned rule over again (undefined: most files hold a touched partition, as well the whole catalog). */
function planPartitions(
  enabled: EnabledRule,
  kept: readonly string[][],
  entriesBefore: ReadonlyMap<number, readonly Entry[] | undefined>,
  entriesAfter: ReadonlyMap<number, readonly Entry[]>,
  registries: Catalog,
  registryFiles: readonly number[],
): PartitionPlan | undefined {
  const scope = enabled.rule.meta.scope as ReadsScope;
  const now = [...kept];
  const parts = new Set<string>();
  const add = (entry: Entry) => {
    const key = scope.partition!(entry, registries);
    if (key !== undefined) parts.add(key);
  };
  const replaced: number[] = [];
  for (const [i, after] of entriesAfter) {
    const before = entriesBefore.get(i);
    const touched = touchedEntries(enabled.rule, before, after);
    if (touched !== 'all' && touched.length === 0) continue;
    now[i] = distinctPartitions(scope, registries, after);
    if (touched === 'all') {
      replaced.push(i);
      for (const key of [...(kept[i] ?? []), ...now[i]!]) parts.add(key);
    } else {
      for (const k of touched) {
        add(before![k]!);
        add(after[k]!);
      }
    }
  }
  const files = [...now.keys()].filter((i) => replaced.includes(i) || registryFiles.includes(i) || now[i]!.some((key) => parts.has(key)));
  return files.length > now.length / 2 ? undefined : { enabled, scope, replaced, parts, files, now };
}

/** Some files as load and validate made them (numbered as in the whole), validated together. */
function loadedFiles(project: ProjectCompilation, options: CompileOptions, indexes: readonly number[]) {
  const files = indexes.map((i) => project.compiled(i).file);
  return { cwd: options.cwd, paths: options.paths, config: project.config, kinds: project.kinds, files, diagnostics: [] };
}

/** A kept finding's labels of entries of changed files (entries whose data changed), made anew. */
export function relabel(finding: { data?: Finding['data']; labels?: LabelPlaces }, labelAfter: (file: number, entry: number) => string | undefined): void {
  if (!finding.labels) return;
  for (const [key, [file, entry]] of Object.entries(finding.labels)) {
    const label = labelAfter(file, entry);
    if (label !== undefined && finding.data?.[key] !== label) finding.data = { ...finding.data, [key]: label };
  }
}

/** The partitions of some entries, each once. */
function distinctPartitions(scope: ReadsScope, catalog: Catalog, entries: readonly Entry[]): string[] {
  const keys = new Set<string>();
  for (const entry of entries) {
    const key = scope.partition!(entry, catalog);
    if (key !== undefined) keys.add(key);
  }
  return [...keys];
}

/** For each partitioned rule that runs (by id): the partitions of each file's entries. */
function partitionsOf(catalog: Catalog, enabled: readonly { rule: Rule }[]): Record<string, string[][]> {
  const out: Record<string, string[][]> = {};
  const byFile = new Map<SourceFile, Entry[]>(catalog.files.map((f) => [f, []]));
  for (const entry of catalog.allEntries()) byFile.get(entry.file)?.push(entry);
  for (const { rule } of enabled) {
    const scope = rule.meta.scope as RuleMeta['scope'] | undefined;
    if (scope === 'file' || !scope?.partition) continue;
    out[rule.meta.id] = catalog.files.map((f) => distinctPartitions(scope, catalog, byFile.get(f)!));
  }
  return out;
}

/** Findings of file scope kept and made anew, in file and entry order (each list is already). */
function merge(kept: Finding[], made: Finding[]): Finding[] {
  if (made.length === 0) return kept;
  return [...kept, ...made].sort((a, b) => a.file - b.file || a.entry - b.entry);
}

/** A changed file's data as it was, from the file cache's record of its content then; undefined when it is gone. */
function recordBefore(project: ProjectCompilation, index: number, kept: FileState): FileRecord | undefined {
  const { record } = project.earlier(index);
  return record?.hash === kept.hash ? record : undefined;
}

/** The same lists, entries and validity before and after (only the text around them changed: comments, layout)? */
function sameData(before: FileRecord, after: SourceFile): boolean {
  const data = after.data;
  const was = before.data;
  if (!data || !was) return !data && !was;
  return (
    was.kind === data.kind &&
    JSON.stringify(was.brokenEntries) === JSON.stringify([...data.brokenEntries]) &&
    JSON.stringify(before.validation?.valid) === JSON.stringify(after.validation?.valid) &&
    JSON.stringify(was.defaults) === JSON.stringify(data.defaults) &&
    was.entries.length === data.entries.length &&
    // An entry taken unchanged from the record (load/fast.ts parseEdited) is the record's own object.
    was.entries.every((entry, i) => entry === data.entries[i] || JSON.stringify(entry) === JSON.stringify(data.entries[i]))
  );
}

/** Did a change from `before` to `after` (one file's entries) change what the rule reads? */
function touches(rule: Rule, before: readonly Entry[] | undefined, after: readonly Entry[]): boolean {
  const touched = touchedEntries(rule, before, after);
  return touched === 'all' || touched.length > 0;
}

/**
 * Which of one file's entries a change touched for the rule: the positions of
 * those whose validity, key or a field it reads changed, or 'all' when which
 * entries there are changed (or what they were is not known).
 */
function touchedEntries(rule: Rule, before: readonly Entry[] | undefined, after: readonly Entry[]): 'all' | number[] {
  const scope = rule.meta.scope;
  if (scope === 'file') return [];
  if (scope === undefined || before === undefined) return 'all';
  const fieldsBefore = before.length > 0 ? scope.reads(before[0]!.kind) : undefined;
  const fieldsAfter = after.length > 0 ? scope.reads(after[0]!.kind) : undefined;
  if (fieldsBefore === undefined && fieldsAfter === undefined) return [];
  if (fieldsBefore === undefined || fieldsAfter === undefined || before.length !== after.length || before[0]!.kind !== after[0]!.kind) return 'all';
  if (before.some((a, k) => a.index !== after[k]!.index)) return 'all';
  return [...before.keys()].filter((k) => {
    const a = before[k]!;
    const b = after[k]!;
    return a.valid !== b.valid || a.key !== b.key || fieldsAfter.some((f) => !sameValue(a.data[f], b.data[f]));
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

/**
 * Locates through the files, and keeps where each place of each file is: a
 * later run takes them for a file whose content has not changed.
 */
class KeepingLocator implements Locator {
  private readonly places = new Map<number, Map<string, SourceLocation>>();
  private count = 0;
  /** The files whose source was asked to locate (and not yet done). */
  private readonly read = new Set<number>();
  /** Too many places to keep (see MAX_KEPT_PLACES): none are. */
  overflowed = false;

  constructor(
    private readonly source: (file: number) => SourceFile,
    private readonly earlier: (file: number) => readonly [string, SourceLocation][] | undefined,
  ) {}

  locate(file: number, entry: number, field: DataPath, start?: number, end?: number): SourceLocation {
    if (this.overflowed) return locateIn(this.sourceRead(file), entry, field, start, end);
    let places = this.places.get(file);
    if (!places) this.places.set(file, (places = new Map()));
    const key = placeKey(entry, field, start, end);
    let location = places.get(key);
    if (!location) {
      location = this.remembered(file).get(key) ?? locateIn(this.sourceRead(file), entry, field, start, end);
      places.set(key, location);
      if (++this.count > MAX_KEPT_PLACES) {
        this.overflowed = true;
        this.places.clear();
        this.earlierMaps.clear();
      }
    }
    return location;
  }

  /** Done with a file in this run: let go of what its source keeps if it was read (see SourceFile.evict). */
  done(file: number): void {
    if (this.read.delete(file)) this.source(file).evict();
  }

  /** The places of a file located in this run. */
  kept(file: number): [string, SourceLocation][] {
    return [...(this.places.get(file) ?? [])];
  }

  private sourceRead(file: number): SourceFile {
    this.read.add(file);
    return this.source(file);
  }

  private readonly earlierMaps = new Map<number, Map<string, SourceLocation>>();
  private remembered(file: number): Map<string, SourceLocation> {
    let map = this.earlierMaps.get(file);
    if (!map) this.earlierMaps.set(file, (map = new Map(this.earlier(file) ?? [])));
    return map;
  }
}

function placeKey(entry: number, field: DataPath, start?: number, end?: number): string {
  return `${entry}\u0000${field.join('\u0001')}\u0000${start ?? ''}\u0000${end ?? ''}`;
}

function fileIdentity(project: ProjectCompilation, index: number, stamp: FileStamp | undefined, hash: string, kind: string | undefined) {
  const { path, display } = project.file(index);
  return { path, display, stamp: stamp && stampTrusted(stamp) ? stamp.id : undefined, hash, kind };
}

function waiversState(w: FileWaivers): FileState['waivers'] {
  return { own: [...w.own], ...(w.shared ? { shared: { at: w.shared.at, list: [...w.shared.list] } } : {}) };
}

function waiversFromState(f: FileState): FileWaivers {
  return { own: new Map(f.waivers.own), ...(f.waivers.shared ? { shared: f.waivers.shared } : {}) };
}

/** The state to keep: file-scope findings go with their files. */
function stateOf(files: FileState[], runs: readonly RuleRun[], partitions: Record<string, string[][]>): Omit<CheckState, 'magic' | 'key'> {
  const rules: Record<string, Finding[]> = {};
  for (const run of runs) {
    if (run.rule.meta.scope !== 'file') {
      rules[run.rule.meta.id] = run.findings;
      continue;
    }
    for (const f of files) f.findings[run.rule.meta.id] = [];
    for (const finding of run.findings) files[finding.file]!.findings[run.rule.meta.id]!.push(finding);
  }
  return { files, rules, partitions };
}

/**
 * The files' texts for reports. A report shows a diagnostic's line (stylish,
 * sarif); a file unchanged since the lines it shows were kept is given as
 * those lines, the others blank, and is not read. The lines a report reads
 * are kept for the next run.
 */
class KeptLines implements SourceTexts {
  private readonly index: Map<string, number>;
  /** Per file: the lines its diagnostics are on. */
  private readonly needed: Set<number>[];
  private readonly kept: (FileState['lines'] | undefined)[];
  /**
   * The files by path alone, their text read when a report shows a line of
   * them: what was checked (the catalog: at a million entries, a gigabyte)
   * is let go before the report is written.
   */
  private readonly files: readonly SourceFile[];

  constructor(
    files: readonly { path: string; display: string }[],
    earlier: readonly (FileState['lines'] | undefined)[],
    diagnostics: readonly Diagnostic[],
  ) {
    this.files = files.map((f) => SourceFile.fromLayout(f.path, f.display, undefined));
    this.index = new Map(files.map((f, i) => [f.display, i]));
    this.needed = files.map(() => new Set());
    for (const d of diagnostics) {
      const i = d.location ? this.index.get(d.location.file) : undefined;
      if (i !== undefined) this.needed[i]!.add(d.location!.line);
    }
    this.kept = files.map((_, i) => earlier[i]);
  }

  /** The last file's source given: a report asks for one file's many times in a row. */
  private last: { i: number; source: string | SourceLines } | undefined;

  get(display: string): string | undefined {
    const source = this.source(display);
    if (typeof source !== 'object') return source;
    return Array.from({ length: source.count }, (_, n) => source.line(n + 1) ?? '').join('\n');
  }

  /** The kept lines of an unchanged file: not joined into a text that the report splits again. */
  lines(display: string): SourceLines | undefined {
    const source = this.source(display);
    return typeof source === 'object' ? source : undefined;
  }

  private source(display: string): string | SourceLines | undefined {
    const i = this.index.get(display);
    if (i === undefined) return undefined;
    if (this.last?.i !== i) this.last = { i, source: this.sparse(i) ?? this.read(i) };
    return this.last.source;
  }

  /**
   * The lines kept of a file, if they include every line its diagnostics are
   * on: up to the last of those (no report reads past it), the others blank.
   * Looked up, not laid out in an array as long as the file.
   */
  private sparse(i: number): SourceLines | undefined {
    const kept = this.kept[i];
    const needed = this.needed[i]!;
    if (!kept || kept.count === 0) return undefined;
    const lines = new Map(kept.kept);
    let last = 0;
    for (const n of needed) {
      if (!lines.has(n)) return undefined;
      last = Math.max(last, n);
    }
    return { count: Math.min(kept.count, last), line: (n) => lines.get(n) };
  }

  /** A file read for the report: its lines that the diagnostics are on, when they can be kept; else its text. */
  private read(i: number): string | SourceLines {
    const text = this.text(i);
    // A report frames many lines of a file in a row: the lines it shows, not the whole text split again.
    return this.sparse(i) ?? text;
  }

  private text(i: number): string {
    const file = this.files[i]!;
    const text = file.text;
    // Not kept among the recently used texts (SourceFile.evict): the report
    // reads each file once, and keeps the lines it shows (or, rarely, the text
    // in `last`). Kept there, each text would outlive young-generation
    // collections, and a report that frames every file's lines would leave
    // them all as old garbage (at a million entries, some 800 MB of it).
    file.evict();
    // Lines as every report splits them (a lone CR splits lines for some, not for others: such a file is not kept).
    if (text !== '' && !/\r(?!\n)/.test(text)) this.kept[i] = linesAt(text, this.needed[i]!);
    return text;
  }

  /** The state with each file's kept lines (only those its diagnostics are on). */
  into(state: Omit<CheckState, 'magic' | 'key'>): Omit<CheckState, 'magic' | 'key'> {
    state.files.forEach((f, i) => {
      const kept = this.kept[i];
      const needed = this.needed[i]!;
      if (kept && needed.size > 0) f.lines = { count: kept.count, kept: kept.kept.filter(([n]) => needed.has(n)) };
      else delete f.lines;
    });
    return state;
  }
}

/** Lines n of a text (split at LF or CRLF), and how many it has: found by scanning, not by splitting it all. */
function linesAt(text: string, wanted: ReadonlySet<number>): { count: number; kept: [number, string][] } {
  const kept: [number, string][] = [];
  let n = 1;
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    // Each line a string of its own (detachedSlice): a slice would keep the file's whole text alive
    // with the lines kept (at a million entries, every file's: some 800 MB through the report).
    if (wanted.has(n)) kept.push([n, detachedSlice(text, start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end)]);
    if (newline < 0) return { count: n, kept };
    n++;
    start = newline + 1;
  }
}

/**
 * The tool, configuration and kinds (as the file cache), the edition's date
 * (today's, when the configuration sets none: laws come into force), the rules
 * that run and how, and the files asked for.
 */
function stateKey(project: ProjectCompilation, enabled: readonly EnabledRule[], options: CompileOptions): string {
  const rules = enabled.map((e) => [e.rule.meta.id, e.severity, e.options]);
  return createHash('sha256')
    .update(JSON.stringify({ cache: project.cache!.key, date: editionDate(project.config), rules, cwd: options.cwd, paths: options.paths }))
    .digest('hex')
    .slice(0, 40);
}

/**
 * The state file, one per key, beside the file cache's records: JSON in
 * UTF-16, as the records are (src/cache/index.ts). A re-check reads all of it
 * and writes it again; in UTF-16 its Chinese strings (the names findings
 * show, the lines kept) are read back without decoding UTF-8. At 100k entries
 * that is some 5–10 ms less of the 115–135 that reading and writing take in a
 * re-check (most of the rest is JSON.parse, JSON.stringify and the collection
 * of what they make), 15–25 ms in a process doing nothing else.
 *
 * A more compact layout turned back into the state by code (strings in a
 * table, findings, locations and diagnostics as arrays: a third of the
 * characters) was slower: that code runs once per process, unoptimized, over
 * every finding, where JSON.parse and JSON.stringify are native. Locations
 * alone as arrays (a quarter of the text) gained nothing measurable.
 */
class StateStore {
  private readonly file: string;

  constructor(
    private readonly directory: string,
    private readonly key: string,
  ) {
    this.file = join(directory, `check-${key}.bin`);
  }

  read(): CheckState | undefined {
    try {
      const state = JSON.parse(readFileSync(this.file).toString('utf16le')) as CheckState;
      return state.magic === MAGIC && state.key === this.key && Array.isArray(state.files) ? state : undefined;
    } catch {
      return undefined;
    }
  }

  /** Failing to keep the state never fails the run (the next one is a full one). */
  write(state: Omit<CheckState, 'magic' | 'key'>): void {
    const tmp = `${this.file}.${process.pid}-${threadId}.tmp`;
    try {
      mkdirSync(this.directory, { recursive: true });
      const text = JSON.stringify({ magic: MAGIC, key: this.key, ...state });
      const bytes = Buffer.allocUnsafe(text.length * 2);
      bytes.write(text, 0, 'utf16le');
      const fd = openSync(tmp, 'w');
      try {
        writeSync(fd, bytes);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, this.file);
    } catch {
      rmSync(tmp, { force: true });
    }
  }
}
